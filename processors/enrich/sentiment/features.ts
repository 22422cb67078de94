/**
 * Feature extraction for the trainable model: hashed word uni/bigrams (with
 * negation marking), character n-grams, emoji, and dense lexicon features
 * (from the lexicon model), each optionally also conjoined with the language.
 */
import { emojiRanking } from './emoji-ranking.ts';
import { analyseTokens, lexiconLanguage } from './lexicon-model.ts';
import { foldAccents, type LexiconPolicy } from './lexicons.ts';
import { rulesFor } from './rules.ts';
import { endsWithNt, tokenize } from './text.ts';

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
let featureHashes = new Uint32Array(1 << 14);
let counts = new Float64Array(1 << 14);
let seenAt = new Int32Array(1 << 14); // call number that last counted the id
let call = 0;
let order = new Int32Array(256); // ids in first-seen order in this call
let orderLen = 0;

function featureId(f: string): number {
  let id = featureIds.get(f);
  if (id === undefined) {
    id = featureIds.size;
    if (id === featureHashes.length) {
      const grow = <T extends Uint32Array | Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      featureHashes = grow(featureHashes, (n) => new Uint32Array(n));
      counts = grow(counts, (n) => new Float64Array(n));
      seenAt = grow(seenAt, (n) => new Int32Array(n));
    }
    featureHashes[id] = fnv1a(f);
    featureIds.set(f, id);
  }
  return id;
}

/** count(f) += v, the id recorded on its first count in this call. */
function addId(id: number, v: number): void {
  if (seenAt[id] !== call) {
    seenAt[id] = call;
    counts[id] = v;
    if (orderLen === order.length) {
      const o = new Int32Array(order.length * 2);
      o.set(order);
      order = o;
    }
    order[orderLen++] = id;
  } else counts[id] = (counts[id] as number) + v;
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
  putHash(featureHashes[fixedId(f)] as number, v);
}
function putLk(lk: string, name: string, v: number): void {
  putHash(featureHashes[langConstId(lk, name)] as number, v);
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
  const tokens = tokenize(text, lexLang || lang);
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
    let e = memo.get(t.norm);
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
    const v = log1pCount(counts[order[q] as number] as number);
    logCounts[q] = v;
    norm2 += v * v;
  }
  const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
  for (let q = 0; q < orderLen; q++) {
    putHash(featureHashes[order[q] as number] as number, (logCounts[q] as number) * inv);
  }

  // language bias
  putHash(featureHashes[langConstId(lk, 'lang:')] as number, 1);
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
    const a = analyseTokens(text, tokens, lang, {
      policy: cfg.lexiconPolicy,
      params: { negativeWeight: cfg.negativeWeight, longTextSentences: 0, snowballStems: [] },
    });
    // in this order (the bucket sums depend on it); zeros are left out
    putDense(lk, 'd:score', a.score);
    putDense(lk, 'd:pos', Math.log1p(a.positive));
    putDense(lk, 'd:neg', Math.log1p(a.negative));
    putDense(lk, 'd:hits0', a.hits === 0 ? 1 : 0);
    putDense(lk, 'd:negated', Math.min(3, a.negated) / 3);
    putDense(lk, 'd:emoji', Math.max(-2, Math.min(2, a.emoji)) / 2);
    putDense(lk, 'd:excl', Math.min(4, a.exclamations) / 4);
    putDense(lk, 'd:quest', text.includes('?') ? 1 : 0);
    putDense(lk, 'd:spos', a.score > 0 ? a.score : 0);
    putDense(lk, 'd:sneg', a.score < 0 ? -a.score : 0);
    if (cfg.sentenceLexicon)
      for (const [name, v] of sentenceFeatures(a.sentenceScores)) putDense(lk, `d:${name}`, v);
  }

  // ascending bucket order (a typed-array sort is numeric, no comparator)
  const n = usedLen;
  if (sortedIdx.length < n) {
    sortedIdx = new Int32Array(2 * n);
    sortedVal = new Float32Array(2 * n);
  }
  for (let q = 0; q < n; q++) sortedIdx[q] = slotBucket[usedSlots[q] as number] as number;
  sortedIdx.subarray(0, n).sort();
  for (let i = 0; i < n; i++) sortedVal[i] = slotSum[slotOf(sortedIdx[i] as number)] as number;
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
