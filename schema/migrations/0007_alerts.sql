-- Alerts raised by processors/alerts, one row per alert id (brand + rule + window, so a re-detection after a
-- restart writes the same key and is merged away). The newest version wins (read with FINAL or argMax).
-- `explanation` is the JSON text of the explanation in schema/alert.ts; `delivered` is 1 once every notifier
-- has accepted the alert (the per-channel record is alert_deliveries).
CREATE TABLE IF NOT EXISTS alerts
(
    alert_id String,
    brand String,
    rule String,
    series String,
    direction String,
    severity String,
    window_start DateTime('UTC'),
    window_end DateTime('UTC'),
    observed Float64,
    expected Float64,
    explanation String,
    at DateTime('UTC'),
    version UInt64,
    detector String,
    p_value Float64,
    delivered UInt8
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (brand, window_start, alert_id);

-- The durable delivery record: one row per alert × channel once that channel accepted it. The alerts
-- component reads it after a restart so an alert is sent again only when its record is missing.
CREATE TABLE IF NOT EXISTS alert_deliveries
(
    alert_id String,
    brand String,
    channel String,
    attempts UInt32,
    delivered_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(delivered_at)
ORDER BY (alert_id, channel);

-- Where detection stands per brand: the last evaluated minute (event time) and the detector state at that
-- minute (JSON), so a restart resumes exactly there instead of re-reading history or skipping a gap.
CREATE TABLE IF NOT EXISTS alert_state
(
    brand String,
    processed_to DateTime('UTC'),
    state String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY brand;
