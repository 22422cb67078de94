/**
 * Rule-based lexicon sentiment: lexicon values per token, adjusted for
 * negation scope, intensifiers/diminishers, contrast clauses, emphasis
 * (ALL CAPS, elongation, '!') and emoji/emoticons; summed and squashed to
 * -1..1; labelled with a per-language neutral band (see calibrate.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  foldAccents,
  getLexicon,
  LEXICON_LANGUAGES,
  snowballStemmer,
  stemIndex,
  type Lexicon,
  type LexiconPolicy,
} from './lexicons.ts';
import { EMOJI_POLARITY, EMOTICON_POLARITY, rulesFor, type LanguageRules } from './rules.ts';
import { endsWithNt, exclamationCount, squeeze, tokenize, type SharedToken, type Token } from './text.ts';
import type { ScoreOptions, SentimentLabel, SentimentResult, SentimentScorer } from './types.ts';

export const LEXICON_MODEL_VERSION = '1.0.0';

export interface LexiconParams {
  /** Multiplier for a sentiment word inside a negation scope (flip and damp). */
  negation: number;
  /** Words after a negator that it reaches. */
  negationScope: number;
  /** Weight of the part of a sentence before a contrast word ("but"). */
  contrastBefore: number;
  /** Weight of the part after it. */
  contrastAfter: number;
  /** Added to |sum| per '!' (at most 4). */
  exclamation: number;
  /** Multiplier for ALL-CAPS words. */
  shout: number;
  /** Multiplier for elongated words ("goooood"). */
  elongation: number;
  /** Squash: score = sum / sqrt(sum² + alpha). */
  alpha: number;
  /**
   * Weight of negative contributions. Lexicons and writers lean positive
   * (negative opinions still use positive words), so negatives count more.
   */
  negativeWeight: number;
  /**
   * Texts with at least this many sentences are "long" (reviews, posts): each
   * sentence is squashed on its own before summing, so one long plot summary
   * full of lexicon words cannot outvote the verdict. 0 disables.
   */
  longTextSentences: number;
  /** In long texts, weight of the first and last sentence (title / verdict). */
  edgeSentenceWeight: number;
  /**
   * Languages in which a word the lexicon lacks is looked up by its Snowball stem
   * (lexicons.ts `stemIndex`: "enttäuschenden" → "enttausch" → the value of "enttäuscht").
   */
  snowballStems: readonly string[];
}

export const DEFAULT_LEXICON_PARAMS: LexiconParams = {
  negation: -0.7,
  negationScope: 3,
  contrastBefore: 0.5,
  contrastAfter: 1.5,
  exclamation: 0.1,
  shout: 1.25,
  elongation: 1.2,
  alpha: 1,
  negativeWeight: 1,
  // chosen by 2-fold cross-validation on the review dev halves (scripts/tune-reviews.ts)
  longTextSentences: 4,
  edgeSentenceWeight: 2,
  snowballStems: [],
};

/**
 * Parameters of the lexicon scorer for reviews (`createLexiconScorer({ reviews: true })`, the default scorer
 * for reviews): long-text rule and per-language Snowball stem look-up chosen together by 2-fold
 * cross-validation on the review dev halves (scripts/tune-reviews.ts). Not used for posts: the stem look-up
 * lowers 3-class tweet accuracy on the UMSAB train splits (fr 59.5 → 58.9, de 56.9 → 56.0).
 */
export const REVIEW_LEXICON_PARAMS: Partial<LexiconParams> = {
  longTextSentences: 5,
  edgeSentenceWeight: 3,
  snowballStems: ['de', 'fr'],
};

export interface NeutralBand {
  lo: number;
  hi: number;
}

export interface NeutralBands {
  languages: Record<string, NeutralBand>;
  default: NeutralBand;
  /** Calibrated scorer parameters (e.g. negativeWeight) stored with the bands. */
  params?: Partial<LexiconParams>;
}

export interface Contribution {
  token: string;
  value: number;
  negated: boolean;
}

