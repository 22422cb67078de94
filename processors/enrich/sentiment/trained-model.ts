/**
 * Trainable sentiment model: hashed n-gram + lexicon features → multinomial
 * logistic regression, trained with plain SGD and L2 (lazy weight decay via a
 * global scale), serialised as compact JSON (sparse, int16-quantised weights).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  DEFAULT_FEATURE_CONFIG,
  extractFeatures,
  extractFeaturesShared,
  type FeatureConfig,
  type SparseVector,
} from './features.ts';
import {
  SENTIMENT_LABELS,
  labelIndex,
  type LabelledText,
  type SentimentResult,
  type SentimentScorer,
} from './types.ts';

export const MODEL_FORMAT = 'lateral-sentiment-model';
export const MODEL_FORMAT_VERSION = 1;
const K = 3;

export interface TrainOptions {
  features?: Partial<FeatureConfig>;
  epochs?: number;
  /** Initial learning rate (decays linearly to 1% of it over the run). */
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Weights with max |w| below this are dropped from the saved model. */
  pruneBelow?: number;
  /** Train this many models (seeds seed, seed+1, …) and average their weights. Default 1. */
  ensemble?: number;
  /** Loss weight per class [negative, neutral, positive] (default 1 each). */
  classWeights?: readonly [number, number, number];
  /**
   * NB-SVM (Wang & Manning 2012): each feature is scaled, per class, by its
   * one-vs-rest naive-Bayes log-count ratio before the regression; the scaling
   * is folded into the saved weights, so scoring and the file format are unchanged.
   */
  nbScale?: boolean;
  /**
   * Log-linear ensemble with a naive-Bayes model: this multiple of its centred
   * per-class log-weights is added to the regression's (folded into the saved
   * weights). 0 (default) = off.
   */
  nbMix?: number;
  /** Naive-Bayes variant for nbMix: 'multinomial' (default) or 'complement' (Rennie et al. 2003). */
  nbKind?: 'multinomial' | 'complement';
  /** Additive smoothing of the naive-Bayes counts (default 1). */
  nbAlpha?: number;
  /** Free-form description of the training data, stored in the model. */
  description?: string;
  /** Progress callback per epoch (mean log-loss). */
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface SentimentModelJSON {
  format: typeof MODEL_FORMAT;
  version: number;
  classes: string[];
  features: FeatureConfig;
  training: {
    examples: number;
    perLanguage: Record<string, number>;
    perLabel: Record<string, number>;
    epochs: number;
    learningRate: number;
    l2: number;
    seed: number;
    classWeights?: number[];
    nbScale?: boolean;
    nbMix?: number;
    nbKind?: string;
    nbAlpha?: number;
    description?: string;
  };
  bias: number[];
  weights: {
    /** Number of stored feature rows. */
    count: number;
    /** value = int16 * scale */
    scale: number;
    /** base64 of LEB128 varint deltas of the sorted feature indices. */
    indices: string;
    /** base64 of little-endian int16, K per row. */
    values: string;
  };
}

/** Decoded model ready for scoring. */
export interface SentimentModel {
  json: SentimentModelJSON;
  weights: Map<number, Float32Array>;
  bias: Float64Array;
}

