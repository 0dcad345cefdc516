-- The member list's "names starting with" filter: citext's LIKE cannot use
-- an index, so the filter compares lower-cased names against this one.
CREATE INDEX users_by_name_prefix ON users (lower(username::text) text_pattern_ops);
