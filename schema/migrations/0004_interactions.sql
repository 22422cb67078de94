-- Reaction edges between authors (who replied to, quoted, reposted or mentioned whom), per brand community.
-- `id` is stable per post, kind and target, so a re-processed post writes the same edge again.
CREATE TABLE IF NOT EXISTS interactions
(
    id String,
    from_author_id String,
    to_author_id String,
    kind Enum8('reply' = 1, 'quote' = 2, 'repost' = 3, 'mention' = 4, 'review_reply' = 5),
    brand String,
    post_id String,
    target_post_id String,
    at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMMDD(at)
ORDER BY (brand, to_author_id, id);