/** Mulberry32 PRNG (deterministic shuffles). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmax(z: Float64Array): Float64Array {
  let m = -Infinity;
  for (const v of z) if (v > m) m = v;
  let s = 0;
  const out = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) {
    out[k] = Math.exp((z[k] as number) - m);
    s += out[k] as number;
  }
  for (let k = 0; k < z.length; k++) out[k] = (out[k] as number) / s;
  return out;
}

function encodeVarints(nums: number[]): Buffer {
  const bytes: number[] = [];
  for (let n of nums) {
    while (n >= 0x80) {
      bytes.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    bytes.push(n);
  }
  return Buffer.from(bytes);
}

function decodeVarints(buf: Buffer, count: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (out.length < count && i < buf.length) {
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      b = buf[i++] as number;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    out.push(n);
  }
  return out;
}

function sgd(
  X: readonly SparseVector[],
  Y: readonly number[],
  dim: number,
  o: {
    epochs: number;
    lr0: number;
    l2: number;
    seed: number;
    classWeights: readonly number[];
    /** Per (feature, class) input scaling (NB-SVM), or null. */
    scaling: Float32Array | null;
    onEpoch?: (epoch: number, loss: number) => void;
  },
): { W: Float64Array; b: Float64Array } {
  const { epochs, lr0, l2, seed, classWeights: cw, scaling: r } = o;
  const W = new Float64Array(dim * K);
  const b = new Float64Array(K);
  let scale = 1;
  const rand = mulberry32(seed);
  const order = X.map((_, i) => i);
  let t = 0;
  const total = epochs * order.length;
  const z = new Float64Array(K);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = order[i] as number;
      order[i] = order[j] as number;
      order[j] = tmp;
    }
    let loss = 0;
    for (const n of order) {
      const x = X[n] as SparseVector;
      const y = Y[n] as number;
      const lr = lr0 * Math.max(0.01, 1 - t / total);
      t++;
      for (let k = 0; k < K; k++) z[k] = b[k] as number;
      for (let q = 0; q < x.idx.length; q++) {
        const base = (x.idx[q] as number) * K;
        const v = (x.val[q] as number) * scale;
        if (r)
          for (let k = 0; k < K; k++)
            z[k] = (z[k] as number) + (W[base + k] as number) * (r[base + k] as number) * v;
        else for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (W[base + k] as number) * v;
      }
      const p = softmax(z);
      const wy = cw[y] as number;
      loss -= wy * Math.log(Math.max(1e-12, p[y] as number));
      // weight decay on W (not on the bias), lazily through the scale
      scale *= 1 - lr * l2;
      for (let k = 0; k < K; k++) {
        const g = wy * ((p[k] as number) - (k === y ? 1 : 0));
        b[k] = (b[k] as number) - lr * g;
        if (g === 0) continue;
        const step = (lr * g) / scale;
        for (let q = 0; q < x.idx.length; q++) {
          const j = (x.idx[q] as number) * K + k;
          W[j] = (W[j] as number) - step * (x.val[q] as number) * (r ? (r[j] as number) : 1);
        }
      }
      if (scale < 1e-6) {
        for (let j = 0; j < W.length; j++) W[j] = (W[j] as number) * scale;
        scale = 1;
      }
    }
    o.onEpoch?.(ep + 1, loss / Math.max(1, order.length));
  }
  // fold the lazy decay and the NB scaling into the weights
  for (let j = 0; j < W.length; j++) W[j] = (W[j] as number) * scale * (r ? (r[j] as number) : 1);
  return { W, b };
}

/** Per (feature, class) sums of |x| over the examples of each class, and the class sizes. */
function classFeatureSums(
  X: readonly SparseVector[],
  Y: readonly number[],
  dim: number,
): { sums: Float64Array; perClass: number[] } {
  const sums = new Float64Array(dim * K);
  const perClass = [0, 0, 0];
  X.forEach((x, n) => {
    const y = Y[n] as number;
    perClass[y] = (perClass[y] as number) + 1;
    for (let q = 0; q < x.idx.length; q++) {
      const j = (x.idx[q] as number) * K + y;
      sums[j] = (sums[j] as number) + Math.abs(x.val[q] as number);
    }
  });
  return { sums, perClass };
}

/**
 * One-vs-rest naive-Bayes log-count ratios r[j,k] = log(p_k[j]/|p_k|) − log(q_k[j]/|q_k|), p_k the smoothed
 * feature sums of class k, q_k of the other classes (NB-SVM). Classes without examples get 0 (no features).
 */
