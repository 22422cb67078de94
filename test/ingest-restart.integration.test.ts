import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { CursorStore } from '../ingest/framework/cursor-store.ts';
import { topicName } from '../schema/topics.ts';
import { startProcessors } from '../runtime/pipeline.ts';
import {
  createTestEnv,
  eventually,
  exited,
  readTopic,
  scalar,
  spawnCli,
  topicCount,
  type TestEnv,
} from './helpers.ts';

let t: TestEnv;
let dir: string;

beforeAll(async () => {
  t = await createTestEnv();
  dir = mkdtempSync(join(tmpdir(), 'lateral-ingest-'));
});
afterAll(async () => {
  await t?.cleanup();
});

function writeConfig(name: string, sources: unknown[]): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, YAML.stringify({ sources }));
  return path;
}

async function rawKeys(): Promise<string[]> {
  const messages = await readTopic(t.rt, topicName('raw', t.config.namespace));
  return messages.map((m) => m.key ?? '');
}

describe('ingestor restart', () => {
  it('simulator: a stopped ingestor resumes at its cursor and re-produces nothing', async () => {
    const config = writeConfig('sim', [
      {
        type: 'simulator',
        id: 'sim-restart',
        seed: 'restart',
        count: 3000,
        pageSize: 100,
        ratePerSecond: 250,
      },
    ]);
    const first = spawnCli(['ingest'], { ...t.env, LATERAL_CONFIG: config });
    const cursors = new CursorStore(t.rt.kafka, t.rt.producer, t.config.namespace);
    // Stop it part-way: once at least 500 items are in the raw topic (12 s at 250 items/s in total).
    const rawTopic = topicName('raw', t.config.namespace);
    await eventually(
      'first pages',
      async () => ((await topicCount(t.rt, rawTopic)) >= 500 ? true : undefined),
      60_000,
      100,
    );
    first.kill('SIGTERM');
    expect((await exited(first)).code).toBe(0);
    const stoppedAt = (await cursors.load('sim-restart'))!.produced;
    expect(stoppedAt).toBeGreaterThanOrEqual(500);
    expect(stoppedAt).toBeLessThan(3000);
    const second = spawnCli(['ingest'], { ...t.env, LATERAL_CONFIG: config });
    expect((await exited(second)).code).toBe(0);
    const keys = (await rawKeys()).filter((k) => k.startsWith('simulator:'));
    expect(keys).toHaveLength(3000);
    expect(new Set(keys).size).toBe(3000);
    expect((await cursors.load('sim-restart'))!.produced).toBe(3000);
  });

  it('file: after kill -9 between produce and cursor save, only the page in flight is produced again and the idempotent write absorbs it', async () => {
    const path = join(dir, 'backfill.jsonl');
    const lines = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({
        postId: `forum:${i}`,
        source: 'forum',
        author: { id: `forum:u${i % 50}`, handle: `u${i % 50}` },
        text: `line ${i}`,
        createdAt: '2026-03-05T10:00:00Z',
      }),
    );
    writeFileSync(path, lines.join('\n'));
    const config = writeConfig('file', [{ type: 'file', id: 'backfill', path, pageSize: 100 }]);
    const crashed = spawnCli(['ingest'], {
      ...t.env,
      LATERAL_CONFIG: config,
      LATERAL_FAILPOINTS: 'ingest.after-produce:4',
    });
    expect((await exited(crashed)).signal).toBe('SIGKILL');
    const cursors = new CursorStore(t.rt.kafka, t.rt.producer, t.config.namespace);
    expect((await cursors.load('backfill'))!.produced).toBe(300); // page 4 was produced, its cursor not saved
    const resumed = spawnCli(['ingest'], { ...t.env, LATERAL_CONFIG: config });
    expect((await exited(resumed)).code).toBe(0);
    const keys = (await rawKeys()).filter((k) => k.startsWith('forum:'));
    expect(keys).toHaveLength(1100); // 1000 lines + the 100 of the page in flight at the crash
    expect(new Set(keys).size).toBe(1000);
    const processors = await startProcessors(t.rt);
    try {
      await eventually('backfill in ClickHouse', async () =>
        (await scalar(t.rt, "SELECT uniqExact(post_id) FROM posts WHERE source = 'forum'")) === 1000
          ? true
          : undefined,
      );
      expect(await scalar(t.rt, "SELECT uniqExact(post_id) FROM posts WHERE source = 'forum'")).toBe(1000);
    } finally {
      await processors.stop();
    }
  });
});
