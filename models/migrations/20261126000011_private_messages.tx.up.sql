-- Private messages. A message is written once; each recipient has a row of
-- their own copy's state, and the sender's copy state sits on the message,
-- so that each side deletes or saves only what is theirs.
CREATE TABLE private_messages (
    id                bigserial PRIMARY KEY,
    sender_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject           text NOT NULL,
    body              text NOT NULL,
    body_html         text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    reply_to_id       bigint REFERENCES private_messages (id) ON DELETE SET NULL,
    sender_deleted_at timestamptz,
    sender_saved      boolean NOT NULL DEFAULT false,
    -- The compose form's one-time key: a second submission of the same
    -- form (a double click, a resend after a timeout) finds the first.
    submission_key    text
);

CREATE UNIQUE INDEX private_messages_submission ON private_messages (sender_id, submission_key);

-- The sender's folders and the hourly sending limit read by sender, newest first.
CREATE INDEX private_messages_sender ON private_messages (sender_id, created_at DESC);

CREATE TABLE pm_recipients (
    message_id bigint NOT NULL REFERENCES private_messages (id) ON DELETE CASCADE,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at    timestamptz,
    deleted_at timestamptz,
    saved      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (message_id, user_id)
);

-- A member's inbox, newest first; the partial index answers the header's
-- unread count on every page.
CREATE INDEX pm_recipients_user ON pm_recipients (user_id, message_id DESC);
CREATE INDEX pm_recipients_unread ON pm_recipients (user_id) WHERE read_at IS NULL AND deleted_at IS NULL;

-- Members who refuse private messages from another member.
CREATE TABLE pm_blocks (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, blocked_id)
);
