import { z } from 'zod';
import { IsoTime } from './post.ts';

/**
 * Influence and trust of one author in one brand community: the score records that processors/score produces
 * (docs/architecture.md §6). Every figure that went into a score is kept in `components`, so a dashboard can explain it.
 */

export const AuthorFlagName = z.enum(['likely_bot', 'spam', 'coordinated']);
export type AuthorFlagName = z.infer<typeof AuthorFlagName>;

/** A flag with the observations that raised it, in words a community manager can check. */
export const AuthorFlag = z.object({
  flag: AuthorFlagName,
  evidence: z.array(z.string().min(1)).min(1),
});
export type AuthorFlag = z.infer<typeof AuthorFlag>;

const Count = z.number().nonnegative();

/**
 * The terms of `scoreInfluence` (each already multiplied by its weight) plus the decayed inputs. The community
 * score (`raw`) is `evidence × audience` (processors/score/community-influence.ts): reach and the penalties are
 * kept for explanation only.
 */
export const InfluenceComponents = z.object({
  /** Community influence: evidence × audience; 0 when the author drew no reactions in the community. */
  raw: z.number(),
  /** Sum of the response terms (amplification, conversation, breadth, efficiency, network). */
  evidence: z.number().default(0),
  /** Multiplier ≥ 1 from the follower count: audience scales evidence, never replaces it. */
  audience: z.number().default(1),
  reach: z.number(),
  listed: z.number(),
  amplification: z.number(),
  conversation: z.number(),
  breadth: z.number(),
  efficiency: z.number(),
  network: z.number(),
  imbalance: z.number(),
  chatter: z.number(),
  /** Decayed, trust-weighted and hyperactivity-discounted reactions received in the brand community. */
  weightedReactions: Count,
  /** Decayed raw counts received in the community. */
  repostsReceived: Count,
  quotesReceived: Count,
  repliesReceived: Count,
  mentionsReceived: Count,
  /** Distinct reactors (HyperLogLog estimate, not decayed). */
  uniqueReactors: Count,
  /** Decayed own posts in the community (exposure). */
  posts: Count,
  /** Reposts and quotes received per own post. */
  amplificationPerPost: Count,
  /** PageRank relative to the community mean (1 = average), from the last recompute. */
  pagerank: Count,
  followers: Count,
});
export type InfluenceComponents = z.infer<typeof InfluenceComponents>;

export const TrustComponents = z.object({
  /** Beta reputation (r+1)/(r+s+2) with forgetting. */
  reputation: z.number().min(0).max(1),
  positiveEvidence: Count,
  negativeEvidence: Count,
  /** Behaviour prior in (0, 1]: product of the factors below. */
  prior: z.number().min(0).max(1),
  /** Each factor of the prior (1 = no penalty), by signal name. */
  factors: z.record(z.string(), z.number().min(0).max(1)),
});
export type TrustComponents = z.infer<typeof TrustComponents>;

/** The value written for an author × brand (table `author_scores`; compacted state lives in `lateral.authors.v1`). */
export const AuthorScore = z.object({
  authorId: z.string().min(1),
  brand: z.string().min(1),
  /** Percentile of the raw influence within the brand community, 0–100; 0 without any reaction there. */
  influence: z.number().min(0).max(100),
  /** How firm the influence figure is, 0–1, from the distinct reactors behind it (scores before it: 0). */
  influenceConfidence: z.number().min(0).max(1).default(0),
  /** Meets the minimum-evidence rule (enough distinct reactors) to be listed as influential in the community. */
  hasEvidence: z.boolean().default(false),
  /** 100 × reputation × behaviour prior. */
  trust: z.number().min(0).max(100),
  components: z.object({ influence: InfluenceComponents, trust: TrustComponents }),
  flags: z.array(AuthorFlag),
  /** Event time of the latest input that changed the author (never wall-clock time). */
  updatedAt: IsoTime,
  /** Scoring model version, so scores from different models can be told apart. */
  model: z.string().min(1),
  /** Millisecond event time of `updatedAt`; the ReplacingMergeTree version. */
  version: z.number().int().nonnegative(),
});
export type AuthorScore = z.infer<typeof AuthorScore>;

/**
 * The value of `lateral.authors.v1` (compacted, key: author id): an author's latest scores in every brand
 * community, and the scoring state that rebuilds the author after a restart without reprocessing history.
 */
export const AuthorRecord = z.object({
  kind: z.literal('author'),
  authorId: z.string().min(1),
  isBrand: z.boolean().default(false),
  trust: z.number().min(0).max(100),
  flags: z.array(AuthorFlag),
  scores: z.array(AuthorScore),
  /** Base64 of the engine's compact binary state (`processors/score/codec.ts`). */
  state: z.string(),
  updatedAt: IsoTime,
});
export type AuthorRecord = z.infer<typeof AuthorRecord>;

/**
 * How far the scoring processor's checkpoints go in one input partition (key `~offsets/<topic>/<partition>`):
 * after a restart, inputs at or below it are already in the restored state and are skipped, so a crash between
 * checkpoint and commit counts nothing twice.
 */
export const ScoringOffsets = z.object({
  kind: z.literal('offsets'),
  topic: z.string().min(1),
  partition: z.number().int().nonnegative(),
  offset: z.string().regex(/^\d+$/),
});
export type ScoringOffsets = z.infer<typeof ScoringOffsets>;

export const AuthorsMessage = z.discriminatedUnion('kind', [AuthorRecord, ScoringOffsets]);
export type AuthorsMessage = z.infer<typeof AuthorsMessage>;
