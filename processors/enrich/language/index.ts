export {
  createLanguageDetector,
  loadLanguageDetector,
  confidenceFromScores,
  normaliseLangTag,
  ELD_LANGUAGES,
  UNDETERMINED,
  type LanguageDetection,
  type LanguageDetector,
  type LanguageDetectorOptions,
  type LanguageHints,
} from './detector.ts';
export { cleanForLanguageDetection, stripSocialNoise, splitHashtag, letterCount } from './clean.ts';
export {
  evaluateLanguageDetection,
  formatLanguageReport,
  type LanguageEvaluation,
  type LanguageSample,
} from './evaluate.ts';
