/**
 * Feature extraction for the trainable model: hashed word uni/bigrams (with
 * negation marking), character n-grams, emoji, and dense lexicon features
 * (from the lexicon model), each optionally also conjoined with the language.
 */
import { emojiRanking } from './emoji-ranking.ts';
import {
  analyseSharedTokens,
  DEFAULT_LEXICON_PARAMS,
  lexiconLanguage,
  type LexiconParams,
} from './lexicon-model.ts';
import { foldAccents, type LexiconPolicy } from './lexicons.ts';
import { rulesFor } from './rules.ts';
import { endsWithNt, tokenizeShared } from './text.ts';

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

/*
 * Feature strings are interned: each distinct string gets a dense id once, with its FNV-1a hash kept by id,
 * and what a word emits (its w:/c: strings, its bigram with a given previous token) is memoised as ids. A
 * text then costs array updates instead of ~160 string builds and hashes. Counting per id (not per hash)
 * keeps distinct strings apart exactly as the string-keyed counts did; first-seen order is kept too, as the
 * float sums below depend on it.
 */
const MAX_FEATURES = 1 << 19; // then every memo is dropped and rebuilt (bounded memory on an open vocabulary)

let featureIds = new Map<string, number>();
// Per id, side by side (one cache line where three arrays took three): the call number that last counted
// it, its count in that call, its FNV-1a hash.
const SEEN = 0;
const COUNT = 1;
const HASH = 2;
let idTable = new Float64Array(4 << 14);
let call = 0;
let order = new Int32Array(256); // ids in first-seen order in this call
let orderLen = 0;

function featureId(f: string): number {
  let id = featureIds.get(f);
  if (id === undefined) {
    id = featureIds.size;
    if (4 * id === idTable.length) {
      const t = new Float64Array(idTable.length * 2);
      t.set(idTable);
      idTable = t;
    }
    idTable[4 * id + HASH] = fnv1a(f);
    featureIds.set(f, id);
  }
  return id;
}

function hashOf(id: number): number {
  return idTable[4 * id + HASH] as number;
}

/** count(f) += v, the id recorded on its first count in this call. */
function addId(id: number, v: number): void {
  const b = 4 * id;
  if (idTable[b + SEEN] !== call) {
    idTable[b + SEEN] = call;
    idTable[b + COUNT] = v;
    if (orderLen === order.length) {
      const o = new Int32Array(order.length * 2);
      o.set(order);
      order = o;
    }
    order[orderLen++] = id;
  } else idTable[b + COUNT] = (idTable[b + COUNT] as number) + v;
}

/**
 * What a word token (by its norm) emits in texts of one language tag under one feature config: its
 * feature word, whether it is a negator, and the ids of its features (memoised; -1 until first needed).
 */
interface WordEntry {
  /** The norm squeezed (and accent-folded when configured). */
  w: string;
  /** In the language's negator list (the English n't is checked on the raw form apart). */
  negator: boolean;
  /** `w:${w}`, `w:¬${w}`, `${lk}|w:${w}`, `${lk}|w:¬${w}`. */
  tagged: [number, number, number, number];
  /** [`b:${prev} ${w}`, `${lk}|b:${prev} ${w}`] by the previous token's string. */
  bigrams: Map<string, [number, number]>;
  /** `c:` n-grams of `#w#` in emission order (repeats kept). */
  grams: Int32Array | null;
}

// by language tag and the config the entries depend on (folding, n-gram range), then by norm
let wordMemos = new Map<string, Map<string, WordEntry>>();
let emojiIds = new Map<string, number>();
let constIds = new Map<string, number>();

/** Id of a fixed feature string (`bias:text`, `d:score` …), looked up without hashing it again. */
function fixedId(f: string): number {
  let id = constIds.get(f);
  if (id === undefined) {
    id = featureId(f);
    constIds.set(f, id);
  }
  return id;
}

function resetMemos(): void {
  featureIds = new Map();
  langConstIds.clear();
  wordMemos = new Map();
  emojiIds = new Map();
  constIds = new Map();
}

function ngramIds(w: string, [lo, hi]: [number, number]): Int32Array {
  const padded = `#${w}#`;
  const ids: number[] = [];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= padded.length; i++) ids.push(featureId(`c:${padded.slice(i, i + n)}`));
  }
  return Int32Array.from(ids);
}

/**
 * Signed sums per hash bucket for one call, in a small open-addressing table: the ~150 buckets a text
 * touches stay in cache, where a flat array over all 2^18 buckets would not.
 */
