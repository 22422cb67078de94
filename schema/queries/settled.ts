import { sql } from '../../core/sql.ts';

/**
 * Settled hours (schema/migrations/0013_settled_hours.sql, processors/rollups/settle.ts): per brand × hour, plain
 * counts computed once the hour stopped receiving rows. An hour's settlement is current while its `written`
 * equals the hour's latest write; readers use it then and the live tables otherwise.
 */

/** A half-open time range [from, to). */
export interface Interval {
  from: Date;
  to: Date;
}

/** The words of a mention's text counted by rising terms: lower-cased, links removed, letters only, 4+. */
export const TERMS_OF_TEXT =
  "arrayJoin(extractAll(lowerUTF8(replaceRegexpAll(text, 'https?://[^ ]+', '')), '\\\\pL{4,}'))";

/** `column` inside one of the intervals (`0` when there are none). */
export function inIntervals(column: string, intervals: readonly Interval[]): string {
  if (intervals.length === 0) return '0';
  // `column` is one of this module's callers' constants, never input.
  return `(${intervals.map((i) => `(${column} >= ${sql`${i.from}`} AND ${column} < ${sql`${i.to}`})`).join(' OR ')})`;
}

/** The hours [first, last] as SQL DateTime values, for `IN (…)`. */
function hourList(hours: readonly Date[]): string {
  return hours.map((h) => sql`${h}`).join(', ');
}

/** Brand and hour range of a set of hours, for the primary-key part of a condition. */
function hourBounds(column: string, hours: readonly Date[]): string {
  const times = hours.map((h) => h.getTime());
  const first = new Date(Math.min(...times));
  const end = new Date(Math.max(...times) + 3_600_000);
  return `${column} >= ${sql`${first}`} AND ${column} < ${sql`${end}`} AND toStartOfHour(${column}) IN (${hourList(hours)})`;
}

/** Hours of a brand (or every brand) that overlap [from, to). */
function hoursOf(brand: string | null, from: Date, to: Date): string {
  return `${brand === null ? '' : sql`brand = ${brand} AND `}${sql`hour >= toStartOfHour(${from}) AND hour < ${to}`}`;
}

