import cron, { type ScheduledTask } from 'node-cron';
import { queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import { createLogger } from '../../core/logger.ts';
import { settledQueries } from '../../schema/queries/settled.ts';

const log = createLogger('settle');

/** An hour must have received nothing for this long before it is settled (see below). */
export const DEFAULT_QUIET_SECONDS = 300;

/** Hours read per candidates query; a full round means more may be waiting. */
const CANDIDATES_PER_ROUND = 1000;

export interface SettleOptions {
  /**
   * Seconds since an hour's latest write. An insert marks its hour written when it starts and its rows become
   * visible when it ends, so the margin must exceed the longest insert; the sinks' take well under a second.
   */
  quietSeconds?: number;
  /** Hours of one brand settled by one set of INSERT … SELECT statements. */
  batchHours?: number;
  /** Stop after this many hours (the next run goes on). */
  maxHours?: number;
}

let lastSeal = 0;
/** Settlement ids: milliseconds, strictly increasing within the process. */
function nextSeal(): number {
  lastSeal = Math.max(Date.now(), lastSeal + 1);
  return lastSeal;
}

/**
 * Settles the hours of mentions that stopped receiving rows (schema/migrations/0013_settled_hours.sql): for a
 * batch of hours of one brand, writes their minute counts, mode mix and term counts under a new seal, then the
 * seal rows recording the latest write each hour had when it was chosen. A write that lands meanwhile leaves
 * the hour's seal stale, so readers keep reading it live and the next run settles it again. One settler per
 * database: two at once could let one's unfinished rows replace the other's when ClickHouse merges them.
 * Returns the number of hours settled.
 */
export async function settleHours(client: ClickHouseClient, options: SettleOptions = {}): Promise<number> {
  const quiet = options.quietSeconds ?? DEFAULT_QUIET_SECONDS;
  const batch = options.batchHours ?? 48;
  const max = options.maxHours ?? 5000;
  let settled = 0;
  while (settled < max) {
    const candidates = await queryRows<{
      brand: string;
      hour_ts: number | string;
      written_ts: number | string;
    }>(client, settledQueries.candidates(quiet, Math.min(CANDIDATES_PER_ROUND, max - settled)));
    if (candidates.length === 0) break;
    const byBrand = new Map<string, { hour: Date; written: Date }[]>();
    for (const c of candidates) {
      const list = byBrand.get(c.brand) ?? [];
      list.push({ hour: new Date(Number(c.hour_ts) * 1000), written: new Date(Number(c.written_ts) * 1000) });
      byBrand.set(c.brand, list);
    }
    for (const [brand, hours] of byBrand) {
      for (let i = 0; i < hours.length; i += batch) {
        const chunk = hours.slice(i, i + batch);
        const seal = nextSeal();
        const list = chunk.map((h) => h.hour);
        await client.command({ query: settledQueries.settleCounts(brand, list, seal) });
        await client.command({ query: settledQueries.settleModes(brand, list, seal) });
        await client.command({ query: settledQueries.settleTerms(brand, list, seal) });
        await client.command({
          query: settledQueries.seal(chunk.map((h) => ({ brand, hour: h.hour, written: h.written, seal }))),
        });
        settled += chunk.length;
      }
    }
    if (candidates.length < CANDIDATES_PER_ROUND) break;
  }
  if (settled > 0) log.info({ hours: settled }, 'hours settled');
  return settled;
}

/** Settles hours every minute (node-cron) until stopped; `lateral run` and `lateral rollups settle` start it. */
export function startSettleJob(
  client: ClickHouseClient,
  options: SettleOptions = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const task: ScheduledTask = cron.schedule('* * * * *', () => {
    if (running) return;
    running = settleHours(client, options)
      .catch((err: unknown) => log.error({ err }, 'settling hours failed'))
      .finally(() => {
        running = undefined;
      });
  });
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
