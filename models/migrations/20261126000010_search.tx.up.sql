-- Full-text search. The vectors are stored generated columns, so every
-- insert, edit and COPY keeps them in step with the text without a trigger,
-- and ranking reads them instead of re-parsing each matching body.
ALTER TABLE posts ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED;
CREATE INDEX posts_search ON posts USING gin (search);

-- Titles carry weight A, so ts_rank puts a title match above a body match.
ALTER TABLE topics ADD COLUMN search tsvector
    GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, title), 'A')) STORED;
CREATE INDEX topics_search ON topics USING gin (search);