function nbRatios(
  X: readonly SparseVector[],
  Y: readonly number[],
  dim: number,
  alpha: number,
): Float32Array {
  const { sums, perClass } = classFeatureSums(X, Y, dim);
  const totals = [0, 0, 0];
  for (let j = 0; j < dim; j++)
    for (let k = 0; k < K; k++) totals[k] = (totals[k] as number) + (sums[j * K + k] as number);
  const all = totals.reduce((a, c) => a + c, 0);
  const r = new Float32Array(dim * K);
  for (let k = 0; k < K; k++) {
    if (!perClass[k]) continue;
    const pNorm = (totals[k] as number) + alpha * dim;
    const qNorm = all - (totals[k] as number) + alpha * dim;
    for (let j = 0; j < dim; j++) {
      const own = sums[j * K + k] as number;
      let rest = 0;
      for (let c = 0; c < K; c++) if (c !== k) rest += sums[j * K + c] as number;
      r[j * K + k] = Math.log((own + alpha) / pNorm) - Math.log((rest + alpha) / qNorm);
    }
  }
  return r;
}

/**
 * Naive-Bayes per-class log-weights, centred over the classes present (softmax is unchanged by a per-feature
 * shift), 0 for features never seen: multinomial log θ[j,k], or complement NB's −log θ̄[j,k] (θ̄ estimated from
 * all other classes).
 */
function nbLogWeights(
  X: readonly SparseVector[],
  Y: readonly number[],
  dim: number,
  alpha: number,
  kind: 'multinomial' | 'complement',
): Float64Array {
  const { sums, perClass } = classFeatureSums(X, Y, dim);
  const present = [0, 1, 2].filter((k) => (perClass[k] as number) > 0);
  const seen = new Uint8Array(dim);
  let d = 0;
  for (let j = 0; j < dim; j++)
    if ((sums[j * K] as number) + (sums[j * K + 1] as number) + (sums[j * K + 2] as number) > 0) {
      seen[j] = 1;
      d++;
    }
  const count = (j: number, k: number) =>
    kind === 'multinomial'
      ? (sums[j * K + k] as number)
      : present.reduce((a, c) => (c === k ? a : a + (sums[j * K + c] as number)), 0);
  const totals = [0, 0, 0];
  for (let j = 0; j < dim; j++)
    if (seen[j]) for (const k of present) totals[k] = (totals[k] as number) + count(j, k);
  const out = new Float64Array(dim * K);
  for (let j = 0; j < dim; j++) {
    if (!seen[j]) continue;
    let mean = 0;
    for (const k of present) {
      const lp = Math.log((count(j, k) + alpha) / ((totals[k] as number) + alpha * d));
      out[j * K + k] = kind === 'multinomial' ? lp : -lp;
      mean += (out[j * K + k] as number) / present.length;
    }
    for (const k of present) out[j * K + k] = (out[j * K + k] as number) - mean;
  }
  return out;
}

/** Trains a multinomial logistic regression on labelled texts. Deterministic for a given seed. */
export function trainSentimentModel(
  examples: readonly LabelledText[],
  options: TrainOptions = {},
): SentimentModel {
  const cfg: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...options.features };
  const X = examples.map((e) => extractFeatures(e.text, e.lang, cfg));
  return trainOnFeatures(X, examples, options);
}

/**
 * As trainSentimentModel, on feature vectors already extracted with `options.features` (cross-validation
 * extracts each text's features once and trains many models on them).
 */
