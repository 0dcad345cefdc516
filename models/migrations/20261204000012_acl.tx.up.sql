-- Per-forum permissions, phpBB's way: each group holds, for each forum, a
-- set of granted permissions and a set it may never have. A member's rights
-- in a forum are the union of their groups' grants minus the union of their
-- groups' "never" sets. Both sets are bit masks whose bit numbers are fixed
-- in models/acl.go.
CREATE TABLE forum_acl (
    forum_id bigint NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    group_id bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    allow    bigint NOT NULL DEFAULT 0,
    never    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (forum_id, group_id)
);

CREATE INDEX forum_acl_by_group ON forum_acl (group_id);

-- The board's default permissions, given to every forum when it is made
-- (by the admin panel, the seeders or a bulk load) and to every forum that
-- exists now: guests read, members take part, moderators look after
-- every forum. Administrators hold every right without rows of their own.
--   read only        f_list f_read f_download                                  = 2051
--   standard access  + f_post f_reply f_edit f_delete f_poll f_vote f_attach
--                      f_bbcode f_img                                          = 16191
--   full access      every f_ bit                                              = 32767
--   full moderator   every m_ bit                                              = 2194728288256
CREATE FUNCTION forum_default_acl() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO forum_acl (forum_id, group_id, allow)
    SELECT NEW.id, g.id, CASE g.system_key
            WHEN 'GUESTS' THEN 2051
            WHEN 'REGISTERED' THEN 16191
            ELSE 32767 | 2194728288256
        END
    FROM groups g WHERE g.system_key IN ('GUESTS', 'REGISTERED', 'MODERATORS')
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER forum_default_acl AFTER INSERT ON forums
    FOR EACH ROW EXECUTE FUNCTION forum_default_acl();

INSERT INTO forum_acl (forum_id, group_id, allow)
SELECT f.id, g.id, CASE g.system_key
        WHEN 'GUESTS' THEN 2051
        WHEN 'REGISTERED' THEN 16191
        ELSE 32767 | 2194728288256
    END
FROM forums f CROSS JOIN groups g WHERE g.system_key IN ('GUESTS', 'REGISTERED', 'MODERATORS');

UPDATE groups SET description = 'Global moderators: members who look after every forum.' WHERE system_key = 'MODERATORS';
