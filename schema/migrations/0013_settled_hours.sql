-- Settled hours: plain counts of an hour of mentions, computed once the hour stops receiving rows, so that the
-- dashboard's long ranges sum a few numbers per minute instead of merging millions of uniqExact states or
-- reading `mentions FINAL` (processors/rollups/settle.ts computes them; docs/architecture.md, "Settled hours").
-- An hour's settled figures are used only while nothing was written to that hour after they were computed:
-- every query checks the hour's latest write against the one its settlement saw, and reads the live rollups
-- and `mentions` for every other hour. So the figures are always those of the live tables, only faster.

-- When each brand × hour of mentions last received a row (any version of a mention, and rollup rebuilds).
CREATE TABLE IF NOT EXISTS mention_hour_writes
(
    brand String,
    hour DateTime('UTC'),
    written DateTime('UTC')
)
ENGINE = ReplacingMergeTree(written)
PARTITION BY toYYYYMM(hour)
ORDER BY (brand, hour);

CREATE MATERIALIZED VIEW IF NOT EXISTS mention_hour_writes_mv TO mention_hour_writes AS
SELECT
    brand,
    toStartOfHour(created_at) AS hour,
    now() AS written
FROM mentions
GROUP BY brand, hour;

-- One row per settlement of a brand × hour: `written` is the hour's latest write it saw, `seal` identifies the
-- rows it wrote in the tables below (milliseconds, increasing). A later settlement of the same hour replaces it.
CREATE TABLE IF NOT EXISTS mention_settled_hours
(
    brand String,
    hour DateTime('UTC'),
    written DateTime('UTC'),
    seal UInt64
)
ENGINE = ReplacingMergeTree(seal)
PARTITION BY toYYYYMM(hour)
ORDER BY (brand, hour);

-- The minute rollup's first-emission counts per minute and direction (the timeline, share of voice).
-- ReplacingMergeTree only to drop rows of superseded settlements; queries pick rows by (hour, seal).
CREATE TABLE IF NOT EXISTS mention_settled_counts
(
    brand String,
    hour DateTime('UTC'),
    seal UInt64,
    minute DateTime('UTC'),
    direction Enum8('brand_to_customer' = 1, 'customer_to_brand' = 2, 'customer_to_customer' = 3),
    mentions UInt64,
    positive UInt64,
    negative UInt64,
    authentic UInt64,
    authentic_positive UInt64,
    authentic_negative UInt64
)
ENGINE = ReplacingMergeTree(seal)
PARTITION BY toYYYYMM(hour)
ORDER BY (brand, hour, minute, direction);

-- Messages per minute and thread mode, each with its newest version (`mentions FINAL`, the communication mix).
CREATE TABLE IF NOT EXISTS mention_settled_modes
(
    brand String,
    hour DateTime('UTC'),
    seal UInt64,
    minute DateTime('UTC'),
    mode Enum8('oneway' = 1, 'twoway' = 2, 'multiway' = 3, 'hybrid' = 4),
    mentions UInt64
)
ENGINE = ReplacingMergeTree(seal)
PARTITION BY toYYYYMM(hour)
ORDER BY (brand, hour, minute, mode);

-- Posts per word per hour (first emissions), for rising terms.
CREATE TABLE IF NOT EXISTS mention_settled_terms
(
    brand String,
    hour DateTime('UTC'),
    seal UInt64,
    term String,
    posts UInt64
)
ENGINE = ReplacingMergeTree(seal)
PARTITION BY toYYYYMM(hour)
ORDER BY (brand, hour, term);

-- Mentions stored before this migration: their hours count as written now, so they are read live until settled.
INSERT INTO mention_hour_writes (brand, hour, written)
SELECT brand, toStartOfHour(created_at) AS hour, now() FROM mentions GROUP BY brand, hour;
