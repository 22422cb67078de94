import { settledQueries, type Interval } from '../../schema/queries/settled.ts';

const HOUR = 3_600_000;

/** One brand × hour with rows: its current settlement, or 0 when it must be read from the live tables. */
export interface HourState {
  brand: string;
  hour: number;
  seal: number;
}

/** How the dashboard runs a query (core/clickhouse.ts queryRows on its read-only client). */
export type Rows = <T>(query: string) => Promise<T[]>;

/**
 * The live intervals of a read: whole hours without a current settlement, plus the hours that hold one of
 * `edges` inside them (a settled hour is counted whole, so it must not straddle a window's edge). Adjacent
 * hours are merged, so a range that is mostly settled reads a few small intervals live.
 */
export function liveIntervals(states: readonly HourState[], edges: readonly Date[] = []): Interval[] {
  const hours = new Set<number>();
  for (const s of states) if (s.seal === 0) hours.add(s.hour * 1000);
  for (const e of edges) {
    const start = Math.floor(e.getTime() / HOUR) * HOUR;
    if (start !== e.getTime()) hours.add(start);
  }
  const sorted = [...hours].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (const h of sorted) {
    const last = out.at(-1);
    if (last && last.to.getTime() === h) last.to = new Date(h + HOUR);
    else out.push({ from: new Date(h), to: new Date(h + HOUR) });
  }
  return out;
}

/**
 * Whether a read that used the settlements of `before` saw current ones: every hour it read settled still has
 * the same settlement, and no hour it took for empty received rows. Hours read live may change freely.
 */
export function settlementsHeld(
  before: readonly HourState[],
  after: readonly HourState[],
  live: readonly Interval[],
): boolean {
  const key = (s: HourState) => `${s.brand}\u0000${s.hour}`;
  const isLive = (hour: number) =>
    live.some((i) => hour * 1000 >= i.from.getTime() && hour * 1000 < i.to.getTime());
  const seen = new Map(before.map((s) => [key(s), s.seal]));
  const now = new Map(after.map((s) => [key(s), s.seal]));
  for (const s of before) if (s.seal !== 0 && !isLive(s.hour) && now.get(key(s)) !== s.seal) return false;
  for (const s of after) if (!seen.has(key(s)) && !isLive(s.hour)) return false;
  return true;
}

/**
 * Runs a dashboard read over settled hours plus live intervals (schema/queries/settled.ts): reads the hours'
 * states, runs the query with their live intervals, and reads the states again; if a settled hour changed in
 * between, it retries, and after three tries it reads everything live. `read(undefined)` is the all-live form.
 */
export async function readSettled<T>(
  rows: Rows,
  scope: { brand: string | null; from: Date; to: Date; edges?: readonly Date[] },
  read: (live: Interval[] | undefined) => Promise<T>,
): Promise<T> {
  const states = async () =>
    (
      await rows<{ brand: string; hour_ts: number | string; state: number | string }>(
        settledQueries.hourStates(scope.brand, scope.from, scope.to),
      )
    ).map((r) => ({ brand: r.brand, hour: Number(r.hour_ts), seal: Number(r.state) }));
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await states();
    const live = liveIntervals(before, scope.edges);
    const result = await read(live);
    if (settlementsHeld(before, await states(), live)) return result;
  }
  return read(undefined);
}