export interface LexiconAnalysis {
  /** Lexicon language used ('' when none: emoji only). */
  lang: string;
  /** Sum of adjusted contributions (unbounded). */
  raw: number;
  /** raw squashed to -1..1 */
  score: number;
  positive: number;
  negative: number;
  /** Number of sentiment-bearing tokens (words, emoji, emoticons). */
  hits: number;
  /** Number of word tokens. */
  words: number;
  negated: number;
  /** Sum of emoji/emoticon polarity. */
  emoji: number;
  exclamations: number;
  /** Squashed sum per sentence that has words, in text order. */
  sentenceScores: number[];
  contributions: Contribution[];
}

const SUFFIXES: Record<string, string[]> = {
  en: ['ing', 'ed', 'es', 's', 'ly', 'd'],
  nl: ['ste', 'er', 'en', 'e', 's'],
  de: ['sten', 'ster', 'stes', 'ste', 'eren', 'erer', 'eres', 'ere', 'em', 'en', 'er', 'es', 'e', 's', 'n'],
  fr: ['es', 'e', 's', 'x'],
  es: ['ísimos', 'ísimas', 'ísimo', 'ísima', 'es', 's'],
  it: ['issimo', 'issima', 'i', 'e'],
  pt: ['íssimo', 'íssima', 's'],
};

function stemCandidates(word: string, lang: string): string[] {
  const out: string[] = [];
  for (const suf of SUFFIXES[lang] ?? []) {
    if (word.length - suf.length < 3 || !word.endsWith(suf)) continue;
    const stem = word.slice(0, -suf.length);
    out.push(stem);
    if (lang === 'en') {
      out.push(`${stem}e`);
      if (suf === 'ly' && stem.endsWith('i')) out.push(`${stem.slice(0, -1)}y`);
    } else if (lang === 'nl') {
      // dikke → dik, mooie → mooi, ronde → rond
      if (/(.)\1$/u.test(stem)) out.push(stem.slice(0, -1));
      if (/[^aeiou][aeiou][^aeiou]$/u.test(stem)) out.push(stem.replace(/([aeiou])([^aeiou])$/u, '$1$1$2'));
      out.push(stem.replace(/v$/u, 'f').replace(/z$/u, 's'));
    } else if (lang === 'es' || lang === 'it' || lang === 'pt') {
      if (suf.startsWith('ís') || suf.startsWith('iss')) out.push(`${stem}o`, `${stem}a`, `${stem}e`);
    }
  }
  if (lang === 'es' || lang === 'pt' || lang === 'it') {
    // gender/number: buena(s) → bueno
    if (/as?$/u.test(word)) out.push(word.replace(/as?$/u, 'o'));
    if (/os$/u.test(word)) out.push(word.slice(0, -1));
  }
  if (lang === 'fr' && /(euse|euses)$/u.test(word)) out.push(word.replace(/euses?$/u, 'eux'));
  return out;
}

/** Written laughter in any language: haha, hihi, jajaja, jeje, hehe, kkkk, rsrs, mdr. */
export const LAUGHTER = /^(?:(?:ha|he|hi|ja|je|ji|ah|eh){2,}h?|k{3,}|(?:rs){2,}|mdr+|ptdr+|lol+|lmao+|xd+)$/u;

function lookupIn(lex: Lexicon, w: string): number | undefined {
  return lex.entries.get(w) ?? lex.folded.get(foldAccents(w));
}

/** Lexicon value of a word token, trying elongation squeezes, accent folding and light stemming. */
export function lookupWord(lex: Lexicon, t: Token, lang: string, snowball = false): number | undefined {
  const cands = [t.norm, t.squeezed, squeeze(t.norm, 1)];
  for (const c of cands) {
    const v = lookupIn(lex, c);
    if (v !== undefined) return v;
  }
  if (t.norm.length < 5) return undefined;
  for (const c of stemCandidates(t.squeezed, lang)) {
    const v = lookupIn(lex, c);
    if (v !== undefined) return v;
  }
  if (snowball) {
    const stem = snowballStem(lang, t.squeezed);
    if (stem !== null) return stemIndex(lex).get(stem);
  }
  return undefined;
}