export function trainOnFeatures(
  X: readonly SparseVector[],
  examples: readonly LabelledText[],
  options: TrainOptions = {},
): SentimentModel {
  const cfg: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...options.features };
  const epochs = options.epochs ?? 8;
  const lr0 = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-5;
  const seed = options.seed ?? 42;
  const dim = 2 ** cfg.bits;
  const Y = examples.map((e) => labelIndex(e.label));
  const classWeights = options.classWeights ?? [1, 1, 1];
  const nbAlpha = options.nbAlpha ?? 1;
  const scaling = options.nbScale ? nbRatios(X, Y, dim, nbAlpha) : null;
  const ensemble = Math.max(1, options.ensemble ?? 1);
  const W = new Float64Array(dim * K);
  const b = new Float64Array(K);
  for (let e = 0; e < ensemble; e++) {
    const run = sgd(X, Y, dim, {
      epochs,
      lr0,
      l2,
      seed: seed + e,
      classWeights,
      scaling,
      ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
    });
    for (let j = 0; j < W.length; j++) W[j] = (W[j] as number) + (run.W[j] as number) / ensemble;
    for (let k = 0; k < K; k++) b[k] = (b[k] as number) + (run.b[k] as number) / ensemble;
  }
  const nbMix = options.nbMix ?? 0;
  const nbKind = options.nbKind ?? 'multinomial';
  if (nbMix > 0) {
    const nb = nbLogWeights(X, Y, dim, nbAlpha, nbKind);
    for (let j = 0; j < W.length; j++) W[j] = (W[j] as number) + nbMix * (nb[j] as number);
  }
  const scale = 1;
  const prune = options.pruneBelow ?? 1e-4;
  const weights = new Map<number, Float32Array>();
  for (let j = 0; j < dim; j++) {
    let maxAbs = 0;
    const row = new Float32Array(K);
    for (let k = 0; k < K; k++) {
      const v = (W[j * K + k] as number) * scale;
      row[k] = v;
      if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
    }
    if (maxAbs >= prune) weights.set(j, row);
  }
  const perLanguage: Record<string, number> = {};
  const perLabel: Record<string, number> = {};
  for (const e of examples) {
    const l = e.lang ?? 'und';
    perLanguage[l] = (perLanguage[l] ?? 0) + 1;
    perLabel[e.label] = (perLabel[e.label] ?? 0) + 1;
  }
  const json = toJSON(weights, b, cfg, {
    examples: examples.length,
    perLanguage,
    perLabel,
    epochs,
    learningRate: lr0,
    l2,
    seed,
    ...(options.classWeights ? { classWeights: [...options.classWeights] } : {}),
    ...(options.nbScale ? { nbScale: true } : {}),
    ...(nbMix > 0 ? { nbMix, nbKind } : {}),
    ...(options.nbScale || nbMix > 0 ? { nbAlpha } : {}),
    ...(options.description ? { description: options.description } : {}),
  });
  // Return the model as it will be after a save/load (quantised), so scores match exactly.
  return fromJSON(json);
}