let slotBucket = new Int32Array(512).fill(-1);
let slotSum = new Float64Array(512);
let usedSlots = new Int32Array(256);
let usedLen = 0;

function slotOf(j: number): number {
  const mask = slotBucket.length - 1;
  let s = Math.imul(j, 0x9e3779b1) & mask;
  while (slotBucket[s] !== -1 && slotBucket[s] !== j) s = (s + 1) & mask;
  return s;
}

/** sum(bucket j) += v (the first add to a bucket starts from 0, as the Map did). */
function addToBucket(j: number, v: number): void {
  let s = slotOf(j);
  if (slotBucket[s] === -1) {
    if (2 * (usedLen + 1) > slotBucket.length) {
      growBuckets();
      s = slotOf(j);
    }
    slotBucket[s] = j;
    slotSum[s] = 0;
    usedSlots[usedLen++] = s;
  }
  slotSum[s] = (slotSum[s] as number) + v;
}

// (module functions, not closures: the tsx transform names every closure with a defineProperty call)
let bucketMask = 0;
/** Adds ±v (the sign is the hash's top bit) to the hash's bucket. */
function putHash(h: number, v: number): void {
  addToBucket(h & bucketMask, (h & 0x80000000 ? -1 : 1) * v);
}
function put(f: string, v: number): void {
  putHash(hashOf(fixedId(f)), v);
}
function putLk(lk: string, name: string, v: number): void {
  putHash(hashOf(langConstId(lk, name)), v);
}

// The lexicon's dense features in the order they are added (DENSE_NAMES[k] is putDenseAt's k).
const DENSE_NAMES = [
  'd:score',
  'd:pos',
  'd:neg',
  'd:hits0',
  'd:negated',
  'd:emoji',
  'd:excl',
  'd:quest',
  'd:spos',
  'd:sneg',
] as const;
// per language key: the hashes of each dense name, plain and `${lk}|name` (hashes, not ids: they are stable)
const denseHashes = new Map<string, Float64Array>();
function denseHashesFor(lk: string): Float64Array {
  let h = denseHashes.get(lk);
  if (h === undefined) {
    h = new Float64Array(2 * DENSE_NAMES.length);
    for (let k = 0; k < DENSE_NAMES.length; k++) {
      h[2 * k] = fnv1a(DENSE_NAMES[k] as string);
      h[2 * k + 1] = fnv1a(`${lk}|${DENSE_NAMES[k] as string}`);
    }
    denseHashes.set(lk, h);
  }
  return h;
}
/** putDense of DENSE_NAMES[k], by its hashes. */
function putDenseAt(h: Float64Array, k: number, v: number): void {
  if (v === 0) return;
  putHash(h[2 * k] as number, v);
  putHash(h[2 * k + 1] as number, v);
}

/** A dense feature, plain and conjoined with the language; nothing when 0. */
function putDense(lk: string, name: string, v: number): void {
  if (v === 0) return;
  put(name, v);
  putLk(lk, name, v);
}

function growBuckets(): void {
  const buckets = slotBucket;
  const sums = slotSum;
  const used = usedSlots.subarray(0, usedLen);
  slotBucket = new Int32Array(buckets.length * 2).fill(-1);
  slotSum = new Float64Array(buckets.length * 2);
  const next = new Int32Array(buckets.length);
  used.forEach((old, q) => {
    const s = slotOf(buckets[old] as number);
    slotBucket[s] = buckets[old] as number;
    slotSum[s] = sums[old] as number;
    next[q] = s;
  });
  usedSlots = next;
}

/** A feature vector in shared buffers: the first `length` entries of idx/val, valid until the next call. */
export interface SharedSparseVector {
  idx: Int32Array;
  val: Float32Array;
  length: number;
}

let sortedIdx = new Int32Array(512);
let sortedVal = new Float32Array(512);
let sortKeys = new Float64Array(512);
const logCounts: number[] = [];

// log1p of small counts (multiples of 0.5), the same doubles Math.log1p returns, looked up instead of
// computed twice per feature
const LOG1P_HALVES = Float64Array.from({ length: 64 }, (_, k) => Math.log1p(k / 2));
function log1pCount(c: number): number {
  const k = 2 * c;
  return k < 64 && Number.isInteger(k) ? (LOG1P_HALVES[k] as number) : Math.log1p(c);
}

