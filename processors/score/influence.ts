/**
 * Influence of an author from aggregate features, by principle rather than by fitting: influence is the
 * response an author's messages get from other people, on log scales (each tenfold counts the same), with
 * audience size as one term among several. Every feature is optional, so the same function scores our
 * streaming state and external aggregates (follower/listed/mention/retweet counts); a missing feature adds
 * nothing, which keeps comparisons between two accounts described by the same features fair.
 *
 * Terms (natural logs, weights in INFLUENCE_WEIGHTS):
 * - reach: log(1 + followers) — who can see the messages;
 * - listed: log(1 + listed) — people curating the author into lists, a deliberate vote of interest;
 * - amplification: log(1 + reposts and quotes received) — others spreading the messages;
 * - conversation: log(1 + replies and mentions received) — others talking to or about the author;
 * - breadth: log(1 + unique reactors) — many people, not one fan;
 * - efficiency: log(1 + reactions received per post) — response per unit of exposure, which separates
 *   being heard from posting a lot;
 * - network: log(1 + PageRank relative to the mean) — reactions from people who themselves get reactions;
 * - imbalance (penalty): log of following/followers when following exceeds followers — follow-back farming;
 * - chatter (penalty): how far what the author sends (mentions, reposts) exceeds what it receives.
 */

export interface InfluenceFeatures {
  followers?: number;
  following?: number;
  /** Own posts (count or rate; the same unit as the received counts). */
  posts?: number;
  /** Reposts and quotes received. */
  repostsReceived?: number;
  /** Replies and mentions received. */
  mentionsReceived?: number;
  uniqueReactors?: number;
  listed?: number;
  mentionsSent?: number;
  repostsSent?: number;
  /** PageRank relative to the community mean (1 = average). */
  pagerank?: number;
}

export const INFLUENCE_WEIGHTS = {
  reach: 1,
  listed: 1,
  amplification: 0.8,
  conversation: 0.5,
  breadth: 0.6,
  efficiency: 0.5,
  network: 1,
  imbalance: 0.5,
  chatter: 0.25,
} as const;

export type InfluenceWeights = { -readonly [K in keyof typeof INFLUENCE_WEIGHTS]: number };

export interface InfluenceTerms {
  reach: number;
  listed: number;
  amplification: number;
  conversation: number;
  breadth: number;
  efficiency: number;
  network: number;
  /** Penalties, as negative contributions. */
  imbalance: number;
  chatter: number;
}

export interface InfluenceResult {
  /** Sum of the weighted terms (unbounded log scale; compare, or take a percentile). */
  score: number;
  components: InfluenceTerms;
}

const nonNegative = (x: number | undefined) => (x !== undefined && Number.isFinite(x) && x > 0 ? x : 0);
const log1p = (x: number | undefined) => Math.log1p(nonNegative(x));
/** A negative contribution for an excess above zero (0, not -0, when there is none). */
const penalty = (weight: number, excess: number) => (excess > 0 ? -weight * excess : 0);

export function scoreInfluence(
  features: InfluenceFeatures,
  options: { weights?: Partial<InfluenceWeights> } = {},
): InfluenceResult {
  const w = { ...INFLUENCE_WEIGHTS, ...options.weights };
  const f = features;
  const received = nonNegative(f.repostsReceived) + nonNegative(f.mentionsReceived);
  const sent = nonNegative(f.mentionsSent) + nonNegative(f.repostsSent);
  const components: InfluenceTerms = {
    reach: w.reach * log1p(f.followers),
    listed: w.listed * log1p(f.listed),
    amplification: w.amplification * log1p(f.repostsReceived),
    conversation: w.conversation * log1p(f.mentionsReceived),
    breadth: w.breadth * log1p(f.uniqueReactors),
    efficiency:
      f.posts === undefined || (f.repostsReceived === undefined && f.mentionsReceived === undefined)
        ? 0
        : w.efficiency * Math.log1p(received / Math.max(1, nonNegative(f.posts))),
    network: w.network * log1p(f.pagerank),
    imbalance:
      f.following === undefined || f.followers === undefined
        ? 0
        : penalty(w.imbalance, Math.log((1 + nonNegative(f.following)) / (1 + nonNegative(f.followers)))),
    chatter:
      f.mentionsSent === undefined && f.repostsSent === undefined
        ? 0
        : penalty(w.chatter, Math.log1p(sent) - Math.log1p(received)),
  };
  let score = 0;
  for (const v of Object.values(components)) score += v;
  return { score, components };
}

/** Pairwise judgement: 1 when `a` is more influential, -1 when `b` is, 0 on a tie. */
export function compareInfluence(
  a: InfluenceFeatures,
  b: InfluenceFeatures,
  options?: { weights?: Partial<InfluenceWeights> },
): -1 | 0 | 1 {
  const d = scoreInfluence(a, options).score - scoreInfluence(b, options).score;
  return d > 1e-12 ? 1 : d < -1e-12 ? -1 : 0;
}
