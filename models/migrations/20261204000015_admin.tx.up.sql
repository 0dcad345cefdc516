-- An account an administrator deletes keeps its posts: the row stays,
-- marked deleted, so the posts still show the name (as a guest's, with no
-- link to a profile), while the account itself can no longer be used. A
-- deleted account keeps no email address, so the column may be empty; the
-- name stays taken, so nobody can post under it afterwards.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

-- A group's colour is set in the admin panel as #rrggbb, or not at all.
UPDATE groups SET colour = lower(colour) WHERE colour ~ '^#[0-9A-Fa-f]{6}$';
UPDATE groups SET colour = '' WHERE colour !~ '^#[0-9a-f]{6}$';
ALTER TABLE groups ADD CONSTRAINT groups_colour_hex CHECK (colour ~ '^(#[0-9a-f]{6})?$');
