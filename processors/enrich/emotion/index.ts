export { detectEmotions, EMOTIONS, EMOTION_LANGUAGES, type Emotion, type EmotionResult } from './emotion.ts';
export {
  ADVOCACY_PATTERNS,
  detectAdvocacy,
  detectAdvocacyDetailed,
  type AdvocacyIntent,
  type AdvocacyMatch,
} from './advocacy.ts';
