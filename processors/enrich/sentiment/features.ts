/**
 * Feature extraction for the trainable model: hashed word uni/bigrams (with
 * negation marking), character n-grams, emoji, and dense lexicon features
 * (from the lexicon model), each optionally also conjoined with the language.
 */
import { emojiRanking } from './emoji-ranking.ts';
import { analyseSentiment, lexiconLanguage } from './lexicon-model.ts';
import { foldAccents, type LexiconPolicy } from './lexicons.ts';
import { rulesFor } from './rules.ts';
import { tokenize } from './text.ts';

export interface FeatureConfig {
  /** Hash space is 2^bits. */
  bits: number;
  /** Inclusive range of character n-gram lengths, or null for none. */
  charNgrams: [number, number] | null;
  wordBigrams: boolean;
  /** Also emit language-specific copies of word features. */
  langConjoined: boolean;
  /** Dense features from the lexicon model. */
  lexicon: boolean;
  lexiconPolicy: LexiconPolicy;
  negativeWeight: number;
  /** Strip diacritics from word features (tweets often omit accents). */
  foldAccents?: boolean;
  /**
   * Dense features from the lexicon's per-sentence scores (long texts): the
   * long-text score (first and last sentence doubled), first, last, min, max,
   * mean sentence score and the shares of positive and negative sentences.
   */
  sentenceLexicon?: boolean;
  /**
   * Extra copies of the words of the last sentence (`L:`, the verdict of a
   * review) and of the words after a contrast word in a sentence (`C:`, "but …").
   */
  clauseCopies?: boolean;
  /**
   * Dense features from the Emoji Sentiment Ranking (emoji-ranking.ts): mean and extreme
   * ranking score of the text's emoji, also for emoji the hand-written polarity list lacks.
   */
  emojiRanking?: boolean;
  /**
   * Words marked as negated after a negator: this many (3 when unset), or 0 for the whole clause
   * (up to the next punctuation mark).
   */
  negationScope?: number;
  /** Extra `x:` copies of elongated ("goooood") and shouted (ALL CAPS) words: emphasis per word. */
  emphasisCopies?: boolean;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 18,
  charNgrams: [3, 5],
  wordBigrams: true,
  langConjoined: true,
  lexicon: true,
  lexiconPolicy: 'permissive',
  negativeWeight: 2,
};

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Normalises a language tag for feature conjunction ('' when unknown). */
function langKey(lang: string | null | undefined): string {
  return lang && lang !== 'und' ? lang.toLowerCase().slice(0, 2) : 'xx';
}

/**
 * Extracts a sparse, L2-normalised hashed vector (text part) plus dense
 * lexicon features appended at hashed positions.
 */
