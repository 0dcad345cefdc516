-- A forum's list of topics, in the order its pages show them, holding only
-- live topics and ending in the id: a page deep into a big forum is counted
-- off this index alone (an index-only scan), never off the table.
CREATE INDEX IF NOT EXISTS topics_forum_listing ON topics (forum_id, kind DESC, last_post_at DESC, id DESC)
	WHERE deleted_at IS NULL;
