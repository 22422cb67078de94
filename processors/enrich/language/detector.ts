/**
 * Language detection with `eld` (Efficient Language Detector, Apache-2.0),
 * restricted to the configured languages, with a fallback to author/source
 * hints for short or unreliable texts.
 */
import { eld as eldDefault } from 'eld/medium';
import { cleanForLanguageDetection, letterCount } from './clean.ts';

/** Languages `eld` 2.x can detect (ISO 639-1). */
export const ELD_LANGUAGES: readonly string[] = [
  'am', 'ar', 'az', 'be', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'eu',
  'fa', 'fi', 'fr', 'gu', 'he', 'hi', 'hr', 'hu', 'hy', 'is', 'it', 'ja', 'ka', 'kn', 'ko',
  'ku', 'lo', 'lt', 'lv', 'ml', 'mr', 'ms', 'nl', 'no', 'or', 'pa', 'pl', 'pt', 'ro', 'ru',
  'sk', 'sl', 'sq', 'sr', 'sv', 'ta', 'te', 'th', 'tl', 'tr', 'uk', 'ur', 'vi', 'yo', 'zh',
]; // prettier-ignore

export const UNDETERMINED = 'und';

export interface LanguageDetection {
  /** ISO 639-1 code, or 'und' when undetermined. */
  lang: string;
  /** 0..1; 0 for 'und'. */
  confidence: number;
  /** True when the text itself gave a reliable answer. */
  reliable: boolean;
  /** Where the answer came from. */
  source: 'text' | 'authorLang' | 'sourceLang' | 'none';
}

export interface LanguageHints {
  /** Language of the author's profile/UI (e.g. 'nl', 'nl-NL', 'en_US'). */
  authorLang?: string | null;
  /** Language declared by the source (platform metadata, site locale). */
  sourceLang?: string | null;
}

export interface LanguageDetector {
  readonly languages: readonly string[];
  detect(text: string, hints?: LanguageHints): LanguageDetection;
}

/** The subset of the eld API we use (static entries such as 'eld/medium'). */
export interface EldLike {
  newInstance(): EldInstance;
}
export interface EldInstance {
  setLanguageSubset(languages: string[] | boolean): Record<number, string>;
  detect(text: string): {
    language: string;
    getScores(): Record<string, number>;
    isReliable(thresholdRatio?: number): boolean;
  };
}

export interface LanguageDetectorOptions {
  /** ISO 639-1 codes to choose from, e.g. ['nl','de','en','fr','es','it','pt']. */
  languages: string[];
  /** Texts with fewer letters (after clean-up) than this are "short" and use hints. Default 8. */
  minLetters?: number;
  /**
   * Unreliable (per eld) detections are still accepted without a hint when
   * their confidence reaches this. Default 1 (never; unreliable → hint or 'und').
   */
  acceptUnreliableAbove?: number;
  /** An eld entry (e.g. `(await import('eld/large')).eld`). Default: eld/medium. */
  eld?: EldLike;
}

/** Normalises a locale-ish tag ('nl-NL', 'EN_us', 'de') to ISO 639-1, or null. */
export function normaliseLangTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_].*)?\s*$/.exec(tag);
  if (!m?.[1]) return null;
  const code = m[1].toLowerCase();
  return code.length === 2 ? code : null;
}

/**
 * Confidence from eld's scores: the top score, discounted by how close the
 * runner-up is (eld scores are 0..1 but not probabilities).
 */
export function confidenceFromScores(scores: Record<string, number>): number {
  const vals = Object.values(scores).sort((a, b) => b - a);
  const top = vals[0] ?? 0;
  if (top <= 0) return 0;
  const second = vals[1] ?? 0;
  const margin = (top - second) / top; // 0 (tie) .. 1 (no competitor)
  return Math.max(0, Math.min(1, top * (0.5 + 0.5 * margin)));
}

export function createLanguageDetector(options: LanguageDetectorOptions): LanguageDetector {
  const wanted = [...new Set(options.languages.map((l) => normaliseLangTag(l)))].filter(
    (l): l is string => l !== null,
  );
  const unsupported = wanted.filter((l) => !ELD_LANGUAGES.includes(l));
  if (unsupported.length > 0) {
    throw new Error(`eld cannot detect: ${unsupported.join(', ')}`);
  }
  if (wanted.length === 0) throw new Error('createLanguageDetector: no languages configured');
  const instance = (options.eld ?? (eldDefault as EldLike)).newInstance();
  instance.setLanguageSubset(wanted);
  const minLetters = options.minLetters ?? 8;
  const acceptAbove = options.acceptUnreliableAbove ?? 1;
  const allowed = new Set(wanted);

  function fromHints(hints: LanguageHints | undefined): LanguageDetection {
    const author = normaliseLangTag(hints?.authorLang);
    if (author && allowed.has(author)) {
      return { lang: author, confidence: 0.5, reliable: false, source: 'authorLang' };
    }
    const source = normaliseLangTag(hints?.sourceLang);
    if (source && allowed.has(source)) {
      return { lang: source, confidence: 0.4, reliable: false, source: 'sourceLang' };
    }
    return { lang: UNDETERMINED, confidence: 0, reliable: false, source: 'none' };
  }

  return {
    languages: wanted,
    detect(text: string, hints?: LanguageHints): LanguageDetection {
      const cleaned = cleanForLanguageDetection(text ?? '');
      if (letterCount(cleaned) < minLetters) return fromHints(hints);
      const res = instance.detect(cleaned);
      const lang = res.language;
      if (!lang || !allowed.has(lang)) return fromHints(hints);
      const confidence = confidenceFromScores(res.getScores());
      if (res.isReliable()) return { lang, confidence, reliable: true, source: 'text' };
      const hinted = fromHints(hints);
      if (hinted.lang !== UNDETERMINED) {
        // A hint that agrees with the text's best guess is worth more than either.
        if (hinted.lang === lang) hinted.confidence = Math.max(hinted.confidence, confidence);
        return hinted;
      }
      if (confidence >= acceptAbove) return { lang, confidence, reliable: false, source: 'text' };
      return { lang: UNDETERMINED, confidence: 0, reliable: false, source: 'none' };
    },
  };
}

/** Like {@link createLanguageDetector} but with a chosen eld database size. */
export async function loadLanguageDetector(
  options: Omit<LanguageDetectorOptions, 'eld'> & {
    size?: 'large' | 'medium' | 'small' | 'extrasmall';
  },
): Promise<LanguageDetector> {
  const size = options.size ?? 'medium';
  const loaders = {
    large: () => import('eld/large'),
    medium: () => import('eld/medium'),
    small: () => import('eld/small'),
    extrasmall: () => import('eld/extrasmall'),
  };
  const mod = (await loaders[size]()) as { eld: EldLike };
  return createLanguageDetector({ ...options, eld: mod.eld });
}
