-- The fact table analysts use: one row per post × brand, re-written with a higher version when its thread,
-- mode or sentiment changes. Exact figures read it with FINAL or argMax(…, version); revision 0 is the first
-- emission. Day partitions: retention is ALTER TABLE ... DROP PARTITION.
CREATE TABLE IF NOT EXISTS mentions
(
    post_id String,
    brand String,
    source String,
    url String,
    author_id String,
    author_handle String,
    author_followers Nullable(UInt32),
    author_following Nullable(UInt32),
    author_created_at Nullable(DateTime('UTC')),
    author_bot UInt8,
    author_is_brand UInt8,
    author_trust Nullable(Float32),
    text String,
    lang String,
    created_at DateTime('UTC'),
    reply_to_post_id String,
    quote_of_post_id String,
    repost_of_post_id String,
    root_id String,
    direction Enum8('brand_to_customer' = 1, 'customer_to_brand' = 2, 'customer_to_customer' = 3),
    direction_rule String,
    mode Enum8('oneway' = 1, 'twoway' = 2, 'multiway' = 3, 'hybrid' = 4),
    sentiment_score Float32,
    sentiment_label Enum8('negative' = -1, 'neutral' = 0, 'positive' = 1),
    sentiment_confidence Float32,
    sentiment_model String,
    emotion_joy Float32,
    emotion_anger Float32,
    emotion_fear Float32,
    emotion_sadness Float32,
    emotion_surprise Float32,
    emotion_trust Float32,
    dominant_emotion String,
    advocacy String,
    review_rating Nullable(Float32),
    signals Array(String),
    matched_terms Array(String),
    version UInt64,
    revision UInt32
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMMDD(created_at)
ORDER BY (brand, post_id);