const stemCache = new Map<string, string | null>();
/** Memoised Snowball stem (the stemmers are slow next to a map look-up; words repeat). */
function snowballStem(lang: string, word: string): string | null {
  const key = `${lang}:${word}`;
  let stem = stemCache.get(key);
  if (stem === undefined) {
    const st = snowballStemmer(lang);
    stem = st ? st.stem(word) : null;
    if (stemCache.size >= 100_000) stemCache.clear();
    stemCache.set(key, stem);
  }
  return stem;
}

function modifierOf(rules: LanguageRules, t: Token): number | undefined {
  return (
    rules.modifiers.get(t.norm) ?? rules.modifiers.get(t.squeezed) ?? rules.modifiers.get(squeeze(t.norm, 1))
  );
}

/**
 * What the scorer asks about a word token, all functions of its `norm` (its `squeezed` derives from it)
 * under one lexicon, rule set and stem setting; computed on first sight and memoised (words repeat, and
 * the look-up tries several spellings, stems and accent folds on a miss).
 */
interface WordFacts {
  /** lookupWord (undefined without a lexicon). */
  value: number | undefined;
  modifier: number | undefined;
  /** In the negator list (as norm or squeezed); the English n't is checked on the raw form apart. */
  negator: boolean;
  contrast: boolean;
  weakNegator: boolean;
  laughter: boolean;
  /** First word of a multi-word lexicon entry / of a two-word modifier. */
  phraseStart: boolean;
  bigramStart: boolean;
}

interface Vocabulary {
  lex: Lexicon | null;
  rules: LanguageRules;
  lexLang: string;
  snowball: boolean;
  phraseStarts: ReadonlySet<string>;
  bigramStarts: ReadonlySet<string>;
  facts: Map<string, WordFacts>;
}

const vocabularies = new Map<string, Vocabulary>();

/** First words of the space-joined keys of a map (phrases of ≥2 words). */
function firstWords(keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) {
    const sp = k.indexOf(' ');
    if (sp > 0) out.add(k.slice(0, sp));
  }
  return out;
}

function vocabulary(lexLang: string, policy: LexiconPolicy, snowball: boolean): Vocabulary {
  const key = `${lexLang}|${policy}|${snowball ? 1 : 0}`;
  let v = vocabularies.get(key);
  if (!v) {
    const lex = lexLang ? getLexicon(lexLang, policy) : null;
    const rules = rulesFor(lexLang || 'en');
    v = {
      lex,
      rules,
      lexLang,
      snowball,
      phraseStarts: lex && lex.maxPhrase > 1 ? firstWords(lex.entries.keys()) : new Set(),
      bigramStarts: firstWords(rules.modifierBigrams?.keys() ?? []),
      facts: new Map(),
    };
    vocabularies.set(key, v);
  }
  return v;
}

function factsOf(voc: Vocabulary, t: Token): WordFacts {
  let f = voc.facts.get(t.norm);
  if (f === undefined) {
    const { lex, rules } = voc;
    f = {
      value: lex ? lookupWord(lex, t, voc.lexLang, voc.snowball) : undefined,
      modifier: modifierOf(rules, t),
      negator: rules.negators.has(t.norm) || rules.negators.has(t.squeezed),
      contrast: rules.contrast.has(t.norm),
      weakNegator: rules.weakNegators?.has(t.norm) === true,
      laughter: LAUGHTER.test(t.squeezed),
      phraseStart: voc.phraseStarts.has(t.norm),
      bigramStart: voc.bigramStarts.has(t.norm),
    };
    if (voc.facts.size >= 100_000) voc.facts.clear();
    voc.facts.set(t.norm, f);
  }
  return f;
}

/** factsOf for a token of tokenizeShared: its chunk token remembers the facts under the last vocabulary. */
function sharedFactsOf(voc: Vocabulary, t: SharedToken): WordFacts {
  const c = t.chunk;
  if (c.factsOwner === voc) return c.facts as WordFacts;
  const f = factsOf(voc, t);
  c.factsOwner = voc;
  c.facts = f;
  return f;
}

// The facts of each word token of the text being analysed (null for other tokens), looked up once.
const tokenFacts: (WordFacts | null)[] = [];

