-- Dashboard rollups per brand × minute and × hour. Materialized views see every insert, so they aggregate only
-- a mention's first emission (revision 0) and only with states that a repeated insert cannot inflate
-- (uniqExact of ids): volume, unique authors and sentiment label counts stay exact after a crash re-inserts
-- rows. sentiment_sum is the raw sum for averages; it can count a row twice after a sink crash (README).
-- Mode changes as replies arrive, so the mode mix is read from `mentions FINAL` (schema/queries.ts), not here.
-- Authentic figures leave out mentions whose author carried a flag (signals) when the mention was emitted;
-- trust_weighted weights the others by the author's trust then (50 when not scored yet). The view
-- `authentic_hourly` gives the same with today's flags and trust.
CREATE TABLE IF NOT EXISTS mention_rollup_minute
(
    brand String,
    bucket DateTime('UTC'),
    direction Enum8('brand_to_customer' = 1, 'customer_to_brand' = 2, 'customer_to_customer' = 3),
    source String,
    lang String,
    mentions AggregateFunction(uniqExact, String),
    authors AggregateFunction(uniqExact, String),
    positive AggregateFunction(uniqExactIf, String, UInt8),
    neutral AggregateFunction(uniqExactIf, String, UInt8),
    negative AggregateFunction(uniqExactIf, String, UInt8),
    sentiment_sum AggregateFunction(sum, Float64),
    authentic AggregateFunction(uniqExactIf, String, UInt8),
    authentic_positive AggregateFunction(uniqExactIf, String, UInt8),
    authentic_negative AggregateFunction(uniqExactIf, String, UInt8),
    trust_weighted AggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMMDD(bucket)
ORDER BY (brand, bucket, direction, source, lang);

CREATE MATERIALIZED VIEW IF NOT EXISTS mention_rollup_minute_mv TO mention_rollup_minute AS
SELECT
    brand,
    toStartOfMinute(created_at) AS bucket,
    direction,
    source,
    lang,
    uniqExactState(post_id) AS mentions,
    uniqExactState(author_id) AS authors,
    uniqExactIfState(post_id, toUInt8(sentiment_label = 'positive')) AS positive,
    uniqExactIfState(post_id, toUInt8(sentiment_label = 'neutral')) AS neutral,
    uniqExactIfState(post_id, toUInt8(sentiment_label = 'negative')) AS negative,
    sumState(toFloat64(sentiment_score)) AS sentiment_sum,
    uniqExactIfState(post_id, toUInt8(length(signals) = 0)) AS authentic,
    uniqExactIfState(post_id, toUInt8(length(signals) = 0 AND sentiment_label = 'positive')) AS authentic_positive,
    uniqExactIfState(post_id, toUInt8(length(signals) = 0 AND sentiment_label = 'negative')) AS authentic_negative,
    sumState(toFloat64(if(length(signals) = 0, ifNull(author_trust, 50), 0) / 100)) AS trust_weighted
FROM mentions
WHERE revision = 0
GROUP BY brand, bucket, direction, source, lang;

CREATE TABLE IF NOT EXISTS mention_rollup_hour
(
    brand String,
    bucket DateTime('UTC'),
    direction Enum8('brand_to_customer' = 1, 'customer_to_brand' = 2, 'customer_to_customer' = 3),
    source String,
    lang String,
    mentions AggregateFunction(uniqExact, String),
    authors AggregateFunction(uniqExact, String),
    positive AggregateFunction(uniqExactIf, String, UInt8),
    neutral AggregateFunction(uniqExactIf, String, UInt8),
    negative AggregateFunction(uniqExactIf, String, UInt8),
    sentiment_sum AggregateFunction(sum, Float64),
    authentic AggregateFunction(uniqExactIf, String, UInt8),
    authentic_positive AggregateFunction(uniqExactIf, String, UInt8),
    authentic_negative AggregateFunction(uniqExactIf, String, UInt8),
    trust_weighted AggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(bucket)
ORDER BY (brand, bucket, direction, source, lang);

CREATE MATERIALIZED VIEW IF NOT EXISTS mention_rollup_hour_mv TO mention_rollup_hour AS
SELECT
    brand,
    toStartOfHour(created_at) AS bucket,
    direction,
    source,
    lang,
    uniqExactState(post_id) AS mentions,
    uniqExactState(author_id) AS authors,
    uniqExactIfState(post_id, toUInt8(sentiment_label = 'positive')) AS positive,
    uniqExactIfState(post_id, toUInt8(sentiment_label = 'neutral')) AS neutral,
    uniqExactIfState(post_id, toUInt8(sentiment_label = 'negative')) AS negative,
    sumState(toFloat64(sentiment_score)) AS sentiment_sum,
    uniqExactIfState(post_id, toUInt8(length(signals) = 0)) AS authentic,
    uniqExactIfState(post_id, toUInt8(length(signals) = 0 AND sentiment_label = 'positive')) AS authentic_positive,
    uniqExactIfState(post_id, toUInt8(length(signals) = 0 AND sentiment_label = 'negative')) AS authentic_negative,
    sumState(toFloat64(if(length(signals) = 0, ifNull(author_trust, 50), 0) / 100)) AS trust_weighted
FROM mentions
WHERE revision = 0
GROUP BY brand, bucket, direction, source, lang;
