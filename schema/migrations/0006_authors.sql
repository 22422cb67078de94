-- Latest influence and trust per author × brand community (processors/score via lateral.authors.v1). The newest
-- version wins (read with FINAL). `components` keeps every figure behind the scores, as JSON, for explanations.
CREATE TABLE IF NOT EXISTS authors
(
    author_id String,
    brand String,
    is_brand UInt8,
    influence Float32,
    trust Float32,
    influence_raw Float32,
    weighted_reactions Float32,
    unique_reactors UInt32,
    amplification_per_post Float32,
    pagerank Float32,
    followers UInt32,
    posts Float32,
    reputation Float32,
    behaviour_prior Float32,
    flags Array(String),
    flag_evidence Array(String),
    components String,
    model String,
    updated_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand, author_id);

-- Every score ever written, for trends: one row per author × brand × version (a re-insert after a crash has
-- the same key and is merged away).
CREATE TABLE IF NOT EXISTS author_scores_history
(
    author_id String,
    brand String,
    is_brand UInt8,
    influence Float32,
    trust Float32,
    influence_raw Float32,
    weighted_reactions Float32,
    unique_reactors UInt32,
    amplification_per_post Float32,
    pagerank Float32,
    followers UInt32,
    posts Float32,
    reputation Float32,
    behaviour_prior Float32,
    flags Array(String),
    flag_evidence Array(String),
    components String,
    model String,
    updated_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(updated_at)
ORDER BY (brand, author_id, version);

CREATE MATERIALIZED VIEW IF NOT EXISTS author_scores_history_mv TO author_scores_history AS
SELECT author_id, brand, is_brand, influence, trust, influence_raw, weighted_reactions, unique_reactors,
    amplification_per_post, pagerank, followers, posts, reputation, behaviour_prior, flags, flag_evidence,
    components, model, updated_at, version
FROM authors;

-- Who moves opinion: the most influential customers of each brand (brand accounts and flagged accounts aside).
CREATE VIEW IF NOT EXISTS top_influencers AS
SELECT brand, author_id, influence, trust, weighted_reactions, unique_reactors, amplification_per_post, pagerank, followers
FROM authors FINAL
WHERE is_brand = 0 AND length(flags) = 0
ORDER BY brand, influence DESC, weighted_reactions DESC
LIMIT 50 BY brand;

-- Whom people trust: the most trusted voices that others react to.
CREATE VIEW IF NOT EXISTS trusted_voices AS
SELECT brand, author_id, trust, reputation, behaviour_prior, influence, weighted_reactions
FROM authors FINAL
WHERE is_brand = 0 AND length(flags) = 0 AND weighted_reactions > 0
ORDER BY brand, trust DESC, influence DESC
LIMIT 50 BY brand;

-- The lateral share: how much of a brand's reach (reactions received, decayed, trust-weighted) its customers
-- carry rather than its own accounts; followers as the audience-based counterpart.
CREATE VIEW IF NOT EXISTS reach_share AS
SELECT
    brand,
    sumIf(weighted_reactions, is_brand = 1) AS brand_reach,
    sumIf(weighted_reactions, is_brand = 0) AS customer_reach,
    round(customer_reach / (brand_reach + customer_reach), 3) AS lateral_share,
    sumIf(followers, is_brand = 1) AS brand_audience,
    sumIf(followers, is_brand = 0 AND length(flags) = 0) AS customer_audience,
    uniqExactIf(author_id, is_brand = 0 AND length(flags) = 0) AS customers,
    uniqExactIf(author_id, length(flags) > 0) AS flagged_accounts
FROM authors FINAL
GROUP BY brand;

-- Raw next to authentic volume and sentiment per brand and hour: authentic leaves out mentions by accounts
-- flagged now (likely_bot, spam, coordinated) and weights the rest by their author's current trust (an author
-- not scored yet counts with the neutral 50).
CREATE VIEW IF NOT EXISTS authentic_hourly AS
SELECT
    brand,
    hour,
    count() AS mentions,
    countIf(flagged = 0) AS authentic_mentions,
    round(sumIf(weight, flagged = 0), 2) AS trust_weighted_mentions,
    round(avg(sentiment_score), 3) AS sentiment,
    round(avgIf(sentiment_score, flagged = 0), 3) AS authentic_sentiment,
    round(sumIf(sentiment_score * weight, flagged = 0) / sumIf(weight, flagged = 0), 3) AS trust_weighted_sentiment
FROM
(
    SELECT brand, toStartOfHour(created_at) AS hour, sentiment_score, flagged, if(scored = 1, trust, 50) / 100 AS weight
    FROM
    (
        SELECT brand, post_id, author_id, created_at, sentiment_score FROM mentions FINAL
    ) AS m
    ANY LEFT JOIN
    (
        SELECT brand, author_id, toUInt8(length(flags) > 0) AS flagged, trust, toUInt8(1) AS scored FROM authors FINAL
    ) AS a USING (brand, author_id)
)
GROUP BY brand, hour;
