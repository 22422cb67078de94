/**
 * Language detection with `eld` (Efficient Language Detector, Apache-2.0),
 * restricted to the configured languages, with a fallback to author/source
 * hints for short or unreliable texts.
 */
import { eld as eldDefault } from 'eld/medium';
import { cleanForLanguageDetection, letterCount } from './clean.ts';
import { loadEldSubset } from './eld-subset.ts';

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
  /**
   * Languages of the author's recent posts (any order, repeats count): a prior for short texts whose letters
   * alone are ambiguous ("Video: SIRI also gets angry"), see {@link PRIOR_WEIGHT}.
   */
  recentLangs?: readonly string[] | null;
}

/**
 * Priors from hints: each hinted language gets `PRIOR_WEIGHT × share × PRIOR_LETTERS / (letters + PRIOR_LETTERS)`
 * added to its eld score before the best language is chosen, so a hint decides between near-ties on short
 * texts and fades as the text gets longer (a 20-letter text: +0.11 for a full prior; a 100-letter one:
 * +0.03). The platform hint and the profile language count as a full prior, the author's recent languages by
 * their share. Tuned on UMSAB (processors/enrich/language/README.md): a correct hint fixes short
 * ambiguities, a wrong one flips almost nothing.
 */
export const PRIOR_WEIGHT = 0.3;
export const PRIOR_LETTERS = 12;

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
  // The two largest values in one pass (the same as sorting them in descending order and taking the first two).
  let top = -Infinity;
  let second = -Infinity;
  let n = 0;
  for (const key in scores) {
    const v = scores[key] as number;
    n++;
    if (v > top) {
      second = top;
      top = v;
    } else if (v > second) second = v;
  }
  if (n === 0) top = 0;
  if (n < 2) second = 0;
  if (top <= 0) return 0;
  const margin = (top - second) / top; // 0 (tie) .. 1 (no competitor)
  return Math.max(0, Math.min(1, top * (0.5 + 0.5 * margin)));
}

interface Prior {
  share: number;
  from: LanguageDetection['source'];
}

/** Adds a hinted language's share to `priors` (a module-level helper: hot, and not a per-call closure). */
function addPrior(
  priors: Map<string, Prior>,
  allowed: ReadonlySet<string>,
  tag: string | null | undefined,
  share: number,
  from: LanguageDetection['source'],
): void {
  const l = normaliseLangTag(tag);
  if (!l || !allowed.has(l) || share <= 0) return;
  const had = priors.get(l);
  priors.set(l, { share: Math.min(1, (had?.share ?? 0) + share), from: had?.from ?? from });
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
    const recent = hints?.recentLangs ?? [];
    if (recent.length > 0) {
      const counts = new Map<string, number>();
      for (const l of recent) if (allowed.has(l)) counts.set(l, (counts.get(l) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1])[0];
      // Only an author who mostly writes in one language says something about a text too short to read.
      if (top && top[1] / recent.length > 0.5)
        return { lang: top[0], confidence: 0.3, reliable: false, source: 'authorLang' };
    }
    return { lang: UNDETERMINED, confidence: 0, reliable: false, source: 'none' };
  }

  /** Prior share per allowed language from the hints, and which hint gave the largest one. */
  function priorsOf(hints: LanguageHints | undefined): Map<string, Prior> {
    const priors = new Map<string, Prior>();
    if (hints === undefined) return priors;
    addPrior(priors, allowed, hints.authorLang, 1, 'authorLang');
    addPrior(priors, allowed, hints.sourceLang, 1, 'sourceLang');
    const recent = hints.recentLangs ?? [];
    if (recent.length > 0) {
      const counts = new Map<string, number>();
      for (const l of recent) counts.set(l, (counts.get(l) ?? 0) + 1);
      for (const [l, n] of counts) addPrior(priors, allowed, l, n / recent.length, 'authorLang');
    }
    return priors;
  }

  return {
    languages: wanted,
    detect(text: string, hints?: LanguageHints): LanguageDetection {
      const cleaned = cleanForLanguageDetection(text ?? '');
      const letters = letterCount(cleaned);
      if (letters < minLetters) return fromHints(hints);
      const res = instance.detect(cleaned);
      const lang = res.language;
      if (!lang || !allowed.has(lang)) return fromHints(hints);
      const scores = res.getScores();
      const priors = priorsOf(hints);
      if (priors.size > 0) {
        const weight = (PRIOR_WEIGHT * PRIOR_LETTERS) / (letters + PRIOR_LETTERS);
        let best = lang;
        let bestScore = (scores[lang] ?? 0) + weight * (priors.get(lang)?.share ?? 0);
        for (const [l, p] of priors) {
          const adjusted = (scores[l] ?? 0) + weight * p.share;
          if (adjusted > bestScore) {
            best = l;
            bestScore = adjusted;
          }
        }
        if (best !== lang) {
          // The text alone preferred another language: the prior decided a near-tie.
          const confidence = Math.min(
            confidenceFromScores(scores),
            (scores[best] ?? 0) / (scores[lang] || 1),
          );
          return { lang: best, confidence, reliable: false, source: priors.get(best)!.from };
        }
      }
      const confidence = confidenceFromScores(scores);
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
  // The same answers as eld's public entry with setLanguageSubset, cheaper (see eld-subset.ts).
  const wanted = options.languages.map((l) => normaliseLangTag(l)).filter((l): l is string => l !== null);
  const subset = await loadEldSubset(size, wanted);
  if (subset !== null) return createLanguageDetector({ ...options, eld: subset });
  const loaders = {
    large: () => import('eld/large'),
    medium: () => import('eld/medium'),
    small: () => import('eld/small'),
    extrasmall: () => import('eld/extrasmall'),
  };
  const mod = (await loaders[size]()) as { eld: EldLike };
  return createLanguageDetector({ ...options, eld: mod.eld });
}
