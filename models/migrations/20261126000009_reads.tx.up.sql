-- Unread tracking. A topic is unread for a member when its last post is
-- newer than their "everything before this is read" mark and numbered past
-- the last post they were shown in it. New tables rather than new columns:
-- queries read users.* and sessions.* into structs that know only their
-- own columns.

-- "Mark all forums read": everything posted before marked_at is read. A
-- member without a row has read everything from before they joined.
CREATE TABLE read_marks (
    user_id   bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    marked_at timestamptz NOT NULL
);

-- How far a member has read a topic: every post numbered up to
-- last_read_number was on a page they were shown (or has been deleted).
-- Marking all forums read empties a member's rows.
CREATE TABLE topic_reads (
    user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic_id         bigint NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    last_read_number integer NOT NULL,
    PRIMARY KEY (user_id, topic_id)
);

-- The board-wide topic lists (unread, new, unanswered) go newest first.
CREATE INDEX topics_latest ON topics (last_post_at DESC, id DESC) WHERE deleted_at IS NULL;

-- "New posts since your last visit": when a session's member was last seen
-- before its current visit began (NULL: never). A session starts a visit,
-- and so does one that lay idle longer than a browser session lasts
-- (models.SessionIdle, two hours), so that a "remember me" login does not
-- keep one visit for a month.
CREATE TABLE session_visits (
    session_id bigint PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    since      timestamptz
);

-- Sessions open before this migration count from when they began.
INSERT INTO session_visits (session_id, since) SELECT id, created_at FROM sessions;

CREATE FUNCTION session_visit_begins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO session_visits (session_id, since)
    SELECT NEW.id, CASE WHEN TG_OP = 'INSERT'
        -- greatest() skips NULLs: a member never seen before stays NULL.
        THEN (SELECT greatest(u.last_visit_at,
                (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id AND s.id <> NEW.id))
            FROM users u WHERE u.id = NEW.user_id)
        ELSE OLD.last_seen_at END
    ON CONFLICT (session_id) DO UPDATE SET since = excluded.since;
    RETURN NULL;
END $$;

CREATE TRIGGER session_visit_on_login AFTER INSERT ON sessions
    FOR EACH ROW EXECUTE FUNCTION session_visit_begins();

CREATE TRIGGER session_visit_on_return AFTER UPDATE OF last_seen_at ON sessions
    FOR EACH ROW WHEN (NEW.last_seen_at > OLD.last_seen_at + interval '2 hours')
    EXECUTE FUNCTION session_visit_begins();
