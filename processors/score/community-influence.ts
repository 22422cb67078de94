import {
  scoreInfluence,
  type InfluenceFeatures,
  type InfluenceTerms,
  type InfluenceWeights,
} from './influence.ts';

/**
 * Influence inside one brand community, from the evidence in that community only. `scoreInfluence` adds reach
 * (followers) as one term among several, which is right for comparing two accounts by their global aggregates
 * but lets a large account that nobody answers about a brand rank high in that brand's community. Here:
 *
 * - evidence = the response terms of `scoreInfluence` (amplification, conversation, breadth, efficiency,
 *   network), all built from reactions received in the community; 0 when there are none;
 * - audience scales evidence, never adds to it: score = evidence × (1 + w·min(1, log(1+followers)/log(1+ref))),
 *   so a reaction in front of a large audience counts up to (1 + w) times as much, and no audience makes a
 *   score without reactions anything but 0.
 *
 * Consequences the tests pin: an author with no reactions in a community scores 0, below every author with at
 * least one; equal evidence ranks by audience; more evidence beats more audience once evidence differs by more
 * than the factor (1 + w).
 */

/** Audience multiplier: up to `1 + weight` at `reference` followers or more (log scale below it). */
export const AUDIENCE_SCALE = { weight: 0.5, reference: 1_000_000 } as const;

/** Distinct reactors an author needs in a community to be listed as an influencer there at all. */
export const MIN_EVIDENCE_REACTORS = 3;

/** Distinct reactors at which the influence figure is half-confident (confidence = u / (u + this)). */
export const CONFIDENCE_HALF_REACTORS = 5;

const EVIDENCE_TERMS = ['amplification', 'conversation', 'breadth', 'efficiency', 'network'] as const;

export interface CommunityInfluenceOptions {
  weights?: Partial<InfluenceWeights>;
  audience?: { weight: number; reference: number };
}

export interface CommunityInfluence {
  /** evidence × audience; 0 exactly when the author drew no reactions in the community. */
  score: number;
  /** Sum of the response terms (log scale). */
  evidence: number;
  /** Multiplier ≥ 1 from the follower count. */
  audience: number;
  /** Every term of `scoreInfluence`, for explanations (reach and the penalties do not enter `score`). */
  components: InfluenceTerms;
}

const positive = (x: number | undefined) => x !== undefined && Number.isFinite(x) && x > 0;

/** Whether the features show any reaction from someone else. */
export function hasReactions(f: InfluenceFeatures): boolean {
  return positive(f.repostsReceived) || positive(f.mentionsReceived) || positive(f.uniqueReactors);
}

export function audienceFactor(
  followers: number | undefined,
  scale: { weight: number; reference: number } = AUDIENCE_SCALE,
): number {
  if (!positive(followers)) return 1;
  return 1 + scale.weight * Math.min(1, Math.log1p(followers!) / Math.log1p(scale.reference));
}

export function communityInfluence(
  features: InfluenceFeatures,
  options: CommunityInfluenceOptions = {},
): CommunityInfluence {
  const { components } = scoreInfluence(features, options.weights ? { weights: options.weights } : {});
  const audience = audienceFactor(features.followers, options.audience);
  let evidence = 0;
  // PageRank gives every node some mass, so the network term counts only alongside actual reactions.
  if (hasReactions(features)) for (const term of EVIDENCE_TERMS) evidence += components[term];
  return { score: evidence * audience, evidence, audience, components };
}

/**
 * How firm an influence figure is, 0–1, from the distinct people behind it: u / (u + half). Reactions from one
 * fan, however many, are one opinion; the figure is half-confident at `half` distinct reactors.
 */
export function influenceConfidence(uniqueReactors: number, half = CONFIDENCE_HALF_REACTORS): number {
  const u = positive(uniqueReactors) ? uniqueReactors : 0;
  return u / (u + half);
}

/** The minimum-evidence rule: enough distinct reactors in the community to be called influential there. */
export function meetsEvidenceRule(uniqueReactors: number, min = MIN_EVIDENCE_REACTORS): boolean {
  return uniqueReactors >= min;
}
