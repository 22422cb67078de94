import { describe, expect, it } from 'vitest';
import { LateralConfig } from '../schema/config.ts';
import {
  inputsOf,
  LAYOUTS,
  PROCESSOR_NAMES,
  PROCESSOR_SPECS,
  processorSpec,
  processorsToRun,
} from './components.ts';

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

  it('leaves out a processor the configuration gives nothing to do', () => {
    const none = LateralConfig.parse({});
    expect(processorsToRun(none)).toEqual(LAYOUTS.components.filter((n) => n !== 'forward'));
    const targets = LateralConfig.parse({ forward: [{ name: 'care', url: 'http://127.0.0.1:1/hook' }] });
    expect(processorsToRun(targets)).toEqual(LAYOUTS.components);
    expect(processorsToRun(targets, LAYOUTS['one-box'])).toContain('forward');
  });
});