/** A sentiment word (not a modifier) within the next k tokens, before any punctuation. */
function sentimentAhead(tokens: readonly Token[], i: number, k: number): boolean {
  const n = tokens.length;
  for (let j = i + 1; j <= Math.min(n - 1, i + k); j++) {
    const t = tokens[j];
    if (!t || t.kind === 'punct') return false;
    if (t.kind !== 'word') continue;
    const f = tokenFacts[j] as WordFacts;
    if (f.modifier !== undefined) continue;
    if (f.value !== undefined && f.value !== 0) return true;
  }
  return false;
}

function squash(x: number): number {
  return x / Math.sqrt(x * x + 1);
}

/** Token i (a word) is a negator: in the list, or English n't. */
function isNegatorAt(voc: Vocabulary, tokens: readonly Token[], i: number): boolean {
  return (
    (tokenFacts[i] as WordFacts).negator || (voc.lexLang === 'en' && endsWithNt((tokens[i] as Token).raw))
  );
}

/** Per-call working arrays, reused (a fresh typed array per call costs more than the work done in it). */
const scratch = {
  weight: new Float64Array(64),
  first: new Int32Array(16),
  last: new Int32Array(16),
  contrastAt: new Int32Array(16),
  perSentence: new Float64Array(16),
};

/** The scratch arrays, grown if needed and reset: weight 1 per token, first/contrastAt -1, sums 0. */
function scratchFor(tokens: number, sentences: number): typeof scratch {
  if (scratch.weight.length < tokens) scratch.weight = new Float64Array(2 * tokens);
  if (scratch.first.length < sentences) {
    scratch.first = new Int32Array(2 * sentences);
    scratch.last = new Int32Array(2 * sentences);
    scratch.contrastAt = new Int32Array(2 * sentences);
    scratch.perSentence = new Float64Array(2 * sentences);
  }
  scratch.weight.fill(1, 0, tokens);
  scratch.first.fill(-1, 0, sentences);
  scratch.contrastAt.fill(-1, 0, sentences);
  scratch.perSentence.fill(0, 0, sentences);
  return scratch;
}

/** Lexicon language for a (possibly unknown) text language. */
export function lexiconLanguage(lang: string | null | undefined): string {
  if (!lang || lang === 'und') return 'en';
  return LEXICON_LANGUAGES.includes(lang) ? lang : '';
}

export function analyseSentiment(
  text: string,
  lang?: string | null,
  options: { policy?: LexiconPolicy; params?: Partial<LexiconParams> } = {},
): LexiconAnalysis {
  return analyseTokens(text, tokenize(text, lexiconLanguage(lang) || lang), lang, options);
}

/**
 * analyseSentiment on tokens already made by `tokenize(text, lexiconLanguage(lang) || lang)` (the trained
 * model's features tokenise once for both their own use and this).
 */
export function analyseTokens(
  text: string,
  tokens: readonly Token[],
  lang?: string | null,
  options: { policy?: LexiconPolicy; params?: Partial<LexiconParams> } = {},
): LexiconAnalysis {
  const p = { ...DEFAULT_LEXICON_PARAMS, ...options.params };
  return analyse(text, tokens, false, lang, options.policy ?? 'permissive', p, true);
}

/**
 * analyseTokens on the tokens of `tokenizeShared` with complete parameters, without `contributions`
 * (left empty): what the trained model's dense features need, with less garbage.
 */
export function analyseSharedTokens(
  text: string,
  tokens: readonly SharedToken[],
  lang: string | null | undefined,
  policy: LexiconPolicy,
  params: LexiconParams,
): LexiconAnalysis {
  return analyse(text, tokens, true, lang, policy, params, false);
}

// The contributions of the text being analysed: token index, value, negated (0/1), sentence; reused.
let contribI = new Int32Array(64);
let contribV = new Float64Array(64);
let contribNeg = new Uint8Array(64);
let contribSentence = new Int32Array(64);
let contribLen = 0;

