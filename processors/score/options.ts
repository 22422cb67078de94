import { CONFIDENCE_HALF_REACTORS, MIN_EVIDENCE_REACTORS } from './community-influence.ts';
import { DAY_MS } from './decay.ts';

/** Knobs of the scoring model. Defaults follow docs/architecture.md §6; none is fitted to any data set. */
export interface ScoringOptions {
  /** Half-life of reactions received (influence). */
  influenceHalfLifeMs: number;
  /** Half-life of behaviour counters and reputation evidence (trust forgets more slowly than fame). */
  trustHalfLifeMs: number;
  /** HyperLogLog precision for unique reactors: 2^p one-byte registers (6 → 64 B, ~13 % error). */
  reactorPrecision: number;
  /** Bounded reactor → author graph: strongest decayed in-edges kept per author and brand. */
  maxInEdges: number;
  /** Brand communities kept per author (least active evicted). */
  maxBrandsPerAuthor: number;
  /** PageRank damping, convergence tolerance (L1) and iteration cap. */
  pagerankDamping: number;
  pagerankTolerance: number;
  pagerankMaxIterations: number;
  /** Event time between automatic PageRank/percentile recomputes (0: only when `recompute()` is called). */
  recomputeEveryMs: number;
  /** Reactions per day a reactor may send at full weight; above it each one counts sqrt(limit/rate). */
  hyperactiveReactionsPerDay: number;
  /** Two reposts of one post by different accounts this close together are synchronised (automation). */
  syncRepostWindowMs: number;
  /** Window in which the same near-duplicate text from two other accounts counts as coordination. */
  crossDuplicateWindowMs: number;
  /**
   * LSH bands for the cross-account check (16 signature slots split into this many bands). 1 band matches only
   * texts identical after normalisation: looser bands (4 × 4) caught customers who complain alike during an
   * incident, which is not coordination.
   */
  crossDuplicateBands: number;
  /** An own post this soon after the previous one is part of a burst. */
  burstGapMs: number;
  /** Estimated Jaccard similarity at or above which two texts are near-duplicates. */
  nearDuplicateSimilarity: number;
  /** Bounded engine-wide caches (entries): seen event ids, recent reposts per post, text LSH buckets. */
  dedupeCapacity: number;
  repostIndexCapacity: number;
  duplicateIndexCapacity: number;
  /** Minimum-evidence rule: distinct reactors an author needs in a community to count as influential there. */
  minEvidenceReactors: number;
  /** Distinct reactors at which an influence figure is half-confident (confidence = u / (u + this)). */
  confidenceHalfReactors: number;
  /** Written into every AuthorScore. */
  model: string;
}

export const DEFAULT_SCORING_OPTIONS: ScoringOptions = {
  influenceHalfLifeMs: 7 * DAY_MS,
  trustHalfLifeMs: 30 * DAY_MS,
  reactorPrecision: 6,
  maxInEdges: 8,
  maxBrandsPerAuthor: 8,
  pagerankDamping: 0.85,
  pagerankTolerance: 1e-9,
  pagerankMaxIterations: 200,
  recomputeEveryMs: 3_600_000,
  hyperactiveReactionsPerDay: 30,
  syncRepostWindowMs: 10_000,
  crossDuplicateWindowMs: 600_000,
  crossDuplicateBands: 1,
  burstGapMs: 120_000,
  nearDuplicateSimilarity: 0.6,
  dedupeCapacity: 200_000,
  repostIndexCapacity: 100_000,
  duplicateIndexCapacity: 200_000,
  minEvidenceReactors: MIN_EVIDENCE_REACTORS,
  confidenceHalfReactors: CONFIDENCE_HALF_REACTORS,
  model: 'lateral-score/2',
};

export function resolveOptions(options: Partial<ScoringOptions> = {}): ScoringOptions {
  const resolved = { ...DEFAULT_SCORING_OPTIONS, ...options };
  if (!(resolved.influenceHalfLifeMs > 0) || !(resolved.trustHalfLifeMs > 0))
    throw new Error('scoring: half-lives must be positive');
  if (
    !Number.isInteger(resolved.reactorPrecision) ||
    resolved.reactorPrecision < 4 ||
    resolved.reactorPrecision > 12
  )
    throw new Error('scoring: reactorPrecision must be an integer in [4, 12]');
  if (!(resolved.pagerankDamping > 0 && resolved.pagerankDamping < 1))
    throw new Error('scoring: pagerankDamping must be in (0, 1)');
  if (resolved.maxInEdges < 1 || resolved.maxInEdges > 255)
    throw new Error('scoring: maxInEdges must be in [1, 255]');
  if (!(resolved.minEvidenceReactors >= 1) || !(resolved.confidenceHalfReactors > 0))
    throw new Error('scoring: minEvidenceReactors must be ≥ 1 and confidenceHalfReactors > 0');
  return resolved;
}
