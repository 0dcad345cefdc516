-- A topic whose only post its author deleted is deleted too; it stays for
-- moderators and leaves every listing.
ALTER TABLE topics ADD COLUMN deleted_at timestamptz;

-- Finding a forum's newest topic after a deletion, whatever the topic kinds.
CREATE INDEX topics_forum_latest ON topics (forum_id, last_post_at DESC, id DESC) WHERE deleted_at IS NULL;
