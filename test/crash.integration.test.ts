import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/clickhouse.ts';
import { queries, allQueriesWithSamples } from '../schema/queries.ts';
import { pipelineStatus } from '../cli/status.ts';
import {
  createTestEnv,
  eventually,
  exited,
  produceSimulatorItems,
  scalar,
  spawnCli,
  type TestEnv,
} from './helpers.ts';
import { expectedFromSimulator, expectedMentionsFromSimulator } from './expectations.ts';
import { simulatorBrandConfigs } from '../platforms/simulator/brands.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Layout } from '../schema/config.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * docs/architecture.md §4: a kill -9 at any moment loses nothing and shows no duplicate in any shipped query.
 * The processors run in a child process (`lateral run`, no sources) that a failpoint SIGKILLs at an exact
 * moment of a batch; a fresh chunk of raw messages is produced before every round so each crash happens
 * with work in flight.
 */
const SIM = { seed: 'crash-it', count: 6000, malformedRate: 0.02 };
const SINK_POINTS = [
  'sink-posts.before-insert:1', // a full batch buffered, insert not sent
  'sink-posts.after-insert:2', // rows in ClickHouse, offsets not committed: they will be inserted again
  'sink-posts.mid-batch:3', // consuming a batch while earlier inserts are in flight
  'commit.after:4', // right after a commit, next batches in flight
  'sink-dead-letters.after-insert:1', // dead letters written, offsets not committed
  'sink-mentions.after-insert:1', // mention rows (and their rollups) written, offsets not committed
];
/** Crash points per layout (processors/components.ts LAYOUTS): the same downstream, different upstream. */
const LAYOUT_POINTS: Record<Layout, string[]> = {
  components: [
    'normalize.mid-batch:2', // half a batch processed, nothing produced or committed
    'normalize.after-dlq:1', // dead letters produced, posts not yet, offsets not committed
    'normalize.after-emit:2', // posts produced (acked), raw offsets not committed
    'enrich.after-emit:2', // enriched records produced, posts offsets not committed
    'threads.mid-batch:2', // thread state changed in memory, nothing emitted: rebuilt from mentions on restart
    'threads.after-emit:2', // mentions produced, enriched offsets not committed: replayed into rebuilt state
    ...SINK_POINTS,
  ],
  'one-box': [
    'one-box.mid-batch:2', // thread state changed in memory, nothing emitted: rebuilt from mentions on restart
    'one-box.after-dlq:1', // dead letters produced, posts and mentions not yet, raw offsets not committed
    'one-box.after-emit:2', // posts and mentions produced, raw offsets not committed: replayed into rebuilt state
    ...SINK_POINTS,
  ],
};