// per language key: ids of `${lk}|${name}` (and `lang:${lk}`) without building the string each call
const langConstIds = new Map<string, Map<string, number>>();
function langConstId(lk: string, name: string): number {
  let byName = langConstIds.get(lk);
  if (!byName) langConstIds.set(lk, (byName = new Map()));
  let id = byName.get(name);
  if (id === undefined) {
    id = featureId(name === 'lang:' ? `lang:${lk}` : `${lk}|${name}`);
    byName.set(name, id);
  }
  return id;
}

/** extractFeatures into shared buffers (scoring needs no copy of the vector). */
export function extractFeaturesShared(
  text: string,
  lang: string | null | undefined,
  cfg: FeatureConfig,
): SharedSparseVector {
  if (featureIds.size >= MAX_FEATURES) resetMemos();
  call++;
  orderLen = 0;
  const lk = langKey(lang);
  const lexLang = lexiconLanguage(lang);
  const rules = rulesFor(lexLang || 'en');
  const tokens = tokenizeShared(text, lexLang || lang);
  const grams = cfg.charNgrams;
  const memoKey = `${cfg.foldAccents ? 1 : 0}|${grams ? `${grams[0]}-${grams[1]}` : ''}|${lang ?? ''}`;
  let memo = wordMemos.get(memoKey);
  if (!memo) wordMemos.set(memoKey, (memo = new Map()));

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
      const bang = t.norm.includes('!');
      const ask = t.norm.includes('?');
      if (bang || ask) addId(fixedId(bang ? (ask ? 'p:!?' : 'p:!') : 'p:?'), 1);
      prev = '<s>';
      continue;
    }
    if (t.kind === 'number') {
      prev = '<num>';
      continue;
    }
    if (t.kind === 'emoji' || t.kind === 'emoticon') {
      let id = emojiIds.get(t.norm);
      if (id === undefined) emojiIds.set(t.norm, (id = featureId(`e:${t.norm}`)));
      addId(id, 1);
      const r = t.kind === 'emoji' ? ranking?.get(t.norm) : undefined;
      if (r !== undefined) emojiScores.push(r);
      prev = t.norm;
      continue;
    }
    const ct = t.chunk;
    let e = ct.entryOwner === memo ? (ct.entry as WordEntry) : memo.get(t.norm);
    if (e === undefined) {
      e = {
        w: cfg.foldAccents ? foldAccents(t.squeezed) : t.squeezed,
        negator: rules.negators.has(t.norm),
        tagged: [-1, -1, -1, -1],
        bigrams: new Map(),
        grams: null,
      };
      if (memo.size >= 100_000) memo.clear();
      memo.set(t.norm, e);
    }
    ct.entryOwner = memo;
    ct.entry = e;
    const w = e.w;
    const negator = e.negator || (lexLang === 'en' && endsWithNt(t.raw));
    const negated = negLeft > 0 && !negator;
    const tag = negated ? '¬' : '';
    const k = negated ? 1 : 0;
    if (e.tagged[k] === -1) e.tagged[k] = featureId(`w:${tag}${w}`);
    addId(e.tagged[k], 1);
    if (cfg.langConjoined) {
      if (e.tagged[k + 2] === -1) e.tagged[k + 2] = featureId(`${lk}|w:${tag}${w}`);
      addId(e.tagged[k + 2] as number, 1);
    }
    if (t.elongated) addId(fixedId('f:elong'), 1);
    if (t.shouted) addId(fixedId('f:shout'), 1);
    if (cfg.emphasisCopies && (t.elongated || t.shouted)) addId(featureId(`x:${tag}${w}`), 1);
    if (cfg.clauseCopies) {
      if (rules.contrast.has(t.norm)) afterContrast = true;
      else {
        if (afterContrast) addId(featureId(`C:${tag}${w}`), 1);
        if (t.sentence === lastSentence && lastSentence > 0) addId(featureId(`L:${tag}${w}`), 1);
      }
    }
    if (cfg.wordBigrams) {
      let b = e.bigrams.get(prev);
      if (b === undefined) e.bigrams.set(prev, (b = [featureId(`b:${prev} ${w}`), -1]));
      addId(b[0], 1);
      if (cfg.langConjoined) {
        if (b[1] === -1) b[1] = featureId(`${lk}|b:${prev} ${w}`);
        addId(b[1], 1);
      }
    }
    if (grams && w.length >= 2) {
      const ids = e.grams ?? (e.grams = ngramIds(w, grams));
      for (let q = 0; q < ids.length; q++) addId(ids[q] as number, 0.5);
    }
    prev = w;
    if (negator) negLeft = scope > 0 ? scope : Number.POSITIVE_INFINITY;
    else if (negLeft > 0) negLeft--;
  }

  bucketMask = (1 << cfg.bits) - 1;
  // empty what the previous call left (here, not after it, so a throw cannot leave sums behind)
  for (let q = 0; q < usedLen; q++) slotBucket[usedSlots[q] as number] = -1;
  usedLen = 0;

  let norm2 = 0;
  for (let q = 0; q < orderLen; q++) {
    const v = log1pCount(idTable[4 * (order[q] as number) + COUNT] as number);
    logCounts[q] = v;
    norm2 += v * v;
  }
  const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
  for (let q = 0; q < orderLen; q++) {
    putHash(hashOf(order[q] as number), (logCounts[q] as number) * inv);
  }

  // language bias
  putHash(hashOf(langConstId(lk, 'lang:')), 1);
  put('bias:text', 1);

  if (emojiScores.length) {
    const mean = emojiScores.reduce((a, b) => a + b, 0) / emojiScores.length;
    put('d:emojiRank', mean);
    putLk(lk, 'd:emojiRank', mean);
    put('d:emojiRankMax', Math.max(...emojiScores));
    put('d:emojiRankMin', Math.min(...emojiScores));
  }

  if (cfg.lexicon) {
    // longTextSentences 0: the plain lexicon sum, as when these features were introduced
    const a = analyseSharedTokens(text, tokens, lang, cfg.lexiconPolicy, lexiconParams(cfg.negativeWeight));
    // in this order (the bucket sums depend on it); zeros are left out
    const h = denseHashesFor(lk);
    putDenseAt(h, 0, a.score);
    putDenseAt(h, 1, Math.log1p(a.positive));
    putDenseAt(h, 2, Math.log1p(a.negative));
    putDenseAt(h, 3, a.hits === 0 ? 1 : 0);
    putDenseAt(h, 4, Math.min(3, a.negated) / 3);
    putDenseAt(h, 5, Math.max(-2, Math.min(2, a.emoji)) / 2);
    putDenseAt(h, 6, Math.min(4, a.exclamations) / 4);
    putDenseAt(h, 7, text.includes('?') ? 1 : 0);
    putDenseAt(h, 8, a.score > 0 ? a.score : 0);
    putDenseAt(h, 9, a.score < 0 ? -a.score : 0);
    if (cfg.sentenceLexicon)
      for (const [name, v] of sentenceFeatures(a.sentenceScores)) putDense(lk, `d:${name}`, v);
  }

  // ascending bucket order (a typed-array sort is numeric, no comparator)
  const n = usedLen;
  if (sortedIdx.length < n) {
    sortedIdx = new Int32Array(2 * n);
    sortedVal = new Float32Array(2 * n);
  }
  const cap = slotBucket.length;
  if ((bucketMask + 1) * cap <= 2 ** 52) {
    // sort bucket × cap + slot (exact doubles, buckets distinct): each sorted key gives its slot back
    // without probing the table again
    if (sortKeys.length < n) sortKeys = new Float64Array(2 * n);
    for (let q = 0; q < n; q++) {
      const s = usedSlots[q] as number;
      sortKeys[q] = (slotBucket[s] as number) * cap + s;
    }
    const keys = n === sortKeys.length ? sortKeys : sortKeys.subarray(0, n);
    keys.sort();
    for (let i = 0; i < n; i++) {
      const key = keys[i] as number;
      const s = key % cap;
      sortedIdx[i] = (key - s) / cap;
      sortedVal[i] = slotSum[s] as number;
    }
  } else {
    for (let q = 0; q < n; q++) sortedIdx[q] = slotBucket[usedSlots[q] as number] as number;
    sortedIdx.subarray(0, n).sort();
    for (let i = 0; i < n; i++) sortedVal[i] = slotSum[slotOf(sortedIdx[i] as number)] as number;
  }
  return { idx: sortedIdx, val: sortedVal, length: n };
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
  const x = extractFeaturesShared(text, lang, cfg);
  return { idx: x.idx.slice(0, x.length), val: x.val.slice(0, x.length) };
}

let lexiconParamsFor: { negativeWeight: number; params: LexiconParams } | null = null;
/** The lexicon parameters of the dense features (longTextSentences 0: the plain lexicon sum). */
function lexiconParams(negativeWeight: number): LexiconParams {
  if (lexiconParamsFor === null || lexiconParamsFor.negativeWeight !== negativeWeight) {
    lexiconParamsFor = {
      negativeWeight,
      params: { ...DEFAULT_LEXICON_PARAMS, negativeWeight, longTextSentences: 0, snowballStems: [] },
    };
  }
  return lexiconParamsFor.params;
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
