-- Influence rests on evidence inside each brand community (processors/score/README.md):
--   influence_confidence  0..1, how firm the influence figure is given the reactions behind it (few reactions,
--                         few distinct reactors → low);
--   has_evidence          1 when the author meets the minimum-evidence rule in that community (enough distinct
--                         reactors); below it the author is "not enough evidence" and left out of top_influencers.
-- One column per ALTER: 18.16 has no ADD COLUMN IF NOT EXISTS, so schema/migrate.ts treats "column already exists"
-- on a repeated ADD COLUMN as done, which keeps this file safe to re-run.
ALTER TABLE authors ADD COLUMN influence_confidence Float32 DEFAULT 0;
ALTER TABLE authors ADD COLUMN has_evidence UInt8 DEFAULT 0;
ALTER TABLE author_scores_history ADD COLUMN influence_confidence Float32 DEFAULT 0;
ALTER TABLE author_scores_history ADD COLUMN has_evidence UInt8 DEFAULT 0;

-- The history view names its columns, so it is recreated to carry the new ones (DROP TABLE also drops views on
-- 18.16, which has no DROP VIEW).
DROP TABLE IF EXISTS author_scores_history_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS author_scores_history_mv TO author_scores_history AS
SELECT author_id, brand, is_brand, influence, trust, influence_raw, weighted_reactions, unique_reactors,
    amplification_per_post, pagerank, followers, posts, reputation, behaviour_prior, flags, flag_evidence,
    components, model, updated_at, version, influence_confidence, has_evidence
FROM authors;

-- Who moves opinion: only authors with enough evidence in the community (brand and flagged accounts aside).
DROP TABLE IF EXISTS top_influencers;
CREATE VIEW IF NOT EXISTS top_influencers AS
SELECT brand, author_id, influence, influence_confidence, has_evidence, trust, weighted_reactions, unique_reactors,
    amplification_per_post, pagerank, followers
FROM authors FINAL
WHERE is_brand = 0 AND length(flags) = 0 AND has_evidence = 1
ORDER BY brand, influence DESC, weighted_reactions DESC
LIMIT 50 BY brand;

-- Whom people trust, now with how firm each voice's influence figure is.
DROP TABLE IF EXISTS trusted_voices;
CREATE VIEW IF NOT EXISTS trusted_voices AS
SELECT brand, author_id, trust, reputation, behaviour_prior, influence, influence_confidence, has_evidence,
    weighted_reactions
FROM authors FINAL
WHERE is_brand = 0 AND length(flags) = 0 AND weighted_reactions > 0
ORDER BY brand, trust DESC, influence DESC
LIMIT 50 BY brand;
