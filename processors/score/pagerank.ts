/**
 * Weighted PageRank by power iteration, warm-started from the previous ranks.
 *
 * Hand-written because warm start is the point: graphology-metrics' pagerank (used in the tests as the
 * reference) always starts from the uniform vector and takes no initial ranks. The reactor → author graph
 * changes little between two recomputes, so starting from the last ranks saves most iterations. The graph
 * is a compact CSR (typed arrays), built from the bounded top-k in-edges.
 */

export interface WeightedGraph {
  nodeCount: number;
  /** CSR of in-edges: edges into node v are inStart[v] .. inStart[v+1]-1. */
  inStart: Int32Array;
  inSource: Int32Array;
  inWeight: Float64Array;
}

export interface PageRankOptions {
  damping: number;
  tolerance: number;
  maxIterations: number;
  /** Previous ranks (any positive scale; missing or non-finite entries start at the uniform value). */
  initial?: ArrayLike<number>;
}

export interface PageRankResult {
  /** Ranks summing to 1. */
  ranks: Float64Array;
  iterations: number;
  /** L1 change of the last iteration. */
  delta: number;
}

/** Builds the CSR from (source, target, weight) triples; parallel edges add up, non-positive weights drop. */
export function buildGraph(nodeCount: number, edges: Iterable<[number, number, number]>): WeightedGraph {
  const list: [number, number, number][] = [];
  const counts = new Int32Array(nodeCount + 1);
  for (const e of edges) {
    if (!(e[2] > 0) || e[0] === e[1]) continue;
    list.push(e);
    counts[e[1] + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) counts[v + 1]! += counts[v]!;
  const inSource = new Int32Array(list.length);
  const inWeight = new Float64Array(list.length);
  const fill = counts.slice(0, nodeCount);
  for (const [s, t, w] of list) {
    const at = fill[t]!++;
    inSource[at] = s;
    inWeight[at] = w;
  }
  return { nodeCount, inStart: counts, inSource, inWeight };
}

export function pagerank(graph: WeightedGraph, options: PageRankOptions): PageRankResult {
  const n = graph.nodeCount;
  if (n === 0) return { ranks: new Float64Array(0), iterations: 0, delta: 0 };
  const { inStart, inSource, inWeight } = graph;
  const outWeight = new Float64Array(n);
  for (let i = 0; i < inSource.length; i++) outWeight[inSource[i]!]! += inWeight[i]!;

  let rank = new Float64Array(n);
  let total = 0;
  for (let v = 0; v < n; v++) {
    const x = options.initial?.[v];
    rank[v] = x !== undefined && Number.isFinite(x) && x > 0 ? x : NaN;
  }
  // Missing entries get the mean of the known ones (uniform when none is known), then normalise.
  let known = 0;
  let knownSum = 0;
  for (let v = 0; v < n; v++) {
    if (Number.isNaN(rank[v]!)) continue;
    known++;
    knownSum += rank[v]!;
  }
  const fillValue = known > 0 ? knownSum / known : 1;
  for (let v = 0; v < n; v++) {
    if (Number.isNaN(rank[v]!)) rank[v] = fillValue;
    total += rank[v]!;
  }
  for (let v = 0; v < n; v++) rank[v] = rank[v]! / total;

  const d = options.damping;
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  let delta = Infinity;
  let iterations = 0;
  while (iterations < options.maxIterations && delta > options.tolerance) {
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      if (outWeight[u]! > 0) share[u] = rank[u]! / outWeight[u]!;
      else dangling += rank[u]!;
    }
    const base = (1 - d) / n + (d * dangling) / n;
    delta = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let i = inStart[v]!; i < inStart[v + 1]!; i++) sum += share[inSource[i]!]! * inWeight[i]!;
      const value = base + d * sum;
      next[v] = value;
      delta += Math.abs(value - rank[v]!);
    }
    [rank, next] = [next, rank];
    iterations++;
  }
  return { ranks: rank, iterations, delta };
}
