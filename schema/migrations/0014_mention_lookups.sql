-- Lookups of a thread's and an author's mentions. `mentions` is sorted by (brand, post_id), so finding them by
-- root or author would read a brand's whole time range with FINAL. These tables map (brand, root_id) and
-- (brand, author_id) to post ids; readers take the post ids from here and the rows from `mentions FINAL` by
-- primary key, and check the root or author there: a mention whose thread root changed in a later version
-- leaves a stale entry here, which that check drops. The author id is kept in both, so an erasure finds them.
CREATE TABLE IF NOT EXISTS mention_by_root
(
    brand String,
    root_id String,
    post_id String,
    author_id String,
    created_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(created_at)
ORDER BY (brand, root_id, post_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS mention_by_root_mv TO mention_by_root AS
SELECT brand, root_id, post_id, author_id, created_at FROM mentions;

CREATE TABLE IF NOT EXISTS mention_by_author
(
    brand String,
    author_id String,
    created_at DateTime('UTC'),
    post_id String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(created_at)
ORDER BY (brand, author_id, created_at, post_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS mention_by_author_mv TO mention_by_author AS
SELECT brand, author_id, created_at, post_id FROM mentions;

-- Mentions stored before this migration.
INSERT INTO mention_by_root (brand, root_id, post_id, author_id, created_at)
SELECT brand, root_id, post_id, author_id, created_at FROM mentions;

INSERT INTO mention_by_author (brand, author_id, created_at, post_id)
SELECT brand, author_id, created_at, post_id FROM mentions;
