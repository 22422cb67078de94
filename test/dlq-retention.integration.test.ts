import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/clickhouse.ts';
import { createSimulator } from '../platforms/simulator/generator.ts';
import { startProcessors, type RunningProcessors } from '../runtime/pipeline.ts';
import { toDeadLetter } from '../processors/framework/dead-letters.ts';
import { replayDeadLetters } from '../processors/dlq/replay.ts';
import { applyRetention } from '../processors/retention/retention.ts';
import { postRow } from '../processors/sink/rows.ts';
import { Post } from '../schema/post.ts';
import { postExamples } from '../schema/examples.ts';
import { topicName } from '../schema/topics.ts';
import {
  createTestEnv,
  eventually,
  exited,
  produceSimulatorItems,
  scalar,
  spawnCli,
  type TestEnv,
} from './helpers.ts';

let t: TestEnv;
let processors: RunningProcessors | undefined;

beforeAll(async () => {
  t = await createTestEnv({ batchMs: 200 });
});

afterAll(async () => {
  await processors?.stop();
  await t?.cleanup();
});

const SIM = { seed: 'dlq-it', count: 20 };

/** Raw envelopes of simulator items [from, to) (valid input). */
function envelopes(from: number, to: number): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const item of createSimulator(SIM).items(from)) {
    if (item.index >= to) break;
    out.push({
      key: `simulator:${item.nativeId}`,
      value: JSON.stringify({
        source: 'simulator',
        sourceId: 'sim',
        fetchedAt: '2026-03-02T10:00:00.000Z',
        payload: item.payload,
      }),
    });
  }
  return out;
}

const postsStored = () => scalar(t.rt, 'SELECT uniqExact(post_id) FROM posts');

describe('lateral dlq list|replay', () => {
  it('lists dead letters by step and reason, replays them into their topic once, and only what failed again', async () => {
    const ns = t.config.namespace;
    const raw = topicName('raw', ns);
    processors = await startProcessors(t.rt, ['normalize', 'sink-posts', 'sink-dead-letters']);
    await produceSimulatorItems(t.rt, SIM, 0, 5);
    // Three messages a since-fixed bug dead-lettered (valid input now), two that still fail.
    const fixed = envelopes(5, 8).map((m, i) =>
      toDeadLetter(
        { topic: raw, partition: 0, offset: String(100 + i), key: m.key, value: Buffer.from(m.value) },
        'normalize',
        'normalize',
        'simulated bug: date out of range',
      ),
    );
    await t.rt.producer.send({
      topic: topicName('dlq', ns),
      acks: -1,
      messages: fixed.map((d) => ({ key: d.key, value: JSON.stringify(d) })),
    });
    await t.rt.producer.send({
      topic: raw,
      acks: -1,
      messages: [1, 2].map((i) => ({
        key: `nosuch:${i}`,
        value: JSON.stringify({
          source: 'nosuch',
          sourceId: 'x',
          fetchedAt: '2026-03-02T10:00:00.000Z',
          payload: { i },
        }),
      })),
    });
    const postsBefore = await eventually('the good posts and five dead letters', async () => {
      const letters = await scalar(t.rt, 'SELECT uniqExact(id) FROM dead_letters');
      const posts = await postsStored();
      return letters === 5 && posts > 0 ? posts : undefined;
    });

    const list = spawnCli(['dlq', 'list', '--step', 'normalize'], t.env);
    expect((await exited(list)).code, list.output()).toBe(0);
    expect(list.output()).toContain('simulated bug: date out of range');
    expect(list.output()).toContain('no normaliser for source "nosuch"');
    const bySource = spawnCli(['dlq', 'list', '--source', 'nosuch'], t.env);
    expect((await exited(bySource)).code).toBe(0);
    expect(bySource.output()).not.toContain('simulated bug');
    const bad = spawnCli(['dlq', 'list', '--since', 'yesterday'], t.env);
    expect((await exited(bad)).code).not.toBe(0);
    expect(bad.output()).toMatch(/'yesterday' is invalid/);

    // Replay after the fix: the three come through, each once; a second replay sends nothing.
    const first = await replayDeadLetters(t.rt, { step: 'normalize', source: 'simulator' });
    expect(first.replayed).toBe(3);
    expect(first.byTopic).toEqual({ [raw]: 3 });
    const again = await replayDeadLetters(t.rt, { step: 'normalize', source: 'simulator' });
    expect(again.replayed).toBe(0);
    const expectedPosts = await eventually('the replayed posts', async () => {
      const n = await postsStored();
      return n > postsBefore ? n : undefined;
    });
    expect(await scalar(t.rt, 'SELECT count() FROM posts FINAL')).toBe(expectedPosts);

    // The two that still fail: replayed, dead-lettered again (the same id), then eligible again, never more.
    const failedAt = async () =>
      queryRows<{ id: string; at: string }>(
        t.rt.clickhouse,
        "SELECT id, toString(max(at)) AS at FROM dead_letters WHERE key LIKE 'nosuch:%' GROUP BY id ORDER BY id",
      );
    const before = await failedAt();
    await new Promise((r) => setTimeout(r, 1100)); // a new failure second
    const cli = spawnCli(['dlq', 'replay', '--source', 'nosuch'], t.env);
    expect((await exited(cli)).code, cli.output()).toBe(0);
    expect(cli.output()).toMatch(/replayed 2 dead letters/);
    await eventually('the failures recorded again', async () => {
      const now = await failedAt();
      return now.length === 2 && now.every((r, i) => r.at > before[i]!.at) ? true : undefined;
    });
    expect(await scalar(t.rt, 'SELECT uniqExact(id) FROM dead_letters')).toBe(5);
    const third = await replayDeadLetters(t.rt, { source: 'nosuch' });
    expect(third.replayed).toBe(2);
    const fourth = await replayDeadLetters(t.rt, { source: 'nosuch' });
    expect(fourth.replayed).toBe(0);
    expect(await postsStored()).toBe(expectedPosts);
  });
});

describe('retention', () => {
  it('drops whole partitions older than the configured days, and nothing younger', async () => {
    const example = Post.parse(postExamples[0]);
    const post = (id: string, createdAt: string) =>
      postRow({ ...example, postId: `simulator:ret${id}`, createdAt, fetchedAt: createdAt });
    await t.rt.clickhouse.insert({
      table: 'posts',
      format: 'JSONEachRow',
      values: [
        post('1', '2020-01-01T10:00:00.000Z'),
        post('2', '2020-01-02T10:00:00.000Z'),
        post('3', '2020-01-31T10:00:00.000Z'),
      ],
    });
    const now = new Date('2020-02-01T12:00:00.000Z'); // 30 days back: 2020-01-02T12:00
    const config = { retention: { schedule: '0 3 * * *', tables: { posts: 30, authors: 30, nosuch: 5 } } };
    const dry = await applyRetention(t.rt.clickhouse, config, { now, dryRun: true });
    expect(dry.map((d) => `${d.table}/${d.partition}`)).toEqual(['posts/20200101']);
    expect(await scalar(t.rt, "SELECT count() FROM posts WHERE post_id LIKE 'simulator:ret%'")).toBe(3);
    const dropped = await applyRetention(t.rt.clickhouse, config, { now });
    expect(dropped.map((d) => `${d.table}/${d.partition}`)).toEqual(['posts/20200101']);
    const left = await queryRows<{ post_id: string }>(
      t.rt.clickhouse,
      "SELECT post_id FROM posts WHERE post_id LIKE 'simulator:ret%' ORDER BY post_id",
    );
    expect(left.map((r) => r.post_id)).toEqual(['simulator:ret2', 'simulator:ret3']);
  });
});
