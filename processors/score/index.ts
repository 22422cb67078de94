/**
 * Influence and trust scoring (processors/score/README.md): pure, in memory, event-time driven. The Kafka
 * processor feeds `ScoringEngine` and emits `AuthorScore`s and checkpoints. `communityInfluence` is what the
 * engine ranks a brand community by (evidence there, scaled by audience); `scoreInfluence` is the global
 * function on aggregate profiles, exported for checks on external data.
 */
export { ScoringEngine, type RecomputeReport, type TrustResult } from './engine.ts';
export { scoreInfluence, compareInfluence, INFLUENCE_WEIGHTS } from './influence.ts';
export {
  communityInfluence,
  influenceConfidence,
  meetsEvidenceRule,
  AUDIENCE_SCALE,
  MIN_EVIDENCE_REACTORS,
  type CommunityInfluence,
} from './community-influence.ts';
export type { InfluenceFeatures, InfluenceResult, InfluenceTerms, InfluenceWeights } from './influence.ts';
export type { ScoringPost, ScoringInteraction, ScoringProfile, EventTime } from './inputs.ts';
export { DEFAULT_SCORING_OPTIONS, resolveOptions, type ScoringOptions } from './options.ts';
export { serializeAuthorState as serialize, deserializeAuthorState as deserialize } from './codec.ts';
export type { AuthorState } from './state.ts';
export { scoringPost, interactionsOf, type PostLookup } from './adapters.ts';
export { behaviourPrior, detectFlags, type BehaviourSignals } from './behaviour.ts';
export { betaReputation } from './reputation.ts';
export { evaluateOnSimulator, type ScoringEvaluation } from './evaluate.ts';
