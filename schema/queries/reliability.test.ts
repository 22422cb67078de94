import { describe, expect, it } from 'vitest';
import { rollupRebuildInsert } from './reliability.ts';

const from = new Date('2026-03-02T00:00:00Z');
const to = new Date('2026-03-03T00:00:00Z');

describe('rollupRebuildInsert', () => {
  // The one-line form servers keep in system.tables.create_table_query, column list cut short.
  const stored =
    'CREATE MATERIALIZED VIEW db.r_mv TO db.r (`brand` String, `n` AggregateFunction(uniqExact, String)) AS SELECT brand, uniqExactState(post_id) AS n FROM db.mentions  WHERE revision = 0 GROUP BY brand';

  it("runs the view's own SELECT over the newest versions of a time range", () => {
    expect(rollupRebuildInsert(stored, 'r_staging', from, to)).toBe(
      "INSERT INTO r_staging SELECT brand, uniqExactState(post_id) AS n FROM db.mentions FINAL WHERE created_at >= toDateTime('2026-03-02 00:00:00', 'UTC') AND created_at < toDateTime('2026-03-03 00:00:00', 'UTC') GROUP BY brand",
    );
  });

  it('refuses a view it cannot rewrite rather than rebuilding something else', () => {
    expect(() => rollupRebuildInsert(stored.replace('revision = 0', 'revision < 2'), 'x', from, to)).toThrow(
      /unexpected rollup view definition/,
    );
    expect(() => rollupRebuildInsert('CREATE TABLE x (a String) ENGINE = Log', 'x', from, to)).toThrow(
      /unexpected rollup view definition/,
    );
  });
});
