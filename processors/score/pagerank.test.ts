import { DirectedGraph } from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { buildGraph, pagerank } from './pagerank.ts';

// The module is CommonJS (`module.exports = pagerank`) while its typings declare an ES default export.
const pagerankReference = pagerankModule as unknown as typeof pagerankModule.default;

function randomEdges(n: number, m: number, seed: string): [number, number, number][] {
  const rng = seedrandom.alea(seed);
  const edges: [number, number, number][] = [];
  // Preferential targets: a few authors get most reactions, as in a community.
  for (let i = 0; i < m; i++)
    edges.push([Math.floor(rng() * n), Math.floor(n * rng() ** 3), 0.1 + rng() * 3]);
  return edges;
}

const options = { damping: 0.85, tolerance: 1e-12, maxIterations: 500 };

describe('pagerank', () => {
  it('agrees with graphology-metrics on a weighted graph with dangling nodes', () => {
    const n = 300;
    const edges = randomEdges(n, 1200, 'pr');
    const graph = buildGraph(n, edges);
    const ours = pagerank(graph, options).ranks;

    const g = new DirectedGraph<Record<string, never>, { weight: number }>();
    for (let i = 0; i < n; i++) g.addNode(String(i));
    for (const [s, t, w] of edges) {
      if (s === t) continue;
      const key = g.edge(String(s), String(t));
      if (key) g.updateEdgeAttribute(key, 'weight', (x) => (x ?? 0) + w);
      else g.addEdge(String(s), String(t), { weight: w });
    }
    const reference = pagerankReference(g, {
      alpha: 0.85,
      tolerance: 1e-12,
      maxIterations: 500,
      getEdgeWeight: 'weight',
    });
    for (let i = 0; i < n; i++) expect(ours[i]).toBeCloseTo(reference[String(i)]!, 8);
    expect(ours.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('converges in fewer iterations when warm-started from the previous ranks', () => {
    const n = 2000;
    const edges = randomEdges(n, 10_000, 'warm');
    const before = pagerank(buildGraph(n, edges), options);
    // The graph changes a little between two recomputes: a few new reactions.
    const after = [...edges, ...randomEdges(n, 100, 'new')];
    const cold = pagerank(buildGraph(n, after), options);
    const warm = pagerank(buildGraph(n, after), { ...options, initial: before.ranks });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    for (let i = 0; i < n; i++) expect(warm.ranks[i]).toBeCloseTo(cold.ranks[i]!, 9);
  });

  it('handles empty graphs and starts unknown nodes at the mean of the known', () => {
    expect(pagerank(buildGraph(0, []), options).ranks.length).toBe(0);
    const result = pagerank(buildGraph(3, [[0, 1, 1]]), { ...options, initial: [NaN, 2, 0] });
    expect(result.ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(result.ranks[1]).toBeGreaterThan(result.ranks[0]!);
  });
});