function pushContrib(i: number, v: number, negated: boolean, sentence: number): void {
  if (contribLen === contribI.length) {
    const m = 2 * contribLen;
    const i2 = new Int32Array(m);
    const v2 = new Float64Array(m);
    const n2 = new Uint8Array(m);
    const s2 = new Int32Array(m);
    i2.set(contribI);
    v2.set(contribV);
    n2.set(contribNeg);
    s2.set(contribSentence);
    contribI = i2;
    contribV = v2;
    contribNeg = n2;
    contribSentence = s2;
  }
  contribI[contribLen] = i;
  contribV[contribLen] = v;
  contribNeg[contribLen] = negated ? 1 : 0;
  contribSentence[contribLen] = sentence;
  contribLen++;
}

function analyse(
  text: string,
  tokens: readonly Token[],
  shared: boolean,
  lang: string | null | undefined,
  policy: LexiconPolicy,
  p: LexiconParams,
  withContributions: boolean,
): LexiconAnalysis {
  const lexLang = lexiconLanguage(lang);
  const voc = vocabulary(lexLang, policy, p.snowballStems.includes(lexLang));
  const { lex, rules } = voc;
  const n = tokens.length;
  tokenFacts.length = n;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    tokenFacts[i] =
      t.kind !== 'word' ? null : shared ? sharedFactsOf(voc, t as SharedToken) : factsOf(voc, t);
  }

  contribLen = 0;
  const negators: { i: number; clause: number; reached: boolean }[] = [];
  let pendingMod = 1;
  let pendingUntil = -1;
  let negUntil = -1;
  let negClause = -1;
  let activeNeg: { reached: boolean } | null = null;
  let neClause = -1; // French: clause in which a clitic ne/n' was seen
  let words = 0;

  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      pendingMod = 1;
      negUntil = -1;
      activeNeg = null;
      continue;
    }
    if (t.kind === 'number') continue;
    if (t.kind === 'emoji' || t.kind === 'emoticon') {
      const v = (t.kind === 'emoji' ? EMOJI_POLARITY : EMOTICON_POLARITY).get(t.norm);
      if (v) pushContrib(i, v, false, t.sentence);
      continue;
    }
    words++;
    const facts = tokenFacts[i] as WordFacts;
    if (facts.contrast) {
      negUntil = -1;
      activeNeg = null;
      pendingMod = 1;
      continue;
    }
    // multi-word lexicon entries (only words that start one can)
    let value: number | undefined;
    let span = 1;
    if (lex && facts.phraseStart) {
      for (let len = Math.min(lex.maxPhrase, n - i); len >= 2 && value === undefined; len--) {
        let key = t.norm;
        let ok = true;
        for (let j = i + 1; j < i + len; j++) {
          const x = tokens[j] as Token;
          if (x.kind !== 'word' || x.clause !== t.clause) {
            ok = false;
            break;
          }
          key += ` ${x.norm}`;
        }
        if (!ok) continue;
        const v = lex.entries.get(key);
        if (v !== undefined && v !== 0) {
          value = v;
          span = len;
        }
      }
    }
    if (value === undefined) {
      const next = tokens[i + 1];
      if (next?.kind === 'word' && rules.modifierBigrams && facts.bigramStart) {
        const m = rules.modifierBigrams.get(`${t.norm} ${next.norm}`);
        if (m !== undefined) {
          pendingMod *= m;
          pendingUntil = i + 3;
          i++;
          continue;
        }
      }
      const weak = lexLang === 'fr' && facts.weakNegator && neClause === t.clause;
      if (isNegatorAt(voc, tokens, i) || weak) {
        if (lexLang === 'fr' && (t.norm === 'ne' || t.norm === "n'")) neClause = t.clause;
        const neg = { i, clause: t.clause, reached: false };
        negators.push(neg);
        activeNeg = neg;
        negUntil = i + p.negationScope + (lexLang === 'fr' ? 1 : 0);
        negClause = t.clause;
        continue;
      }
      if (facts.modifier !== undefined && sentimentAhead(tokens, i, 2)) {
        pendingMod *= facts.modifier;
        pendingUntil = i + 2;
        continue;
      }
      value = facts.value;
      if (value === undefined && facts.laughter) value = 0.3;
    }
    if (value === undefined || value === 0) continue;
    let v = value;
    if (pendingUntil >= i && pendingMod !== 1) {
      v *= pendingMod;
    }
    pendingMod = 1;
    if (t.shouted) v *= p.shout;
    if (t.elongated) v *= p.elongation;
    // A phrase that contains its own negator ("not good", "pas bon") is already polarised.
    let phraseNegated = false;
    for (let j = i; span > 1 && j < i + span && !phraseNegated; j++) {
      phraseNegated = isNegatorAt(voc, tokens, j);
    }
    if (phraseNegated) {
      if (activeNeg) activeNeg.reached = true;
      negUntil = -1;
    }
    const negated = !phraseNegated && negUntil >= i && negClause === t.clause;
    if (negated) {
      v *= p.negation;
      if (activeNeg) activeNeg.reached = true;
    }
    pushContrib(i, v, negated, t.sentence);
    i += span - 1;
  }

  // Post-posed negation (de/nl/fr): "das gefällt mir nicht", "j'aime pas".
  if (rules.postNegation) {
    for (const neg of negators) {
      if (neg.reached) continue;
      for (let k = contribLen - 1; k >= 0; k--) {
        const ci = contribI[k] as number;
        if (ci >= neg.i) continue;
        if (ci < neg.i - 3) break;
        const ct = tokens[ci] as Token;
        if (ct.kind !== 'word' || ct.clause !== neg.clause || contribNeg[k] === 1) break;
        contribV[k] = (contribV[k] as number) * p.negation;
        contribNeg[k] = 1;
        neg.reached = true;
        break;
      }
    }
  }

  // Contrast: within a sentence, the part after the last contrast word weighs more;
  // a sentence that starts with one outweighs the previous sentence.
  // Tokens come in sentence order and every sentence id below the last one has tokens, so each sentence
  // is the index range [first[s], last[s]].
  const sentenceCount = n ? (tokens[n - 1] as Token).sentence + 1 : 0;
  const { weight, first, last, contrastAt, perSentence } = scratchFor(n, sentenceCount);
  let anyContrast = false;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    const s = t.sentence;
    if ((first[s] as number) < 0) first[s] = i;
    last[s] = i;
    if (t.kind === 'word' && (tokenFacts[i] as WordFacts).contrast) {
      contrastAt[s] = i;
      anyContrast = true;
    }
  }
  for (let s = 0; anyContrast && s < sentenceCount; s++) {
    const at = contrastAt[s] as number;
    if (at < 0) continue;
    const from = first[s] as number;
    let wordsBefore = 0;
    for (let i = from; i < at; i++) if ((tokens[i] as Token).kind === 'word') wordsBefore++;
    if (wordsBefore > 0) {
      for (let i = from; i < at; i++) weight[i] = (weight[i] as number) * p.contrastBefore;
    } else if (s > 0 && (first[s - 1] as number) >= 0) {
      for (let i = first[s - 1] as number; i <= (last[s - 1] as number); i++)
        weight[i] = (weight[i] as number) * p.contrastBefore;
    }
    for (let i = at + 1; i <= (last[s] as number); i++) weight[i] = (weight[i] as number) * p.contrastAfter;
  }

  let raw = 0;
  let positive = 0;
  let negative = 0;
  let emoji = 0;
  let negatedCount = 0;
  const contributions: Contribution[] = [];
  for (let k = 0; k < contribLen; k++) {
    const ci = contribI[k] as number;
    const cs = contribSentence[k] as number;
    const negated = contribNeg[k] === 1;
    const w = (contribV[k] as number) * (weight[ci] as number);
    const v = w < 0 ? w * p.negativeWeight : w;
    raw += v;
    perSentence[cs] = (perSentence[cs] as number) + v;
    if (v > 0) positive += v;
    else negative -= v;
    const t = tokens[ci] as Token;
    if (t.kind !== 'word') emoji += v;
    if (negated) negatedCount++;
    if (withContributions) contributions.push({ token: t.raw, value: v, negated });
  }
  // the sentences that have words, in text order (ids ascend with the tokens)
  const sentenceScores: number[] = [];
  let lastWordSentence = -1;
  for (const t of tokens) {
    if (t.kind !== 'word' || t.sentence === lastWordSentence) continue;
    lastWordSentence = t.sentence;
    sentenceScores.push(squash(perSentence[t.sentence] as number));
  }
  if (p.longTextSentences > 0 && sentenceScores.length >= p.longTextSentences) {
    raw = 0;
    sentenceScores.forEach((v, k) => {
      const edge = k === 0 || k === sentenceScores.length - 1;
      raw += (edge ? p.edgeSentenceWeight : 1) * v;
    });
  }
  const exclamations = exclamationCount(text);
  if (raw !== 0 && exclamations > 0) raw += Math.sign(raw) * p.exclamation * Math.min(4, exclamations);
  const score = raw / Math.sqrt(raw * raw + p.alpha);
  return {
    lang: lexLang,
    raw,
    score,
    positive,
    negative,
    hits: contribLen,
    words,
    negated: negatedCount,
    emoji,
    exclamations,
    sentenceScores,
    contributions,
  };
}

