-- A post's search vector is kept by a trigger instead of being a generated
-- column. For every write the app makes nothing changes: the vector is
-- to_tsvector('english', body), set on insert and whenever the body (or the
-- vector itself) is written. The difference is that a generated column can
-- never be supplied, while a trigger can be switched off inside one
-- transaction: the bulk seeder does that and writes vectors it composed
-- itself, because computing a million of them here was two thirds of the
-- time it spent loading posts. Existing vectors stay as they are.
ALTER TABLE posts ALTER COLUMN search DROP EXPRESSION;

CREATE FUNCTION posts_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := to_tsvector('english'::regconfig, NEW.body);
    RETURN NEW;
END
$$;

CREATE TRIGGER posts_search_vector BEFORE INSERT OR UPDATE OF body, search ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_search_vector();

-- Posts' text is compressed with lz4 where the server was built with it:
-- several times faster than the default (pglz) to compress and to read back,
-- for values a few per cent larger. With pglz, compressing the rows was a
-- third of what loading posts cost the bulk seeder once the vectors came
-- ready-made. Values written before keep their compression.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE posts
            ALTER COLUMN body SET COMPRESSION lz4,
            ALTER COLUMN body_html SET COMPRESSION lz4,
            ALTER COLUMN search SET COMPRESSION lz4;
    END IF;
END
$$;
