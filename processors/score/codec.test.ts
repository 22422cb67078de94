import { describe, expect, it } from 'vitest';
import { deserializeAuthorState, serializeAuthorState } from './codec.ts';
import { addReactor } from './reactor-sketch.ts';
import { newAuthorState, newBrandState, TEXT_RING } from './state.ts';
import { textSignature } from './text-signature.ts';

function sampleState(reactors: number) {
  const state = newAuthorState('simulator:u1234', Date.UTC(2026, 2, 3));
  state.profile = {
    followers: 1234,
    following: 56,
    accountCreatedMs: Date.UTC(2019, 4, 1),
    bot: true,
    listed: 7,
  };
  state.lastItemAt = state.at - 5000;
  state.postsToday = 12;
  state.maxPerDay = 17.5;
  state.behaviour.forEach((_, i) => (state.behaviour[i] = i * 1.25));
  state.fast[0] = 3.5;
  for (let k = 0; k < TEXT_RING + 2; k++) {
    state.recentTexts.set(
      textSignature(`post number ${k} about the kettle and its lid`)!,
      (state.texts % TEXT_RING) * 16,
    );
    state.texts++;
  }
  for (const name of ['acme', 'brandé']) {
    const b = newBrandState(6);
    b.counters.forEach((_, i) => (b.counters[i] = i + 0.5));
    for (let i = 0; i < reactors; i++) addReactor(b.reactors, `r${i}`);
    b.edges = [
      { from: 'simulator:u1', weight: 2.5 },
      { from: 'simulator:u2', weight: 0.25 },
    ];
    b.pagerank = 1.75;
    state.brands.set(name, b);
  }
  return state;
}

describe('author state codec', () => {
  it.each([3, 500])('round-trips every field (%i reactors: sparse and dense registers)', (reactors) => {
    const state = sampleState(reactors);
    const bytes = serializeAuthorState(state);
    const back = deserializeAuthorState(bytes);
    expect(back).toEqual(state);
    expect(serializeAuthorState(back)).toEqual(bytes);
  });

  it('is compact: well under a kilobyte for an author active in two communities', () => {
    const sparse = serializeAuthorState(sampleState(3)).length;
    const dense = serializeAuthorState(sampleState(500)).length;
    console.log(`author state: ${sparse} B with few reactors, ${dense} B with 500 reactors, 2 communities`);
    expect(sparse).toBeLessThan(dense);
    expect(dense).toBeLessThan(1024);
  });

  it('refuses damaged or unknown checkpoints with a clear error', () => {
    const bytes = serializeAuthorState(sampleState(3));
    expect(() => deserializeAuthorState(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    expect(() => deserializeAuthorState(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(/trailing/);
    const future = Buffer.from(bytes);
    future[0] = 99;
    expect(() => deserializeAuthorState(future)).toThrow(/unknown format 99/);
  });
});
