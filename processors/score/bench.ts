/**
 * Scoring benchmark (prints, asserts nothing): ingest throughput, PageRank time per brand community (cold and
 * warm-started), and checkpoint bytes per author for 100k and 1M synthetic authors.
 *
 *   npx tsx processors/score/bench.ts [authors] [interactions] [memory]
 *
 * `memory` measures the state only: no PageRank timings and no synthetic checkpoints (at a million authors
 * on a busy 2-core machine those take most of an hour; the memory figures do not depend on them).
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import seedrandom from 'seedrandom';
import { serializeAuthorState } from './codec.ts';
import { DAY_MS } from './decay.ts';
import { ScoringEngine } from './engine.ts';
import type { ScoringInteraction } from './inputs.ts';
import { addReactor } from './reactor-sketch.ts';
import { newAuthorState, newBrandState, TEXT_RING, type AuthorState } from './state.ts';
import { SIGNATURE_SLOTS } from './text-signature.ts';
import { DEFAULT_SCORING_OPTIONS } from './options.ts';

export interface ScoringBenchResult {
  postsPerSecond: number;
  interactionsPerSecond: number;
  pagerank: {
    brand: string;
    nodes: number;
    edges: number;
    coldMs: number;
    coldIterations: number;
    warmMs: number;
    warmIterations: number;
  }[];
  bytesPerAuthor: { authors: number; mean: number; max: number }[];
  engineBytesPerAuthor: number;
  heapBytesPerAuthor: number;
  /** Also counting typed-array backing stores, which live outside the V8 heap. */
  heapAndBuffersBytesPerAuthor: number;
}

const BRANDS = ['fietsfabriek', 'kaffeekraft', 'lumora'];
const KINDS: ScoringInteraction['kind'][] = ['reply', 'reply', 'repost', 'quote', 'mention'];
const T0 = Date.UTC(2026, 2, 1);

/**
 * Heap in use after a full garbage collection, so only live objects count; and the typed-array backing stores
 * (outside the V8 heap: typed arrays over 64 bytes, and the store's columns), so moving state there is seen.
 */
function liveHeap(): { heap: number; buffers: number } {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, buffers: arrayBuffers };
}

/** Zipf-like pick: a few authors get most reactions, as in real communities. */
const skewed = (rng: () => number, n: number) => Math.floor(n * rng() ** 3);

