-- What normalisation adds to a post (schema/post.ts):
--   quotes            quote posts, where the platform counts them (Bluesky quoteCount); NULL where it does not;
--   approximate_time  1 when the platform gave no time for the item and created_at is the feed's or the fetch's
--                     time (a time the post existed by, not when it was written);
--   truncated         1 when a text field was cut to its length limit at normalisation.
-- One column per ALTER: 18.16 has no ADD COLUMN IF NOT EXISTS; schema/migrate.ts treats "already exists" on a
-- repeated single-column ADD COLUMN as done.
ALTER TABLE posts ADD COLUMN quotes Nullable(UInt32);
ALTER TABLE posts ADD COLUMN approximate_time UInt8 DEFAULT 0;
ALTER TABLE posts ADD COLUMN truncated UInt8 DEFAULT 0;
