-- Normalised posts and reviews, one row per post version (ReplacingMergeTree keeps the newest).
-- Day partitions so retention is ALTER TABLE ... DROP PARTITION (portable; TTL is not on 18.16).
CREATE TABLE IF NOT EXISTS posts
(
    post_id String,
    source String,
    url String,
    author_id String,
    author_handle String,
    author_name String,
    author_followers Nullable(UInt32),
    author_following Nullable(UInt32),
    author_created_at Nullable(DateTime('UTC')),
    author_verified UInt8,
    author_bot UInt8,
    author_is_brand UInt8,
    text String,
    lang String,
    created_at DateTime('UTC'),
    fetched_at DateTime('UTC'),
    reply_to_post_id String,
    reply_to_author_id String,
    quote_of_post_id String,
    repost_of_post_id String,
    root_id String,
    mentions Array(String),
    hashtags Array(String),
    links Array(String),
    likes UInt32,
    reposts UInt32,
    replies UInt32,
    views Nullable(UInt64),
    review_rating Nullable(Float32),
    review_max_rating Nullable(Float32),
    review_product String,
    review_title String,
    review_owner_reply String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMMDD(created_at)
ORDER BY (source, post_id);
