import { describe, expect, it } from 'vitest';
import { LateralConfig } from '../../schema/config.ts';
import { partitionEnd } from './retention.ts';

describe('retention', () => {
  it('knows the end of day and month partitions, and nothing else', () => {
    expect(partitionEnd('20260301')?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(partitionEnd('20261231')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(partitionEnd('202612')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(partitionEnd('tuple()')).toBeUndefined();
    expect(partitionEnd('202613')).toBeUndefined();
  });

  it('is configured per table in days, with a node-cron schedule', () => {
    const c = LateralConfig.parse({ retention: { tables: { posts: 365, dead_letters: 90 } } });
    expect(c.retention).toEqual({ schedule: '17 3 * * *', tables: { posts: 365, dead_letters: 90 } });
    expect(LateralConfig.parse({}).retention.tables).toEqual({});
    expect(LateralConfig.safeParse({ retention: { tables: { posts: -1 } } }).success).toBe(false);
    expect(LateralConfig.safeParse({ retention: { tables: { 'posts; DROP': 1 } } }).success).toBe(false);
    expect(LateralConfig.safeParse({ retention: { schedule: 'every day' } }).success).toBe(false);
  });
});
