import { describe, expect, it } from 'vitest';
import { createFuzzer, summarizeFailures } from './harness.ts';
import { misfit } from './columns.ts';

describe('fuzzing normalize and enrich', () => {
  it('10,000 mutated fixtures: each ends ok or dead-lettered with a reason, fast, and fits its schema and columns', async () => {
    const fuzzer = await createFuzzer();
    const stats = await fuzzer.run('lateral', 10_000);
    expect(summarizeFailures(stats.failures)).toBe('');
    expect(stats.cases).toBe(10_000);
    // The corpus must reach every stage, or the checks above would pass on nothing.
    expect(stats.ok).toBeGreaterThan(2_000);
    expect(stats.dlq).toBeGreaterThan(2_000);
    expect(stats.enriched).toBeGreaterThan(2_000);
    expect(stats.mentions).toBeGreaterThan(200);
  }, 600_000);

  it('the same seed gives the same cases', async () => {
    const fuzzer = await createFuzzer();
    expect(fuzzer.case('s', 42).value.equals(fuzzer.case('s', 42).value)).toBe(true);
    expect(fuzzer.case('s', 42).value.equals(fuzzer.case('s', 43).value)).toBe(false);
  });

  it('the column check rejects what ClickHouse would reject or store wrongly', () => {
    expect(misfit('String', 'x \ud83d')).toMatch(/surrogate/);
    expect(misfit('String', '😀')).toBeNull();
    expect(misfit('UInt32', 2 ** 32)).toMatch(/outside/);
    expect(misfit('Nullable(UInt32)', null)).toBeNull();
    expect(misfit("DateTime('UTC')", '2200-01-01 00:00:00')).toMatch(/outside/);
    expect(misfit("DateTime('UTC')", '2026-03-05 10:00:00')).toBeNull();
    expect(misfit("Enum8('a' = 1, 'b' = 2)", 'c')).toMatch(/not in/);
    expect(misfit('Array(String)', ['a', 'b\udc00'])).toMatch(/surrogate/);
  });
});
