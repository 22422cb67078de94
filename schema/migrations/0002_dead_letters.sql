-- Mirror of lateral.dlq.v1 for visibility. `id` is stable per failing message and step, so a
-- re-processed message is the same dead letter; exact counts use uniqExact(id).
CREATE TABLE IF NOT EXISTS dead_letters
(
    id String,
    topic String,
    kafka_partition UInt32,
    kafka_offset UInt64,
    key String,
    component String,
    step String,
    error String,
    payload String,
    payload_encoding String,
    at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(at)
ORDER BY id;
