import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows } from '../core/clickhouse.ts';
import { registry } from '../core/metrics.ts';
import { createSource } from '../ingest/sources.ts';
import { SourceConfig } from '../schema/config.ts';
import { DeadLetter } from '../schema/dead-letter.ts';
import { queries } from '../schema/queries.ts';
import { topicName } from '../schema/topics.ts';
import { startProcessors, type RunningProcessors } from '../runtime/pipeline.ts';
import { formatStatus, pipelineStatus } from '../cli/status.ts';
import { createTestEnv, eventually, ingestIntoRaw, readTopic, scalar, type TestEnv } from './helpers.ts';
import { expectedFromSimulator } from './expectations.ts';

const N = 3000;
const simulator = SourceConfig.parse({
  type: 'simulator',
  id: 'sim',
  seed: 'pipeline-it',
  count: N,
  malformedRate: 0.02,
  pageSize: 250,
});
let t: TestEnv;
let processors: RunningProcessors;

beforeAll(async () => {
  t = await createTestEnv();
  processors = await startProcessors(t.rt);
});

afterAll(async () => {
  await processors?.stop();
  await t?.cleanup();
});

async function readDeadLetters(): Promise<DeadLetter[]> {
  const messages = await readTopic(t.rt, topicName('dlq', t.config.namespace));
  return messages.map((m) => DeadLetter.parse(JSON.parse(m.value)));
}

describe('pipeline on the real stack: simulator → Kafka → normalize → ClickHouse', () => {
  it('writes exactly the simulated posts and dead-letters every malformed payload with its reason', async () => {
    const { postIds, malformedKeys } = expectedFromSimulator({
      seed: simulator.type === 'simulator' ? simulator.seed : '',
      count: N,
      malformedRate: 0.02,
    });
    expect(malformedKeys.size).toBeGreaterThan(20);

    const progress = await ingestIntoRaw(t.rt, createSource(simulator));
    expect(progress.produced).toBe(N);

    await eventually('all posts and dead letters in ClickHouse', async () => {
      const posts = await scalar(t.rt, queries.postsTotal());
      const dead = await scalar(t.rt, queries.deadLettersTotal());
      return posts >= postIds.size && dead >= malformedKeys.size ? true : undefined;
    });

    // Exactly the expected ids: none missing, none extra.
    const ids = await queryRows<{ post_id: string }>(t.rt.clickhouse, 'SELECT DISTINCT post_id FROM posts');
    expect(new Set(ids.map((r) => r.post_id))).toEqual(postIds);
    expect(await scalar(t.rt, queries.postsTotal())).toBe(postIds.size);
    const bySource = await queryRows<{ source: string; posts: string }>(
      t.rt.clickhouse,
      queries.postsBySource(),
    );
    expect(bySource).toEqual([expect.objectContaining({ source: 'simulator', posts: String(postIds.size) })]);

    // Every malformed payload: in the DLQ topic and in dead_letters, with the step and a reason.
    const letters = await readDeadLetters();
    expect(new Set(letters.map((l) => l.key))).toEqual(malformedKeys);
    for (const l of letters) {
      expect(l.component).toBe('normalize');
      expect(['normalize', 'validate-post']).toContain(l.step);
      expect(l.error.length).toBeGreaterThan(10);
      expect(l.payload).toContain('"source":"simulator"');
    }
    const rows = await queryRows<{ key: string; step: string; error: string }>(
      t.rt.clickhouse,
      'SELECT key, step, error FROM dead_letters',
    );
    expect(new Set(rows.map((r) => r.key))).toEqual(malformedKeys);
    expect(rows.every((r) => r.error.length > 10)).toBe(true);

    // `lateral status` sees the same: nothing lagging, the rows and the dead letters.
    const status = await eventually('consumers caught up', async () => {
      const st = await pipelineStatus(t.rt);
      return st.components.every((c) => c.lag === 0) ? st : undefined;
    });
    expect(status.rows).toMatchObject({ posts: postIds.size, deadLetters: malformedKeys.size });
    expect(status.dlqMessages).toBe(malformedKeys.size);
    expect(status.sources).toEqual([expect.objectContaining({ sourceId: 'sim', produced: N })]);
    expect(formatStatus(status)).toContain('sink-posts');

    // And counted in the metrics.
    const metricsText = await registry.metrics();
    expect(metricsText).toMatch(/lateral_dead_letters_total\{component="normalize",step="[a-z-]+"\} \d+/);
  });

  it('dead-letters broken lines of a JSON Lines import and keeps the good ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-import-'));
    const path = join(dir, 'import.jsonl');
    const good = (i: number) =>
      JSON.stringify({
        postId: `forum:${i}`,
        source: 'forum',
        author: { id: `forum:u${i}`, handle: `u${i}` },
        text: `post ${i}`,
        createdAt: '2026-03-05T10:00:00Z',
      });
    const lines = [
      good(1),
      '{"postId": "forum:2", broken',
      good(3),
      JSON.stringify({
        postId: 'forum:4',
        source: 'forum',
        text: 'no author',
        createdAt: '2026-03-05T10:00:00Z',
      }),
      good(5),
    ];
    writeFileSync(path, lines.join('\n'));
    await ingestIntoRaw(t.rt, createSource(SourceConfig.parse({ type: 'file', id: 'imp', path })));
    await eventually('import rows', async () => {
      const n = await scalar(t.rt, "SELECT uniqExact(post_id) FROM posts WHERE source = 'forum'");
      const dead = await scalar(
        t.rt,
        "SELECT uniqExact(id) FROM dead_letters WHERE key IN ('import:imp-line-2', 'forum:4')",
      );
      return n === 3 && dead === 2 ? true : undefined;
    });
    const reasons = await queryRows<{ key: string; error: string }>(
      t.rt.clickhouse,
      "SELECT key, error FROM dead_letters WHERE key IN ('import:imp-line-2', 'forum:4') ORDER BY key",
    );
    expect(reasons[0]?.error).toMatch(/author/);
    expect(reasons[1]?.error).toMatch(/not a JSON object/);
  });
});