function toJSON(
  weights: Map<number, Float32Array>,
  bias: Float64Array,
  features: FeatureConfig,
  training: SentimentModelJSON['training'],
): SentimentModelJSON {
  const keys = [...weights.keys()].sort((a, c) => a - c);
  let maxAbs = 0;
  for (const row of weights.values()) for (const v of row) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const deltas = keys.map((k, i) => (i === 0 ? k : k - (keys[i - 1] as number)));
  const vals = Buffer.alloc(keys.length * K * 2);
  keys.forEach((key, i) => {
    const row = weights.get(key) as Float32Array;
    for (let k = 0; k < K; k++) {
      const q = Math.max(-32767, Math.min(32767, Math.round((row[k] as number) / scale)));
      vals.writeInt16LE(q, (i * K + k) * 2);
    }
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    classes: [...SENTIMENT_LABELS],
    features,
    training,
    bias: [...bias].map((v) => Math.round(v * 1e6) / 1e6),
    weights: {
      count: keys.length,
      scale,
      indices: encodeVarints(deltas).toString('base64'),
      values: vals.toString('base64'),
    },
  };
}

/** Decodes a model JSON object. */
export function fromJSON(json: SentimentModelJSON): SentimentModel {
  if (json.format !== MODEL_FORMAT) throw new Error(`not a ${MODEL_FORMAT} file`);
  if (json.version !== MODEL_FORMAT_VERSION) throw new Error(`unsupported model version ${json.version}`);
  const count = json.weights.count;
  const deltas = decodeVarints(Buffer.from(json.weights.indices, 'base64'), count);
  const vals = Buffer.from(json.weights.values, 'base64');
  if (deltas.length !== count || vals.length !== count * K * 2) throw new Error('corrupt model weights');
  const weights = new Map<number, Float32Array>();
  let key = 0;
  deltas.forEach((d, i) => {
    key = i === 0 ? d : key + d;
    const row = new Float32Array(K);
    for (let k = 0; k < K; k++) row[k] = vals.readInt16LE((i * K + k) * 2) * json.weights.scale;
    weights.set(key, row);
  });
  return { json, weights, bias: Float64Array.from(json.bias) };
}

export function serializeModel(model: SentimentModel): string {
  return `${JSON.stringify(model.json)}\n`;
}

export function saveSentimentModel(model: SentimentModel, path: string): string {
  const text = serializeModel(model);
  writeFileSync(path, text);
  return modelIdFor(text);
}

/** 'trained-' + first 12 hex digits of the SHA-256 of the model file. */
export function modelIdFor(fileContent: string | Buffer): string {
  return `trained-${createHash('sha256').update(fileContent).digest('hex').slice(0, 12)}`;
}

/** Class probabilities [negative, neutral, positive]. */
export function predictProbabilities(
  model: SentimentModel,
  text: string,
  lang?: string | null,
): Float64Array {
  const x = extractFeaturesShared(text, lang, model.json.features);
  return probabilitiesOf(model, x.idx, x.val, x.length);
}

/**
 * A model's weights laid out flat by hash bucket, so a look-up is an array read, not a Map probe. When the
 * rows are what fromJSON decodes (float32 of int16 × scale, every model loaded or trained here), the int16
 * values are kept (6 bytes a bucket, a quarter of float32 rows with a flag: the table is read at ~150
 * random buckets per text and its size decides how many of those miss the caches) with a bit per bucket
 * that has a row (a bucket without one is skipped, as a missing Map entry was); else float32 rows.
 */
interface FlatWeights {
  /** Bit j set: bucket j has a row. */
  present: Uint32Array;
  /** K int16 values per bucket (value = fround(q × scale)), or null (then `rows`). */
  quantised: Int16Array | null;
  scale: number;
  /** K float32 values per bucket, when the rows are not int16 × scale. */
  rows: Float32Array | null;
}

const flatWeights = new WeakMap<SentimentModel, FlatWeights | null>();

/** The flat weights, built on first use; null for hash spaces too big to lay out flat. */
function flatWeightsOf(model: SentimentModel): FlatWeights | null {
  let w = flatWeights.get(model);
  if (w === undefined) {
    w = buildFlatWeights(model);
    flatWeights.set(model, w);
  }
  return w;
}

function buildFlatWeights(model: SentimentModel): FlatWeights | null {
  const bits = model.json.features.bits;
  if (bits > 22) return null;
  const dim = 2 ** bits;
  const scale = model.json.weights?.scale;
  const present = new Uint32Array((dim >>> 5) + 1);
  let quantised: Int16Array | null = typeof scale === 'number' && scale > 0 ? new Int16Array(dim * K) : null;
  for (const [j, row] of model.weights) {
    if (!(Number.isInteger(j) && j >= 0 && j < dim)) return null;
    present[j >>> 5] = (present[j >>> 5] as number) | (1 << (j & 31));
    for (let k = 0; quantised && k < K; k++) {
      const v = row[k] as number;
      const q = Math.round(v / (scale as number));
      if (q >= -32767 && q <= 32767 && Math.fround(q * (scale as number)) === v) quantised[j * K + k] = q;
      else quantised = null;
    }
  }
  let rows: Float32Array | null = null;
  if (!quantised) {
    rows = new Float32Array(dim * K);
    for (const [j, row] of model.weights) for (let k = 0; k < K; k++) rows[j * K + k] = row[k] as number;
  }
  return { present, quantised, scale: scale ?? 1, rows };
}

/** Class probabilities of a feature vector extracted with the model's feature config. */
export function probabilitiesFromFeatures(model: SentimentModel, x: SparseVector): Float64Array {
  return probabilitiesOf(model, x.idx, x.val, x.idx.length);
}

/** Softmax of bias + Σ row·v over the first n features, in index order (the float sums depend on it). */
function probabilitiesOf(model: SentimentModel, idx: Int32Array, val: Float32Array, n: number): Float64Array {
  const flat = flatWeightsOf(model);
  if (flat && flat.quantised && K === 3 && model.bias.length === 3) {
    const { present, quantised, scale } = flat;
    let z0 = model.bias[0] as number;
    let z1 = model.bias[1] as number;
    let z2 = model.bias[2] as number;
    // A bucket without a row holds zeros: for a finite v it adds ±0, which leaves every sum as skipping it
    // would (at most the sign of a zero differs, and softmax maps both alike), with no branch on the
    // presence bit to wait for. A non-finite v still skips it, as 0 × v would not be 0.
    for (let q = 0; q < n; q++) {
      const j = idx[q] as number;
      const v = val[q] as number;
      if (v - v !== 0 && ((present[j >>> 5] as number) & (1 << (j & 31))) === 0) continue;
      const b = j * 3;
      z0 += Math.fround((quantised[b] as number) * scale) * v;
      z1 += Math.fround((quantised[b + 1] as number) * scale) * v;
      z2 += Math.fround((quantised[b + 2] as number) * scale) * v;
    }
    return softmax3(z0, z1, z2);
  }
  const z = Float64Array.from(model.bias);
  for (let q = 0; q < n; q++) {
    const j = idx[q] as number;
    const v = val[q] as number;
    if (flat) {
      if (((flat.present[j >>> 5] as number) & (1 << (j & 31))) === 0) continue;
      const rows = flat.rows as Float32Array;
      for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (rows[j * K + k] as number) * v;
    } else {
      const row = model.weights.get(j);
      if (!row) continue;
      for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (row[k] as number) * v;
    }
  }
  return softmax(z);
}

/** softmax of [z0, z1, z2], the same operations in the same order as softmax (no input array). */
function softmax3(z0: number, z1: number, z2: number): Float64Array {
  let m = -Infinity;
  if (z0 > m) m = z0;
  if (z1 > m) m = z1;
  if (z2 > m) m = z2;
  const out = new Float64Array(3);
  const e0 = Math.exp(z0 - m);
  const e1 = Math.exp(z1 - m);
  const e2 = Math.exp(z2 - m);
  let s = 0;
  s += e0;
  s += e1;
  s += e2;
  out[0] = e0 / s;
  out[1] = e1 / s;
  out[2] = e2 / s;
  return out;
}

export interface TrainedScorer extends SentimentScorer {
  readonly sentimentModel: SentimentModel;
  probabilities(text: string, lang?: string | null): Float64Array;
}

/** Wraps a model as a scorer: score = P(pos) − P(neg), label = argmax, confidence = max P. */
export function scorerFromModel(model: SentimentModel, id?: string): TrainedScorer {
  const modelId = id ?? modelIdFor(serializeModel(model));
  return {
    model: modelId,
    sentimentModel: model,
    probabilities: (text, lang) => predictProbabilities(model, text, lang),
    score(text, options): SentimentResult {
      const p = predictProbabilities(model, text, options?.lang);
      let best = 0;
      for (let k = 1; k < K; k++) if ((p[k] as number) > (p[best] as number)) best = k;
      const score = (p[2] as number) - (p[0] as number);
      return {
        score: Math.round(score * 10000) / 10000,
        label: SENTIMENT_LABELS[best] ?? 'neutral',
        confidence: Math.round((p[best] as number) * 1000) / 1000,
        model: modelId,
      };
    },
  };
}

/** Loads a model file; the scorer's model id is 'trained-<sha256 of the file>'. */
export function loadSentimentModel(path: string): TrainedScorer {
  const buf = readFileSync(path);
  const model = fromJSON(JSON.parse(buf.toString('utf8')) as SentimentModelJSON);
  return scorerFromModel(model, modelIdFor(buf));
}