/** The neutral band for a language (falls back to the bands' default). */
export function bandFor(bands: NeutralBands, lang: string | null | undefined): NeutralBand {
  return (lang ? bands.languages[lang] : undefined) ?? bands.default;
}

export function labelForScore(score: number, band: NeutralBand): SentimentLabel {
  if (score < band.lo) return 'negative';
  if (score > band.hi) return 'positive';
  return 'neutral';
}

/** Confidence from the distance to the nearest band edge, lowered when there was no evidence. */
export function lexiconConfidence(score: number, band: NeutralBand, hits: number): number {
  if (hits === 0) return 0.4;
  const label = labelForScore(score, band);
  const margin =
    label === 'positive'
      ? score - band.hi
      : label === 'negative'
        ? band.lo - score
        : Math.min(score - band.lo, band.hi - score);
  const c = 0.5 + 0.5 * (1 - Math.exp(-Math.max(0, margin) / 0.15));
  return Math.round(Math.min(1, c * (hits === 1 ? 0.9 : 1)) * 1000) / 1000;
}

const THRESHOLDS_PATH = fileURLToPath(new URL('./thresholds.json', import.meta.url));

export const FALLBACK_BANDS: NeutralBands = { languages: {}, default: { lo: -0.1, hi: 0.1 } };

