-- Engagement counts the platform did not report are unknown, not zero (schema/post.ts): likes, reposts and
-- replies become Nullable like quotes and views; NULL is "not reported", 0 is a reported 0. Rows written
-- before keep their values (a 0 there may have stood for an unknown count).
-- One column per ALTER, as in 0010. MODIFY COLUMN to the type a column already has changes nothing, so a
-- repeated run (a crash between applying and recording this migration) is harmless on every engine.
ALTER TABLE posts MODIFY COLUMN likes Nullable(UInt32);
ALTER TABLE posts MODIFY COLUMN reposts Nullable(UInt32);
ALTER TABLE posts MODIFY COLUMN replies Nullable(UInt32);