export function runScoringBench(
  options: {
    authors?: number;
    interactions?: number;
    stateSizes?: number[];
    /** Time PageRank per community (cold and warm); off to measure memory only. */
    pagerank?: boolean;
    log?: (line: string) => void;
  } = {},
): ScoringBenchResult {
  const authors = options.authors ?? 100_000;
  const interactions = options.interactions ?? 500_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const rng = seedrandom.alea('score-bench');

  const heapBefore = liveHeap();
  const engine = new ScoringEngine({ recomputeEveryMs: 0 });
  const span = 7 * DAY_MS;
  const posts = authors;
  let start = performance.now();
  for (let i = 0; i < posts; i++) {
    const author = `u${i}`;
    engine.ingestPost({
      postId: `bench:${i}`,
      authorId: author,
      brands: [BRANDS[i % BRANDS.length]!],
      text: `Post ${i} about the product: battery ${i % 17} hours, screen ${i % 5}, ${rng() < 0.5 ? 'happy' : 'not happy'} with it`,
      createdAt: T0 + Math.floor((i / posts) * span),
      profile: {
        followers: Math.floor(100 * Math.exp(2 * rng())),
        following: 200,
        createdAt: T0 - 400 * DAY_MS,
      },
    });
  }
  const postsPerSecond = posts / ((performance.now() - start) / 1000);

  const batch: ScoringInteraction[] = [];
  for (let i = 0; i < interactions; i++) {
    batch.push({
      id: `i${i}`,
      from: `u${Math.floor(rng() * authors)}`,
      to: `u${skewed(rng, authors)}`,
      kind: KINDS[i % KINDS.length]!,
      brand: BRANDS[i % BRANDS.length]!,
      targetPostId: `bench:${skewed(rng, authors)}`,
      at: T0 + Math.floor((i / interactions) * span),
    });
  }
  start = performance.now();
  for (const i of batch) engine.ingestInteraction(i);
  const interactionsPerSecond = interactions / ((performance.now() - start) / 1000);
  batch.length = 0;
  log(
    `scoring: ${Math.round(postsPerSecond).toLocaleString('en')} posts/s, ${Math.round(interactionsPerSecond).toLocaleString('en')} interactions/s (${authors.toLocaleString('en')} authors, ${interactions.toLocaleString('en')} interactions)`,
  );

  const pagerank: ScoringBenchResult['pagerank'] = [];
  for (const brand of options.pagerank === false ? [] : BRANDS) {
    let t = performance.now();
    const [cold] = engine.recompute([brand]);
    const coldMs = performance.now() - t;
    // A few more reactions, then the periodic recompute warm-starts from the ranks just stored.
    for (let i = 0; i < 1000; i++)
      engine.ingestInteraction({
        from: `u${Math.floor(rng() * authors)}`,
        to: `u${skewed(rng, authors)}`,
        kind: 'reply',
        brand,
        at: T0 + span + i,
      });
    t = performance.now();
    const [warm] = engine.recompute([brand]);
    const warmMs = performance.now() - t;
    pagerank.push({
      brand,
      nodes: cold!.nodes,
      edges: cold!.edges,
      coldMs,
      coldIterations: cold!.iterations,
      warmMs,
      warmIterations: warm!.iterations,
    });
    log(
      `  pagerank ${brand}: ${cold!.nodes.toLocaleString('en')} nodes, ${cold!.edges.toLocaleString('en')} edges: cold ${coldMs.toFixed(0)} ms (${cold!.iterations} it.), warm ${warmMs.toFixed(0)} ms (${warm!.iterations} it.), incl. percentiles`,
    );
  }

  let engineBytes = 0;
  for (const id of engine.authorIds()) engineBytes += engine.snapshot(id)!.length;
  const engineBytesPerAuthor = engineBytes / engine.authorCount;
  const heapAfter = liveHeap();
  const heapBytesPerAuthor = (heapAfter.heap - heapBefore.heap) / engine.authorCount;
  const heapAndBuffersBytesPerAuthor =
    (heapAfter.heap + heapAfter.buffers - heapBefore.heap - heapBefore.buffers) / engine.authorCount;
  log(
    `  engine state after the run: ${engineBytesPerAuthor.toFixed(0)} B/author serialised, ${heapBytesPerAuthor.toFixed(0)} B/author live on the V8 heap after a full GC (incl. the fixed-size engine caches), ${heapAndBuffersBytesPerAuthor.toFixed(0)} B/author with typed-array buffers`,
  );

  const bytesPerAuthor: ScoringBenchResult['bytesPerAuthor'] = [];
  for (const n of options.stateSizes ?? [100_000, 1_000_000]) {
    let total = 0;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const size = serializeAuthorState(syntheticState(i, n, rng)).length;
      total += size;
      if (size > max) max = size;
    }
    bytesPerAuthor.push({ authors: n, mean: total / n, max });
    log(
      `  synthetic state, ${n.toLocaleString('en')} authors: ${(total / n).toFixed(0)} B/author mean, max ${max} B`,
    );
  }
  return {
    postsPerSecond,
    interactionsPerSecond,
    pagerank,
    bytesPerAuthor,
    engineBytesPerAuthor,
    heapBytesPerAuthor,
    heapAndBuffersBytesPerAuthor,
  };
}

/**
 * A plausible state for author i of n: most authors are active in one community with a few reactors; a
 * heavy tail is active in several, with many reactors and full top-k edge lists and text rings.
 */
function syntheticState(i: number, n: number, rng: () => number): AuthorState {
  const o = DEFAULT_SCORING_OPTIONS;
  const state = newAuthorState(`simulator:u${i}`, T0 + Math.floor(rng() * DAY_MS));
  state.profile = {
    followers: Math.floor(150 * Math.exp(1.1 * (rng() * 2 - 1) * 2)),
    following: 180,
    accountCreatedMs: T0 - 900 * DAY_MS,
  };
  for (let s = 0; s < state.behaviour.length; s++) state.behaviour[s] = rng() * 20;
  const activity = rng() ** 4; // heavy tail
  state.texts = Math.min(TEXT_RING + 3, Math.floor(activity * 40));
  for (let k = 0; k < Math.min(state.texts, TEXT_RING) * SIGNATURE_SLOTS; k++)
    state.recentTexts[k] = Math.floor(rng() * 65536);
  const communities = 1 + Math.floor(activity * 3);
  for (let b = 0; b < communities; b++) {
    const brand = newBrandState(o.reactorPrecision);
    for (let s = 0; s < brand.counters.length; s++) brand.counters[s] = rng() * 10;
    const reactors = Math.floor(activity * 300);
    for (let r = 0; r < reactors; r++) addReactor(brand.reactors, `simulator:u${Math.floor(rng() * n)}`);
    for (let e = 0; e < Math.min(o.maxInEdges, reactors); e++)
      brand.edges.push({ from: `simulator:u${Math.floor(rng() * n)}`, weight: rng() * 5 });
    brand.pagerank = rng() * 3;
    state.brands.set(BRANDS[b]!, brand);
  }
  return state;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const memoryOnly = process.argv[4] === 'memory';
  runScoringBench({
    authors: process.argv[2] ? Number(process.argv[2]) : undefined,
    interactions: process.argv[3] ? Number(process.argv[3]) : undefined,
    ...(memoryOnly ? { pagerank: false, stateSizes: [] } : {}),
  });
}
