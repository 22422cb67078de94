import { queryRows } from '../core/clickhouse.ts';
import type { Runtime } from '../core/runtime.ts';
import { queries } from '../schema/queries.ts';
import { table } from './context.ts';

/** `lateral care`: response rate and time per brand, and the customers one brand has not answered yet. */
export async function careReport(
  rt: Runtime,
  options: { since: Date; brand?: string; limit: number },
): Promise<string> {
  const out = [
    `Customers who addressed a brand since ${options.since.toISOString()} (customer → brand, reposts aside):`,
    table(await queryRows(rt.clickhouse, queries.responseStats(options.since))),
  ];
  if (options.brand) {
    out.push(
      '',
      `Waiting for an answer from ${options.brand} (oldest first):`,
      table(await queryRows(rt.clickhouse, queries.unanswered(options.brand, options.since, options.limit))),
    );
  }
  return out.join('\n');
}