export function extractFeatures(
  text: string,
  lang: string | null | undefined,
  cfg: FeatureConfig,
): SparseVector {
  const lk = langKey(lang);
  const lexLang = lexiconLanguage(lang);
  const rules = rulesFor(lexLang || 'en');
  const tokens = tokenize(text, lexLang || lang);
  const counts = new Map<string, number>();
  const add = (f: string, v = 1) => counts.set(f, (counts.get(f) ?? 0) + v);

  let negLeft = 0;
  let prev = '<s>';
  let afterContrast = false;
  let lastSentence = -1;
  if (cfg.clauseCopies) for (const t of tokens) if (t.kind === 'word') lastSentence = t.sentence;
  let sentence = -1;
  const scope = cfg.negationScope ?? 3;
  const ranking = cfg.emojiRanking ? emojiRanking() : null;
  const emojiScores: number[] = [];
  for (const t of tokens) {
    if (t.sentence !== sentence) {
      sentence = t.sentence;
      afterContrast = false;
    }
    if (t.kind === 'punct') {
      negLeft = 0;
      if (/[!?]/.test(t.norm)) add(`p:${t.norm.includes('!') ? '!' : ''}${t.norm.includes('?') ? '?' : ''}`);
      prev = '<s>';
      continue;
    }
    if (t.kind === 'number') {
      prev = '<num>';
      continue;
    }
    if (t.kind === 'emoji' || t.kind === 'emoticon') {
      add(`e:${t.norm}`);
      const r = t.kind === 'emoji' ? ranking?.get(t.norm) : undefined;
      if (r !== undefined) emojiScores.push(r);
      prev = t.norm;
      continue;
    }
    const w = cfg.foldAccents ? foldAccents(t.squeezed) : t.squeezed;
    const negator = rules.negators.has(t.norm) || (lexLang === 'en' && /n['’]t$/iu.test(t.raw));
    const tag = negLeft > 0 && !negator ? '¬' : '';
    add(`w:${tag}${w}`);
    if (cfg.langConjoined) add(`${lk}|w:${tag}${w}`);
    if (t.elongated) add('f:elong');
    if (t.shouted) add('f:shout');
    if (cfg.emphasisCopies && (t.elongated || t.shouted)) add(`x:${tag}${w}`);
    if (cfg.clauseCopies) {
      if (rules.contrast.has(t.norm)) afterContrast = true;
      else {
        if (afterContrast) add(`C:${tag}${w}`);
        if (t.sentence === lastSentence && lastSentence > 0) add(`L:${tag}${w}`);
      }
    }
    if (cfg.wordBigrams) {
      add(`b:${prev} ${w}`);
      if (cfg.langConjoined) add(`${lk}|b:${prev} ${w}`);
    }
    if (cfg.charNgrams && w.length >= 2) {
      const padded = `#${w}#`;
      const [lo, hi] = cfg.charNgrams;
      for (let n = lo; n <= hi; n++) {
        for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`, 0.5);
      }
    }
    prev = w;
    if (negator) negLeft = scope > 0 ? scope : Number.POSITIVE_INFINITY;
    else if (negLeft > 0) negLeft--;
  }

  const mask = (1 << cfg.bits) - 1;
  const acc = new Map<number, number>();
  let norm2 = 0;
  for (const c of counts.values()) {
    const v = Math.log1p(c);
    norm2 += v * v;
  }
  const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
  const put = (f: string, v: number) => {
    const h = fnv1a(f);
    const sign = h & 0x80000000 ? -1 : 1;
    const j = h & mask;
    acc.set(j, (acc.get(j) ?? 0) + sign * v);
  };
  for (const [f, c] of counts) put(f, Math.log1p(c) * inv);

  // language bias
  put(`lang:${lk}`, 1);
  put('bias:text', 1);

  if (emojiScores.length) {
    const mean = emojiScores.reduce((a, b) => a + b, 0) / emojiScores.length;
    put('d:emojiRank', mean);
    put(`${lk}|d:emojiRank`, mean);
    put('d:emojiRankMax', Math.max(...emojiScores));
    put('d:emojiRankMin', Math.min(...emojiScores));
  }

  if (cfg.lexicon) {
    // longTextSentences 0: the plain lexicon sum, as when these features were introduced
    const a = analyseSentiment(text, lang, {
      policy: cfg.lexiconPolicy,
      params: { negativeWeight: cfg.negativeWeight, longTextSentences: 0, snowballStems: [] },
    });
    const dense: [string, number][] = [
      ['score', a.score],
      ['pos', Math.log1p(a.positive)],
      ['neg', Math.log1p(a.negative)],
      ['hits0', a.hits === 0 ? 1 : 0],
      ['negated', Math.min(3, a.negated) / 3],
      ['emoji', Math.max(-2, Math.min(2, a.emoji)) / 2],
      ['excl', Math.min(4, a.exclamations) / 4],
      ['quest', /\?/.test(text) ? 1 : 0],
      ['spos', a.score > 0 ? a.score : 0],
      ['sneg', a.score < 0 ? -a.score : 0],
    ];
    if (cfg.sentenceLexicon) dense.push(...sentenceFeatures(a.sentenceScores));
    for (const [name, v] of dense) {
      if (v === 0) continue;
      put(`d:${name}`, v);
      put(`${lk}|d:${name}`, v);
    }
  }

  const keys = [...acc.keys()].sort((x, y) => x - y);
  const idx = new Int32Array(keys.length);
  const val = new Float32Array(keys.length);
  keys.forEach((k, i) => {
    idx[i] = k;
    val[i] = acc.get(k) ?? 0;
  });
  return { idx, val };
}

/** Long-text dense features from the lexicon's squashed per-sentence sums (see FeatureConfig.sentenceLexicon). */
function sentenceFeatures(scores: readonly number[]): [string, number][] {
  const n = scores.length;
  if (n === 0) return [];
  let raw = 0;
  let pos = 0;
  let neg = 0;
  scores.forEach((v, k) => {
    raw += (k === 0 || k === n - 1 ? 2 : 1) * v;
    if (v > 0.1) pos++;
    if (v < -0.1) neg++;
  });
  return [
    ['s:long', raw / Math.sqrt(raw * raw + 1)],
    ['s:first', scores[0] as number],
    ['s:last', scores[n - 1] as number],
    ['s:min', Math.min(...scores)],
    ['s:max', Math.max(...scores)],
    ['s:mean', scores.reduce((a, b) => a + b, 0) / n],
    ['s:pos', pos / n],
    ['s:neg', neg / n],
  ];
}
