import cron, { type ScheduledTask } from 'node-cron';
import { queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import { createLogger } from '../../core/logger.ts';
import type { LateralConfig } from '../../schema/config.ts';
import { retentionQueries } from '../../schema/queries/reliability.ts';

const log = createLogger('retention');

export interface DroppedPartition {
  table: string;
  partition: number;
  /** End of the period the partition holds (exclusive). */
  end: Date;
}

/**
 * The end (exclusive) of the period a partition id holds: `YYYYMMDD` (day partitions) or `YYYYMM` (month
 * partitions); undefined for anything else (an unpartitioned table's `tuple()`).
 */
export function partitionEnd(partition: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})?$/.exec(partition);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  if (month < 0 || month > 11) return undefined;
  return m[3] === undefined
    ? new Date(Date.UTC(year, month + 1, 1))
    : new Date(Date.UTC(year, month, Number(m[3]) + 1));
}

/**
 * Drops every partition whose whole period is older than its table's retention (`retention.tables`, days).
 * Whole partitions only, so nothing younger than the retention is ever removed; a table without date
 * partitions is left alone.
 */
export async function applyRetention(
  client: ClickHouseClient,
  config: Pick<LateralConfig, 'retention'>,
  options: { now?: Date; dryRun?: boolean } = {},
): Promise<DroppedPartition[]> {
  const now = options.now ?? new Date();
  const dropped: DroppedPartition[] = [];
  const existing = new Set(
    (await queryRows<{ name: string }>(client, retentionQueries.tables())).map((r) => r.name),
  );
  for (const [table, days] of Object.entries(config.retention.tables)) {
    if (!existing.has(table)) {
      log.warn({ table }, 'retention configured for a table that does not exist');
      continue;
    }
    const cutoff = now.getTime() - days * 86_400_000;
    const parts = await queryRows<{ partition: string }>(client, retentionQueries.partitions(table));
    for (const { partition } of parts) {
      const end = partitionEnd(partition);
      if (!end || end.getTime() > cutoff) continue;
      if (!options.dryRun)
        await client.command({ query: retentionQueries.dropPartition(table, Number(partition)) });
      dropped.push({ table, partition: Number(partition), end });
    }
  }
  if (dropped.length > 0)
    log.info({ dropped: dropped.length, dryRun: options.dryRun === true }, 'retention applied');
  return dropped;
}

/** Runs `applyRetention` on the configured node-cron schedule until stopped. */
export function startRetentionJob(
  client: ClickHouseClient,
  config: LateralConfig,
): { stop(): Promise<void> } {
  if (Object.keys(config.retention.tables).length === 0) return { stop: async () => undefined };
  let running: Promise<unknown> = Promise.resolve();
  const task: ScheduledTask = cron.schedule(config.retention.schedule, () => {
    running = applyRetention(client, config).catch((err: unknown) => log.error({ err }, 'retention failed'));
  });
  log.info({ schedule: config.retention.schedule, tables: config.retention.tables }, 'retention scheduled');
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
