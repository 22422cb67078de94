/**
 * Influence and trust scoring (issue #5, DESIGN.md §5): pure, in memory, event-time driven. The Kafka
 * processor feeds `ScoringEngine` and emits `AuthorScore`s and checkpoints; `scoreInfluence` is the same raw
 * influence function the engine uses, exported for checks on external aggregate data.
 */
export { ScoringEngine, type RecomputeReport, type TrustResult } from './engine.ts';
export { scoreInfluence, compareInfluence, INFLUENCE_WEIGHTS } from './influence.ts';
export type { InfluenceFeatures, InfluenceResult, InfluenceTerms, InfluenceWeights } from './influence.ts';
export type { ScoringPost, ScoringInteraction, ScoringProfile, EventTime } from './inputs.ts';
export { DEFAULT_SCORING_OPTIONS, resolveOptions, type ScoringOptions } from './options.ts';
export { serializeAuthorState as serialize, deserializeAuthorState as deserialize } from './codec.ts';
export type { AuthorState } from './state.ts';
export { scoringPost, interactionsOf, type PostLookup } from './adapters.ts';
export { behaviourPrior, detectFlags, type BehaviourSignals } from './behaviour.ts';
export { betaReputation } from './reputation.ts';
export { evaluateOnSimulator, type ScoringEvaluation } from './evaluate.ts';
