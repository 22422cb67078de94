/**
 * Class-prior adjustment for streams whose sentiment mix differs from the training data's (brand streams are
 * mostly neutral; the shipped model was trained on balanced tweets). The stream's priors are estimated without
 * labels by EM over the model's own posteriors (Saerens, Latinne & Decaestecker, "Adjusting the outputs of a
 * classifier to new a priori probabilities", Neural Computation 14, 2002), and each posterior is re-weighted by
 * new prior / training prior and renormalised, which keeps it a calibrated probability when the model's was.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import { SENTIMENT_LABELS, type SentimentLabel } from './types.ts';

export type Probabilities = readonly number[];

/** Posterior re-weighted by `priors / trainPriors`, renormalised. */
export function adjustPosterior(
  p: Probabilities,
  trainPriors: Probabilities,
  priors: Probabilities,
): number[] {
  const w = p.map((v, k) => (v * (priors[k] ?? 0)) / (trainPriors[k] || 1));
  const sum = w.reduce((a, b) => a + b, 0);
  return sum > 0 ? w.map((v) => v / sum) : [...p];
}

export interface EmOptions {
  /** Iterations at most (default 100). */
  maxIterations?: number;
  /** Stop when no prior moves more than this (default 1e-5). */
  tolerance?: number;
  /** No class prior goes below this (default 0.02): a short window cannot rule a class out. */
  floor?: number;
}

/** EM estimate of the class priors of the population `posteriors` were drawn from. */
export function estimatePriors(
  posteriors: readonly Probabilities[],
  trainPriors: Probabilities,
  options: EmOptions = {},
): number[] {
  const K = trainPriors.length;
  if (posteriors.length === 0) return [...trainPriors];
  const floor = options.floor ?? 0.02;
  const tol = options.tolerance ?? 1e-5;
  let priors = [...trainPriors];
  for (let it = 0; it < (options.maxIterations ?? 100); it++) {
    const next = new Array<number>(K).fill(0);
    for (const p of posteriors) {
      const a = adjustPosterior(p, trainPriors, priors);
      for (let k = 0; k < K; k++) next[k]! += a[k]!;
    }
    let total = 0;
    for (let k = 0; k < K; k++) {
      next[k] = Math.max(floor, next[k]! / posteriors.length);
      total += next[k]!;
    }
    for (let k = 0; k < K; k++) next[k]! /= total;
    const moved = Math.max(...next.map((v, k) => Math.abs(v - priors[k]!)));
    priors = next;
    if (moved < tol) break;
  }
  return priors;
}

export interface StreamPriorOptions extends EmOptions {
  /** Training class priors [negative, neutral, positive] (default uniform: the shipped model's balanced data). */
  trainPriors?: Probabilities;
  /**
   * What the EM estimator answers on the training mix itself (default `trainPriors`). EM inherits the model's
   * miscalibration (on balanced tweets it finds ~40 % neutral), so posteriors are re-weighted by stream
   * estimate / this reference: a no-op on a balanced stream (scripts/reference-priors.ts measures it by CV).
   */
  referencePriors?: Probabilities;
  /** Posteriors kept per stream (default 500): the "recent window". */
  window?: number;
  /** No adjustment until a stream has this many posteriors (default 100). */
  minSamples?: number;
  /** Priors are re-estimated after this many new posteriors (default 25). */
  refreshEvery?: number;
  /** Streams (brand × language) remembered, LRU (default 10,000). */
  maxStreams?: number;
}

interface Stream {
  ring: Probabilities[];
  next: number;
  sinceRefresh: number;
  priors: number[] | null;
}

/**
 * Per-stream (brand × language) priors over a sliding window of recent posteriors. `observe` adds a message's
 * posterior and returns it adjusted to the stream's current priors (unadjusted until `minSamples`).
 */
export class StreamPriors {
  private readonly streams: LRUCache<string, Stream>;
  private readonly trainPriors: Probabilities;
  private readonly referencePriors: Probabilities;

  constructor(private readonly options: StreamPriorOptions = {}) {
    this.trainPriors = options.trainPriors ?? [1 / 3, 1 / 3, 1 / 3];
    this.referencePriors = options.referencePriors ?? this.trainPriors;
    this.streams = new LRUCache({ max: options.maxStreams ?? 10_000 });
  }

  /** Current priors of a stream, or null while it has too few messages. */
  priors(stream: string): number[] | null {
    return this.streams.get(stream)?.priors ?? null;
  }

  observe(stream: string, p: Probabilities): { probabilities: number[]; adjusted: boolean } {
    const window = this.options.window ?? 500;
    let s = this.streams.get(stream);
    if (!s) this.streams.set(stream, (s = { ring: [], next: 0, sinceRefresh: 0, priors: null }));
    if (s.ring.length < window) s.ring.push(p);
    else s.ring[s.next] = p;
    s.next = (s.next + 1) % window;
    s.sinceRefresh++;
    if (
      s.ring.length >= (this.options.minSamples ?? 100) &&
      (s.priors === null || s.sinceRefresh >= (this.options.refreshEvery ?? 25))
    ) {
      s.priors = estimatePriors(s.ring, this.trainPriors, this.options);
      s.sinceRefresh = 0;
    }
    return s.priors
      ? { probabilities: adjustPosterior(p, this.referencePriors, s.priors), adjusted: true }
      : { probabilities: [...p], adjusted: false };
  }
}

/** Label, score (P(pos) − P(neg)) and confidence (max P) of a posterior, as the trained scorer reports them. */
export function resultOf(p: Probabilities): { label: SentimentLabel; score: number; confidence: number } {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return {
    label: SENTIMENT_LABELS[best] ?? 'neutral',
    score: Math.round((p[2]! - p[0]!) * 10000) / 10000,
    confidence: Math.round(p[best]! * 1000) / 1000,
  };
}

/** The shipped model's reference priors per language (scripts/reference-priors.ts writes them). */
export const REFERENCE_PRIORS_PATH = fileURLToPath(
  new URL('./models/umsab-default.reference-priors.json', import.meta.url),
);

/**
 * Reference priors for a model: the EM estimate on balanced unseen tweets per language ('*': all), when the file
 * was computed for that model id; otherwise null (then the training priors are the reference).
 */
export function loadReferencePriors(
  modelId: string,
  path = REFERENCE_PRIORS_PATH,
): Record<string, number[]> | null {
  if (!existsSync(path)) return null;
  const json = JSON.parse(readFileSync(path, 'utf8')) as {
    model?: string;
    priors?: Record<string, number[]>;
  };
  return json.model === modelId && json.priors ? json.priors : null;
}