export const settledQueries = {
  /**
   * Hours to settle: whose latest write is older than `quietSeconds` and differs from the one their current
   * settlement saw (never settled, or written to since). Newest first, so recent ranges speed up first.
   */
  candidates: (quietSeconds: number, limit: number) =>
    `SELECT brand, toUnixTimestamp(hour) AS hour_ts, toUnixTimestamp(written) AS written_ts FROM (SELECT brand, hour, max(written) AS written FROM mention_hour_writes GROUP BY brand, hour HAVING ${sql`written < now() - ${quietSeconds}`}) AS w ANY LEFT JOIN (SELECT brand, hour, argMax(written, seal) AS settled_written FROM mention_settled_hours GROUP BY brand, hour) AS s USING (brand, hour) WHERE settled_written != written ORDER BY hour DESC, brand LIMIT ${sql`${limit}`}`,

  /** The minute rollup's first-emission counts of some hours of a brand, as they are now. */
  settleCounts: (brand: string, hours: readonly Date[], seal: number) =>
    `INSERT INTO mention_settled_counts SELECT brand, toStartOfHour(bucket) AS hour, ${sql`${seal}`} AS seal, bucket AS minute, direction, uniqExactMerge(mentions), uniqExactIfMerge(positive), uniqExactIfMerge(negative), uniqExactIfMerge(authentic), uniqExactIfMerge(authentic_positive), uniqExactIfMerge(authentic_negative) FROM mention_rollup_minute WHERE ${sql`brand = ${brand}`} AND ${hourBounds('bucket', hours)} GROUP BY brand, hour, minute, direction`,

  /** Messages per minute and current thread mode (`mentions FINAL`) of some hours of a brand. */
  settleModes: (brand: string, hours: readonly Date[], seal: number) =>
    `INSERT INTO mention_settled_modes SELECT brand, toStartOfHour(created_at) AS hour, ${sql`${seal}`} AS seal, toStartOfMinute(created_at) AS minute, mode, count() FROM mentions FINAL WHERE ${sql`brand = ${brand}`} AND ${hourBounds('created_at', hours)} GROUP BY brand, hour, minute, mode`,

  /** Posts per word (first emissions) of some hours of a brand. */
  settleTerms: (brand: string, hours: readonly Date[], seal: number) =>
    `INSERT INTO mention_settled_terms SELECT brand, hour, ${sql`${seal}`} AS seal, term, uniqExact(post_id) FROM (SELECT brand, toStartOfHour(created_at) AS hour, post_id, ${TERMS_OF_TEXT} AS term FROM mentions WHERE ${sql`brand = ${brand}`} AND revision = 0 AND ${hourBounds('created_at', hours)}) GROUP BY brand, hour, term`,

  /** Marks hours settled, after their rows are written. */
  seal: (rows: readonly { brand: string; hour: Date; written: Date; seal: number }[]) =>
    `INSERT INTO mention_settled_hours (brand, hour, written, seal) VALUES ${rows.map((r) => sql`(${r.brand}, ${r.hour}, ${r.written}, ${r.seal})`).join(', ')}`,

  /**
   * Per brand (or every brand) and hour in [from, to) with rows: the hour's current settlement (`seal`), or 0
   * when it has none or was written to since. Hours without rows have nothing to read anywhere.
   */
  hourStates: (brand: string | null, from: Date, to: Date) => {
    const where = hoursOf(brand, from, to);
    return `SELECT brand, toUnixTimestamp(hour) AS hour_ts, if(settled_written = written, latest_seal, toUInt64(0)) AS state FROM (SELECT brand, hour, max(written) AS written FROM mention_hour_writes WHERE ${where} GROUP BY brand, hour) AS w ANY LEFT JOIN (SELECT brand, hour, argMax(written, seal) AS settled_written, max(seal) AS latest_seal FROM mention_settled_hours WHERE ${where} GROUP BY brand, hour) AS s USING (brand, hour) ORDER BY brand, hour_ts`;
  },

  /**
   * Condition on a settled table: its rows of each hour's latest settlement, outside the live intervals.
   * Readers check with `hourStates` before and after that those settlements were current (dashboards/server).
   */
  latestSettlement: (brand: string | null, from: Date, to: Date, live: readonly Interval[]) => {
    const where = hoursOf(brand, from, to);
    return `${where} AND NOT ${inIntervals('hour', live)} AND (brand, hour, seal) IN (SELECT brand, hour, max(seal) FROM mention_settled_hours WHERE ${where} GROUP BY brand, hour)`;
  },

  /**
   * After rollups are rebuilt or mentions erased (no insert marks those hours written): marks every settled
   * hour in [from, to) written now, so readers fall back to the live tables until it is settled again.
   */
  invalidate: (from: Date, to: Date) =>
    sql`INSERT INTO mention_hour_writes (brand, hour, written) SELECT brand, hour, now() FROM mention_settled_hours WHERE hour >= toStartOfHour(${from}) AND hour < ${to} GROUP BY brand, hour`,
} as const;

/** Every settled-hours query with sample arguments, for the portable-SQL test (both engines). */
export function settledQueriesWithSamples(): { name: string; sql: string }[] {
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date('2026-01-02T00:00:00Z');
  const evil = "acme' OR 1=1 --\\";
  const hours = [from, new Date('2026-01-01T05:00:00Z')];
  const live = [{ from: new Date('2026-01-01T10:00:00Z'), to: new Date('2026-01-01T12:00:00Z') }];
  return [
    { name: 'settled candidates', sql: settledQueries.candidates(300, 500) },
    { name: 'settled settleCounts', sql: settledQueries.settleCounts(evil, hours, 1) },
    { name: 'settled settleModes', sql: settledQueries.settleModes(evil, hours, 1) },
    { name: 'settled settleTerms', sql: settledQueries.settleTerms(evil, hours, 1) },
    {
      name: 'settled seal',
      sql: settledQueries.seal([{ brand: evil, hour: from, written: from, seal: 1 }]),
    },
    { name: 'settled hourStates', sql: settledQueries.hourStates(evil, from, to) },
    { name: 'settled hourStates all brands', sql: settledQueries.hourStates(null, from, to) },
    {
      name: 'settled latestSettlement',
      sql: `SELECT count() FROM mention_settled_counts WHERE ${settledQueries.latestSettlement(evil, from, to, live)}`,
    },
    { name: 'settled invalidate', sql: settledQueries.invalidate(from, to) },
  ];
}