describe.each(Object.keys(LAYOUT_POINTS) as Layout[])(
  'crash safety, %s layout: kill -9 mid-batch, restart',
  (layout) => {
    const CRASH_POINTS = LAYOUT_POINTS[layout];
    const ROUNDS = CRASH_POINTS.length;
    const CHUNK = SIM.count / ROUNDS;
    let t: TestEnv;

    beforeAll(async () => {
      t = await createTestEnv({ batchRows: 150, batchMs: 300, maxInFlight: 2 }, layout);
      // The child `lateral run` reads the simulated brands from a config file, so enrichment runs too.
      const dir = mkdtempSync(join(tmpdir(), 'lateral-crash-'));
      const file = join(dir, 'lateral.json');
      writeFileSync(file, JSON.stringify({ brands: simulatorBrandConfigs() }));
      t.env = { ...t.env, LATERAL_CONFIG: file };
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    async function produceChunk(round: number): Promise<void> {
      const from = Math.floor(round * CHUNK);
      const to = round === ROUNDS - 1 ? SIM.count : Math.floor((round + 1) * CHUNK);
      await produceSimulatorItems(t.rt, SIM, from, to, 'crash');
    }

    it(`loses nothing and counts nothing twice after ${ROUNDS} crashes at different points`, async () => {
      const { postIds, malformedKeys } = expectedFromSimulator(SIM);
      const expectedMentions = expectedMentionsFromSimulator(SIM);
      const crashes: string[] = [];
      for (const [round, point] of CRASH_POINTS.entries()) {
        await produceChunk(round);
        const child = spawnCli(['run'], { ...t.env, LATERAL_FAILPOINTS: point });
        const timeout = setTimeout(() => child.kill('SIGKILL'), 120_000);
        const { signal } = await exited(child);
        clearTimeout(timeout);
        expect(signal, `round ${round}: ${point} not reached\n${child.output().slice(-2000)}`).toBe(
          'SIGKILL',
        );
        expect(child.output()).toContain(`failpoint ${point.split(':')[0]}: SIGKILL`);
        crashes.push(point);
      }

      // A clean run finishes the work; SIGTERM then stops it gracefully.
      const child = spawnCli(['run'], t.env);
      await eventually('the clean run to start', async () =>
        /running \d+ processors/.test(child.output()) ? true : undefined,
      );
      // The check throws the state it saw, so a timeout says what was still missing.
      await eventually(
        'every post and dead letter after the crashes, every offset committed',
        async () => {
          const posts = await scalar(t.rt, queries.postsTotal());
          const dead = await scalar(t.rt, queries.deadLettersTotal());
          const mentions = await scalar(t.rt, 'SELECT uniqExact(brand, post_id) FROM mentions');
          const lagging = (await pipelineStatus(t.rt)).components.filter((c) => c.lag !== 0);
          if (
            posts < postIds.size ||
            dead < malformedKeys.size ||
            mentions < expectedMentions.total ||
            lagging.length > 0
          )
            throw new Error(
              `posts ${posts}/${postIds.size}, dead letters ${dead}/${malformedKeys.size}, mentions ${mentions}/${expectedMentions.total}, lag ${lagging.map((c) => `${c.component}=${c.lag}`).join(' ') || 'none'}\n${child.output().slice(-3000)}`,
            );
          return true;
        },
        300_000,
      );
      child.kill('SIGTERM');
      const { code } = await exited(child);
      expect(code).toBe(0);

      const ids = await queryRows<{ post_id: string }>(t.rt.clickhouse, 'SELECT DISTINCT post_id FROM posts');
      expect(new Set(ids.map((r) => r.post_id))).toEqual(postIds);

      // No shipped query counts a post twice, though rows were physically written more than once.
      expect(await scalar(t.rt, queries.postsTotal())).toBe(postIds.size);
      const sum = async (q: string, col: string) =>
        (await queryRows<Record<string, string>>(t.rt.clickhouse, q)).reduce((s, r) => s + Number(r[col]), 0);
      expect(await sum(queries.postsBySource(), 'posts')).toBe(postIds.size);
      expect(await sum(queries.postsByKind(), 'posts')).toBe(postIds.size);
      expect(await sum(queries.postsByLanguage(1000), 'posts')).toBe(postIds.size);
      expect(await sum(queries.postsPerHour(new Date('2000-01-01T00:00:00Z')), 'posts')).toBe(postIds.size);
      expect(await scalar(t.rt, queries.deadLettersTotal())).toBe(malformedKeys.size);
      expect(await sum(queries.deadLettersByStep(), 'dead_letters')).toBe(malformedKeys.size);
      // Mentions: exactly the truth per brand × direction, once each, in the table and in the rollup.
      const byDirection = await queryRows<{ brand: string; direction: string; mentions: string }>(
        t.rt.clickhouse,
        queries.mentionsByBrandDirection(),
      );
      expect(
        Object.fromEntries(byDirection.map((r) => [`${r.brand}|${r.direction}`, Number(r.mentions)])),
      ).toEqual(Object.fromEntries(expectedMentions.counts));
      expect(
        await scalar(
          t.rt,
          'SELECT sum(n) FROM (SELECT uniqExactMerge(mentions) AS n FROM mention_rollup_minute GROUP BY brand, bucket)',
        ),
      ).toBe(expectedMentions.total);
      // Every shipped query still runs on the crashed-and-recovered data.
      for (const q of allQueriesWithSamples())
        if (q.sql.startsWith('SELECT')) await queryRows(t.rt.clickhouse, q.sql);

      const physical = await scalar(t.rt, 'SELECT count() FROM posts');
      console.log(
        `crash test (${layout} layout): ${crashes.length} crashes (${crashes.join(', ')}); ${postIds.size} posts and ${expectedMentions.total} mentions, ${physical} physical post rows before merges, 0 counted twice`,
      );
    }, 900_000); // one round per crash point, each restarting the processors
  },
);