/** Reads the calibrated neutral bands shipped in thresholds.json (fallback ±0.1). */
export function loadNeutralBands(path = THRESHOLDS_PATH): NeutralBands {
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as {
      languages?: Record<string, NeutralBand>;
      default?: NeutralBand;
      params?: Partial<LexiconParams>;
    };
    return {
      languages: j.languages ?? {},
      default: j.default ?? FALLBACK_BANDS.default,
      ...(j.params ? { params: j.params } : {}),
    };
  } catch {
    return FALLBACK_BANDS;
  }
}

export interface LexiconScorerOptions {
  bands?: NeutralBands;
  policy?: LexiconPolicy;
  /** Use REVIEW_LEXICON_PARAMS (model id gets `-reviews`). */
  reviews?: boolean;
  params?: Partial<LexiconParams>;
}

export interface LexiconScorer extends SentimentScorer {
  analyse(text: string, options?: ScoreOptions): LexiconAnalysis;
}

export function createLexiconScorer(options: LexiconScorerOptions = {}): LexiconScorer {
  const bands = options.bands ?? loadNeutralBands();
  const policy = options.policy ?? 'permissive';
  const model = `lexicon-${LEXICON_MODEL_VERSION}${policy === 'all' ? '-nc' : ''}${options.reviews ? '-reviews' : ''}`;
  const params = { ...bands.params, ...(options.reviews ? REVIEW_LEXICON_PARAMS : {}), ...options.params };
  const analyse = (text: string, o?: ScoreOptions) => analyseSentiment(text, o?.lang, { policy, params });
  return {
    model,
    analyse,
    score(text: string, o?: ScoreOptions): SentimentResult {
      const a = analyse(text, o);
      const band = bandFor(bands, a.lang || o?.lang);
      const score = Math.max(-1, Math.min(1, a.score));
      return {
        score: Math.round(score * 10000) / 10000,
        label: labelForScore(score, band),
        confidence: lexiconConfidence(score, band, a.hits),
        model,
      };
    },
  };
}
