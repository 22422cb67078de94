-- Dead letters replayed by `lateral dlq replay`: one row per dead-letter id and replayed failure.
-- `failure_version` is the dead letter's version (its failure time in ms) that was replayed: a dead letter is
-- replayed again only when it failed again after that (a newer version in dead_letters), so running the same
-- replay twice sends nothing twice.
CREATE TABLE IF NOT EXISTS dead_letter_replays
(
    id String,
    topic String,
    failure_version UInt64,
    replayed_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(replayed_at)
ORDER BY (id, failure_version);
