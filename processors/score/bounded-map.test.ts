import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map.ts';

describe('BoundedMap', () => {
  it('keeps at most its capacity, forgetting the oldest keys first', () => {
    const m = new BoundedMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) m.set(k, i);
    expect(m.size).toBe(3);
    expect(m.has('a')).toBe(false);
    expect(m.get('d')).toBe(3);
    m.set('b', 10); // an update keeps its place
    m.set('e', 4);
    expect(m.has('b')).toBe(false);
    expect([m.get('c'), m.get('d'), m.get('e')]).toEqual([2, 3, 4]);
  });

  it('rejects a capacity below one', () => {
    expect(() => new BoundedMap(0)).toThrow(/capacity/);
  });
});
