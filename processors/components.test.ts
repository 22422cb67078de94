import { describe, expect, it } from 'vitest';
import { inputsOf, LAYOUTS, PROCESSOR_NAMES, PROCESSOR_SPECS, processorSpec } from './components.ts';

describe('the processor list', () => {
  it('derives the layouts', () => {
    const downstream = [
      'score',
      'forward',
      'sink-posts',
      'sink-mentions',
      'sink-interactions',
      'sink-authors',
    ];
    expect(LAYOUTS.components).toEqual([
      'normalize',
      'enrich',
      'threads',
      ...downstream,
      'sink-dead-letters',
    ]);
    expect(LAYOUTS['one-box']).toEqual(['one-box', ...downstream, 'sink-dead-letters']);
    expect(new Set(PROCESSOR_NAMES).size).toBe(PROCESSOR_SPECS.length);
  });

  it('derives what each processor consumes', () => {
    expect(Object.fromEntries(PROCESSOR_NAMES.map((n) => [n, inputsOf(n)]))).toEqual({
      normalize: ['raw'],
      enrich: ['posts'],
      threads: ['enriched'],
      'one-box': ['raw', 'enriched'],
      score: ['mentions', 'interactions'],
      forward: ['mentions'],
      'sink-posts': ['posts'],
      'sink-mentions': ['mentions'],
      'sink-interactions': ['interactions'],
      'sink-authors': ['authors'],
      'sink-dead-letters': ['dlq'],
    });
    expect(() => processorSpec('nope')).toThrow('unknown processor nope');
  });

  it('feeds every input but raw from another processor, and never dead-letters the dead letters', () => {
    const written = new Set(PROCESSOR_SPECS.flatMap((s) => s.outputs));
    for (const s of PROCESSOR_SPECS)
      for (const input of s.inputs)
        if (input !== 'raw' && input !== 'dlq') expect(written, `${s.name} ← ${input}`).toContain(input);
    expect(processorSpec('sink-dead-letters').deadLetters).toBe(false);
    expect(PROCESSOR_SPECS.filter((s) => s.singleInstance).map((s) => s.name)).toEqual(['one-box', 'score']);
    expect(PROCESSOR_SPECS.filter((s) => s.table).map((s) => s.table)).toEqual([
      'posts',
      'mentions',
      'interactions',
      'authors',
      'dead_letters',
    ]);
  });
});
