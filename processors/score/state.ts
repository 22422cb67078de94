import { DAY_MS } from './decay.ts';
import { newReactorRegisters } from './reactor-sketch.ts';
import { SIGNATURE_SLOTS } from './text-signature.ts';

/**
 * Per-author state: fixed-size decayed counters and sketches only, so memory per author is bounded whatever
 * the author does. All counters share the reference time `at`; `AuthorStore.age` moves them forward together.
 * The engine keeps this state in columns (store.ts); the plain objects below are the checkpoint form the codec
 * reads and writes.
 */

/** Behaviour and reputation counters (decayed with the trust half-life). */
export const B = {
  posts: 0,
  reposts: 1,
  textPosts: 2,
  linkPosts: 3,
  duplicateOwn: 4,
  duplicateCross: 5,
  burst: 6,
  reviews: 7,
  extremeReviews: 8,
  syncReposts: 9,
  /** Reactions (reply/quote/repost/mention) the author sent. */
  sent: 10,
  positive: 11,
  negative: 12,
} as const;
export const BEHAVIOUR_SLOTS = 13;

/** Short-memory counters (one-day half-life): the current sending rate, for the hyperactivity discount. */
export const FAST_HALF_LIFE_MS = DAY_MS;
export const F = { sent: 0 } as const;
export const FAST_SLOTS = 1;

/** Per brand community counters (decayed with the influence half-life). */
export const I = {
  /** Reactions weighted by the reactor's trust and hyperactivity discount. */
  weighted: 0,
  reposts: 1,
  quotes: 2,
  replies: 3,
  mentions: 4,
  posts: 5,
} as const;
export const INFLUENCE_SLOTS = 6;

/** Recent own text signatures kept for the own near-duplicate check. */
export const TEXT_RING = 4;

export interface Profile {
  followers?: number;
  following?: number;
  accountCreatedMs?: number;
  bot?: boolean;
  isBrand?: boolean;
  listed?: number;
}

export interface InEdge {
  from: string;
  /** Decayed weight, at the author's reference time. */
  weight: number;
}

export interface BrandState {
  counters: Float32Array;
  /** HyperLogLog registers of distinct reactors. */
  reactors: Uint8Array;
  /** Strongest in-edges (reactor → this author), at most `maxInEdges`. */
  edges: InEdge[];
  /** PageRank relative to the community mean at the last recompute (0 = not computed yet). */
  pagerank: number;
}

export interface AuthorState {
  id: string;
  profile: Profile;
  /** Reference event time (ms) of every decayed counter. */
  at: number;
  /** Event time of the previous own item (burst gaps); 0 when none. */
  lastItemAt: number;
  /** Posts per UTC day: the current day number, its count, and the decayed maximum over days. */
  day: number;
  postsToday: number;
  maxPerDay: number;
  behaviour: Float32Array;
  fast: Float32Array;
  /** Ring of the last TEXT_RING own text signatures; `texts` counts how many were ever written. */
  recentTexts: Uint16Array;
  texts: number;
  brands: Map<string, BrandState>;
}

export function newAuthorState(id: string, at: number): AuthorState {
  return {
    id,
    profile: {},
    at,
    lastItemAt: 0,
    day: Math.floor(at / DAY_MS),
    postsToday: 0,
    maxPerDay: 0,
    behaviour: new Float32Array(BEHAVIOUR_SLOTS),
    fast: new Float32Array(FAST_SLOTS),
    recentTexts: new Uint16Array(TEXT_RING * SIGNATURE_SLOTS),
    texts: 0,
    brands: new Map(),
  };
}

export function newBrandState(precision: number): BrandState {
  return {
    counters: new Float32Array(INFLUENCE_SLOTS),
    reactors: newReactorRegisters(precision),
    edges: [],
    pagerank: 0,
  };
}
