import { InvalidArgumentError, type Command } from 'commander';
import { createRuntime } from '../core/runtime.ts';
import { listDeadLetters, replayDeadLetters } from '../processors/dlq/replay.ts';
import type { DeadLetterFilter } from '../schema/queries/reliability.ts';
import { configFrom, parseSince, say, table, type GlobalOptions } from './context.ts';
import { intOption } from './options.ts';

interface FilterOptions {
  step?: string;
  since?: Date;
  source?: string;
}

function parseSource(value: string): string {
  if (!/^[a-z0-9_-]+$/.test(value))
    throw new InvalidArgumentError(
      `a source is lowercase letters, digits, _ or - (e.g. mastodon), got ${value}`,
    );
  return value;
}

function filterOf(o: FilterOptions): DeadLetterFilter {
  return {
    ...(o.step !== undefined ? { step: o.step } : {}),
    ...(o.since !== undefined ? { since: o.since } : {}),
    ...(o.source !== undefined ? { source: o.source } : {}),
  };
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--step <step>', 'only dead letters of this step (e.g. normalize, validate-post, insert)')
    .option('--since <when>', 'ISO date/time, or an age such as 7d, 12h, 30m', parseSince)
    .option('--source <source>', 'only this platform (e.g. mastodon, simulator)', parseSource);
}

/** `lateral dlq list|replay`: inspect dead letters, replay them into their original topic after a fix. */
export function registerDlq(program: Command): void {
  const dlq = program.command('dlq').description('dead letters: inspect them, replay them after a fix');
  withFilters(
    dlq
      .command('list')
      .description(
        'dead letters by component, step and reason (from the dead_letters table), with how many were replayed',
      ),
  )
    .option('--limit <n>', 'groups to show', intOption(1, 10_000), 50)
    .action(async (opts: FilterOptions & { limit: number }, cmd: Command) => {
      const rt = await createRuntime(configFrom(cmd.optsWithGlobals<GlobalOptions>()), {
        ensureTopics: false,
      });
      try {
        const groups = await listDeadLetters(rt, filterOf(opts), opts.limit);
        process.stdout.write(`${table(groups as unknown as Record<string, unknown>[])}\n`);
      } finally {
        await rt.close();
      }
    });
  withFilters(
    dlq
      .command('replay')
      .description(
        'produce the matching dead letters into their original topic (original key and bytes); idempotent: each failure is replayed once',
      ),
  )
    .option('--dry-run', 'only count what would be replayed')
    .action(async (opts: FilterOptions & { dryRun?: boolean }, cmd: Command) => {
      const rt = await createRuntime(configFrom(cmd.optsWithGlobals<GlobalOptions>()), {
        ensureTopics: false,
      });
      try {
        const r = await replayDeadLetters(rt, filterOf(opts), {
          dryRun: opts.dryRun === true,
          onProgress: say,
        });
        const topics = Object.entries(r.byTopic)
          .map(([t, n]) => `${t}: ${n}`)
          .join(', ');
        say(
          `${opts.dryRun ? 'would replay' : 'replayed'} ${r.replayed} dead letters${topics ? ` (${topics})` : ''}; skipped ${r.skipped.length}`,
        );
        for (const s of r.skipped.slice(0, 20)) say(`  skipped ${s.id}: ${s.reason}`);
      } finally {
        await rt.close();
      }
    });
}
