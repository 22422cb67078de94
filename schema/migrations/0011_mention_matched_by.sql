-- How a post became a brand's mention: 'query' (the brand query matched), 'account' (written by or addressed
-- to one of the brand's accounts) or 'thread' (a reply, quote or repost inside the brand's thread that does not
-- name the brand). Rows written before this column existed read as 'query'. One column per ALTER: 18.16 has no
-- ADD COLUMN IF NOT EXISTS, and schema/migrate.ts treats "column already exists" on a repeated run as done.
ALTER TABLE mentions ADD COLUMN matched_by String DEFAULT 'query';
