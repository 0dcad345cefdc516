-- Flood control: when each member last posted.
ALTER TABLE users ADD COLUMN last_post_at timestamptz;

-- One-time keys carried by posting forms: a second submission of the same
-- form (a double click, a retry after a network error) finds its key taken
-- and is answered with the post the first one made.
CREATE TABLE submission_keys (
    key        text PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    post_id    bigint REFERENCES posts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX submission_keys_by_age ON submission_keys (created_at);

-- The half-written reply of a member in a topic, restored into the box.
CREATE TABLE drafts (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic_id   bigint NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    body       text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, topic_id)
);
