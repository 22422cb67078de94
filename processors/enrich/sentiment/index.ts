export * from './types.ts';
export {
  analyseSentiment,
  bandFor,
  createLexiconScorer,
  REVIEW_LEXICON_PARAMS,
  DEFAULT_LEXICON_PARAMS,
  labelForScore,
  LEXICON_MODEL_VERSION,
  loadNeutralBands,
  type LexiconAnalysis,
  type LexiconParams,
  type LexiconScorer,
  type LexiconScorerOptions,
  type NeutralBand,
  type NeutralBands,
} from './lexicon-model.ts';
export {
  getLexicon,
  LEXICON_SOURCES,
  LEXICON_LANGUAGES,
  type LexiconPolicy,
  type LexiconSource,
} from './lexicons.ts';
export {
  fromJSON as sentimentModelFromJSON,
  loadSentimentModel,
  modelIdFor,
  predictProbabilities,
  probabilitiesFromFeatures,
  saveSentimentModel,
  scorerFromModel,
  serializeModel,
  trainOnFeatures,
  trainSentimentModel,
  type SentimentModel,
  type SentimentModelJSON,
  type TrainedScorer,
  type TrainOptions,
} from './trained-model.ts';
export { DEFAULT_FEATURE_CONFIG, extractFeatures, type FeatureConfig } from './features.ts';
export { DEFAULT_MODEL_PATH, DEFAULT_TRAIN_OPTIONS, loadDefaultSentimentModel } from './default-model.ts';
export { TRAIN_PRESETS, trainPreset, type TrainPresetName } from './train-presets.ts';
export {
  binaryLabel,
  evaluate,
  evaluateItems,
  evaluateSentimentOnPath,
  formatMetrics,
  formatReport,
  type ClassMetrics,
  type DatasetResult,
  type EvaluateOptions,
  type Metrics,
  type SentimentEvaluation,
} from './evaluate.ts';
export {
  decodeUmsabLine,
  loadDataset,
  loadPatternCsv,
  loadUmsab,
  parseCsv,
  UMSAB_LANGUAGES,
  type DatasetFormat,
} from './datasets.ts';
export { calibrateNeutralBand, calibrateFromUmsab, type CalibrationResult } from './calibrate.ts';
