import { InvalidArgumentError, type Command } from 'commander';
import { createRuntime } from '../core/runtime.ts';
import { forgetAuthor, parseAuthorRef, type AuthorRef } from '../processors/erasure/forget-author.ts';
import { configFrom, say, type GlobalOptions } from './context.ts';
import { intOption } from './options.ts';

/** `lateral forget-author <source:id | @handle@source>`: GDPR erasure everywhere (processors/erasure). */
export function registerForgetAuthor(program: Command): void {
  program
    .command('forget-author')
    .description(
      'erase a person everywhere: every stage drops them from now on, their rows are deleted (and references scrubbed), rollups rebuilt, a tombstone in lateral.authors.v1; waits for the ClickHouse mutations',
    )
    .argument(
      '<author>',
      'source:id (e.g. mastodon:109876, simulator:u42) or @handle@source (e.g. @anna@simulator)',
      (v: string) => {
        try {
          return parseAuthorRef(v);
        } catch (err) {
          throw new InvalidArgumentError((err as Error).message);
        }
      },
    )
    .option('--rounds <n>', 'delete → wait → check rounds for rows still in flight', intOption(1, 20), 3)
    .action(async (ref: AuthorRef, opts: { rounds: number }, cmd: Command) => {
      const rt = await createRuntime(configFrom(cmd.optsWithGlobals<GlobalOptions>()));
      try {
        const r = await forgetAuthor(rt, ref, { maxRounds: opts.rounds, onProgress: say });
        const deleted = Object.values(r.deleted).reduce((a, b) => a + b, 0);
        say(
          `erased ${r.authorIds.join(', ')}: ${deleted} rows deleted, references scrubbed in ${Object.values(r.scrubbed).reduce((a, b) => a + b, 0)} rows, ${r.rollupPartitions} rollup partitions rebuilt, ${r.tombstones} tombstone(s); mutations done (${r.rounds} round(s))`,
        );
      } finally {
        await rt.close();
      }
    });
}
