import { describe, expect, it } from 'vitest';
import { AuthorStore } from './store.ts';
import { DEFAULT_SCORING_OPTIONS } from './options.ts';

describe('author store', () => {
  it('releases interned ids once no author or in-edge names them', () => {
    const store = new AuthorStore();
    const a = store.add('alice', 0);
    const b = store.add('bob', 0);
    const r = store.addBrand(b, 'acme', 6);
    store.addInEdge(r, 'alice', 1, 8);
    store.addInEdge(r, 'carol', 2, 8); // carol is named by an edge only
    expect(store.internedIds).toBe(3);
    store.remove(a);
    expect(store.internedIds).toBe(3); // bob's edge still names alice
    expect(store.filterEdges(r, (from) => from === 'alice')).toBe(true);
    expect(store.internedIds).toBe(2);
    store.remove(b);
    expect(store.internedIds).toBe(0);
    expect(store.count).toBe(0);
  });

  it('grows edge blocks past the engine limit for restored records and keeps their order', () => {
    const store = new AuthorStore();
    const a = store.add('a', 0);
    const r = store.addBrand(a, 'acme', 6);
    for (let i = 0; i < 20; i++) store.addInEdge(r, `r${i}`, i + 1, 255);
    expect(store.edgeCount(r)).toBe(20);
    store.age(a, DEFAULT_SCORING_OPTIONS.influenceHalfLifeMs, DEFAULT_SCORING_OPTIONS);
    const edges = store.toState(a).brands.get('acme')!.edges;
    expect(edges.map((e) => e.from)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    expect(edges.map((e) => e.weight)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) / 2));
  });
});
