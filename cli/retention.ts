import type { Command } from 'commander';
import { createClickHouse } from '../core/clickhouse.ts';
import { applyRetention, startRetentionJob } from '../processors/retention/retention.ts';
import { configFrom, say, type GlobalOptions } from './context.ts';
import { onShutdown } from '../core/service.ts';

/** `lateral retention run|schedule`: drop ClickHouse partitions older than `retention.tables` (days). */
export function registerRetention(program: Command): void {
  const retention = program
    .command('retention')
    .description('ClickHouse retention: drop partitions older than retention.tables (days per table)');
  retention
    .command('run')
    .description('apply the retention once')
    .option('--dry-run', 'list the partitions that would be dropped')
    .action(async (opts: { dryRun?: boolean }, cmd: Command) => {
      const config = configFrom(cmd.optsWithGlobals<GlobalOptions>());
      const client = createClickHouse(config);
      try {
        const dropped = await applyRetention(client, config, { dryRun: opts.dryRun === true });
        for (const d of dropped)
          say(`  ${d.table} partition ${d.partition} (until ${d.end.toISOString().slice(0, 10)})`);
        say(`${opts.dryRun ? 'would drop' : 'dropped'} ${dropped.length} partitions`);
      } finally {
        await client.close();
      }
    });
  retention
    .command('schedule')
    .description(
      'apply the retention on retention.schedule (node-cron) until SIGTERM; `lateral run` does it too',
    )
    .action((_o, cmd: Command) => {
      const config = configFrom(cmd.optsWithGlobals<GlobalOptions>());
      const client = createClickHouse(config);
      const job = startRetentionJob(client, config);
      say(`retention on "${config.retention.schedule}": ${JSON.stringify(config.retention.tables)}`);
      onShutdown(async () => {
        await job.stop();
        await client.close();
      });
    });
}
