import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigResourceTypes } from 'kafkajs';
import { queryRows } from '../core/clickhouse.ts';
import { readPartitionsToEnd } from '../core/partition-reader.ts';
import { consumerLag, groupId } from '../core/kafka.ts';
import { ident, sql, sqlLiteral } from '../core/sql.ts';
import { createSimulator } from '../platforms/simulator/generator.ts';
import { simulatorBrandConfigs } from '../platforms/simulator/brands.ts';
import { startProcessors, type RunningProcessors } from '../runtime/pipeline.ts';
import { inputsOf, processorsToRun } from '../processors/components.ts';
import { normalizers } from '../processors/normalize/registry.ts';
import { handleReferencePattern, idPattern } from '../schema/queries/reliability.ts';
import { topicName, topics, type TopicKey } from '../schema/topics.ts';
import {
  createTestEnv,
  eventually,
  exited,
  produceSimulatorItems,
  readTopic,
  scalar,
  spawnCli,
  type TestEnv,
} from './helpers.ts';

const SIM = { seed: 'forget-author-it', count: 1200, malformedRate: 0.01 };
const FIRST = 800;
/** The machine may be shared and loaded: generous waits. */
const WAIT_MS = 480_000;
let t: TestEnv;
let processors: RunningProcessors | undefined;

/** The person to erase: a customer with posts before and after the erasure, and the texts only they wrote. */
function pickAuthor(): { id: string; handle: string; texts: string[]; before: number; after: number } {
  const byAuthor = new Map<string, { handle: string; before: number; after: number; texts: Set<string> }>();
  const textAuthors = new Map<string, Set<string>>();
  for (const item of createSimulator(SIM).items(0)) {
    if (item.index >= SIM.count) break;
    const envelope = {
      source: 'simulator',
      sourceId: 'sim',
      fetchedAt: new Date().toISOString(),
      payload: item.payload,
    };
    const result = normalizers.simulator!(item.payload, envelope);
    if ('error' in result) continue;
    for (const p of result.posts) {
      const authorId = p.author.id ?? '';
      // A customer (brand accounts are `simulator:b…`) with a plain handle.
      if (!/^simulator:u\d+$/.test(authorId) || !/^[a-z0-9_]+$/.test(p.author.handle)) continue;
      const a = byAuthor.get(authorId) ?? {
        handle: p.author.handle,
        before: 0,
        after: 0,
        texts: new Set(),
      };
      if (item.index < FIRST) a.before++;
      else a.after++;
      if (!p.repostOf) a.texts.add(p.text);
      byAuthor.set(authorId, a);
      const who = textAuthors.get(p.text) ?? new Set();
      who.add(authorId);
      textAuthors.set(p.text, who);
    }
  }
  const unique = (x: { texts: Set<string> }) =>
    [...x.texts].filter((text) => text.length >= 15 && textAuthors.get(text)!.size === 1);
  const [id, a] = [...byAuthor]
    .filter(([, x]) => x.after > 0 && unique(x).length > 0)
    .sort(([, x], [, y]) => y.before - x.before)[0]!;
  const texts = unique(a);
  return { id, handle: a.handle.replace(/^@/, '').toLowerCase(), texts, before: a.before, after: a.after };
}

const author = pickAuthor();

beforeAll(async () => {
  t = await createTestEnv({ batchMs: 200 });
  t.config.brands = simulatorBrandConfigs();
  t.config.threads.horizonDays = 3650;
});

afterAll(async () => {
  await processors?.stop();
  await t?.cleanup();
});

async function drained(): Promise<true | undefined> {
  const admin = t.rt.kafka.admin();
  await admin.connect();
  try {
    for (const name of processorsToRun(t.config)) {
      for (const key of inputsOf(name)) {
        const { lag } = await consumerLag(
          admin,
          groupId(t.config.namespace, name),
          topicName(key, t.config.namespace),
        );
        if (lag > 0) throw new Error(`${name} lag ${lag} on ${key}`);
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}

/** Every table and column (String, Nullable(String), Array(String)) where the author's id, handle or texts occur. */
async function findInTables(): Promise<string[]> {
  const columns = await queryRows<{ table: string; name: string; type: string }>(
    t.rt.clickhouse,
    "SELECT c.table AS table, c.name AS name, c.type AS type FROM system.columns AS c WHERE c.database = currentDatabase() AND c.type IN ('String', 'Nullable(String)', 'Array(String)') AND c.table IN (SELECT name FROM system.tables WHERE database = currentDatabase() AND engine NOT LIKE '%View%')",
  );
  const pattern = sqlLiteral(handleReferencePattern([author.handle]));
  const idRe = sqlLiteral(idPattern([author.id]));
  const needles = (e: string) =>
    [
      `match(${e}, ${idRe})`,
      `lower(replaceRegexpOne(${e}, '^@+', '')) = ${sqlLiteral(author.handle)}`,
      `match(${e}, ${pattern})`,
      ...author.texts.map((x) => `position(${e}, ${sqlLiteral(x)}) > 0`),
    ].join(' OR ');
  const found: string[] = [];
  for (const c of columns) {
    const name = ident(c.name).name;
    const cond =
      c.type === 'Array(String)'
        ? `arrayExists(x -> ${needles('x')}, ${name})`
        : needles(c.type === 'Nullable(String)' ? `ifNull(${name}, '')` : name);
    const n = await scalar(t.rt, `SELECT count() FROM ${ident(c.table).name} WHERE ${cond}`);
    if (n > 0) found.push(`${c.table}.${c.name}: ${n} rows`);
  }
  return found;
}

/** Messages of the compacted topics (keys, values and decoded scoring state) that name the author. */
async function findInCompactedTopics(): Promise<string[]> {
  const found: string[] = [];
  const idRe = new RegExp(`(^|[^\\p{L}\\p{N}_])${author.id}($|[^\\p{L}\\p{N}_])`, 'u');
  const handleRe = new RegExp(
    `(^|[^\\p{L}\\p{N}_])@?${author.handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}_@])`,
    'iu',
  );
  for (const key of Object.keys(topics) as TopicKey[]) {
    if (topics[key].cleanupPolicy !== 'compact') continue;
    const topic = topicName(key, t.config.namespace);
    for (const m of await readTopic(t.rt, topic)) {
      let text = `${m.key ?? ''}\n${m.value}`;
      try {
        const v = JSON.parse(m.value) as { state?: unknown };
        if (typeof v.state === 'string') text += `\n${Buffer.from(v.state, 'base64').toString('latin1')}`;
      } catch {
        // not JSON: searched as text
      }
      if (idRe.test(text)) found.push(`${topic} key ${m.key}: author id`);
      else if (handleRe.test(text)) found.push(`${topic} key ${m.key}: handle`);
      else if (author.texts.some((x) => text.includes(x))) found.push(`${topic} key ${m.key}: a text`);
    }
  }
  return found;
}

/** Lets the broker compact the test's compacted topics now rather than within the production bound. */
async function compactNow(): Promise<void> {
  const admin = t.rt.kafka.admin();
  await admin.connect();
  try {
    const compacted = (Object.keys(topics) as TopicKey[]).filter(
      (k) => topics[k].cleanupPolicy === 'compact',
    );
    await admin.alterConfigs({
      validateOnly: false,
      resources: compacted.map((k) => ({
        type: ConfigResourceTypes.TOPIC,
        name: topicName(k, t.config.namespace),
        // AlterConfigs replaces the topic's whole config: the cleanup policy must be restated.
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'segment.ms', value: '500' },
          { name: 'min.cleanable.dirty.ratio', value: '0.01' },
          { name: 'delete.retention.ms', value: '0' },
          { name: 'min.compaction.lag.ms', value: '0' },
        ],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** A record in every partition rolls the active segment (only closed segments are compacted). */
async function rollSegments(): Promise<void> {
  for (const key of ['authors', 'cursors'] as const) {
    const topic = topicName(key, t.config.namespace);
    await t.rt.producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: topics[key].partitions }, (_, partition) => ({
        partition,
        key: `~segment-roll/${partition}`,
        value: null,
      })),
    });
  }
}

describe('lateral forget-author', () => {
  it('erases a person from every table and compacted topic, and keeps them out of the stream afterwards', async () => {
    expect(author.before).toBeGreaterThan(1);
    expect(author.after).toBeGreaterThan(0);
    expect(author.texts.length).toBeGreaterThan(0);
    processors = await startProcessors(t.rt);
    await produceSimulatorItems(t.rt, SIM, 0, FIRST);
    await eventually(
      'the first part through the pipeline',
      async () =>
        (await scalar(t.rt, sql`SELECT count() FROM authors WHERE author_id = ${author.id}`)) > 0 &&
        (await drained())
          ? true
          : undefined,
      WAIT_MS,
      1000,
    );
    const before = await findInTables();
    expect(before.some((f) => f.startsWith('posts.'))).toBe(true);
    expect(before.some((f) => f.startsWith('mentions.'))).toBe(true);
    expect(before.some((f) => f.startsWith('interactions.'))).toBe(true);
    expect(before.some((f) => f.startsWith('authors.'))).toBe(true);
    const rolledBefore = await scalar(
      t.rt,
      'SELECT sum(n) FROM (SELECT uniqExactMerge(mentions) AS n FROM mention_rollup_minute GROUP BY brand, bucket)',
    );
    const theirMentions = await scalar(
      t.rt,
      sql`SELECT count() FROM mentions FINAL WHERE author_id = ${author.id}`,
    );
    expect(theirMentions).toBeGreaterThan(0);

    const cli = spawnCli(['forget-author', `@${author.handle}@simulator`], t.env);
    const { code } = await exited(cli);
    const output = cli.output();
    expect(code, output).toBe(0);
    expect(output).toMatch(/posts: \d+ rows deleted/);
    expect(output).toMatch(/mentions: \d+ rows deleted/);
    expect(output).toMatch(/mutations done/);
    expect(output).toContain(author.id);

    // Right after the command: nothing in ClickHouse, and the rollups count the others only.
    expect(await findInTables()).toEqual([]);
    const rolledAfter = await scalar(
      t.rt,
      'SELECT sum(n) FROM (SELECT uniqExactMerge(mentions) AS n FROM mention_rollup_minute GROUP BY brand, bucket)',
    );
    const othersWithRepostsOfThem = await scalar(t.rt, 'SELECT count() FROM mentions FINAL');
    expect(rolledAfter).toBe(othersWithRepostsOfThem);
    expect(rolledAfter).toBeLessThanOrEqual(rolledBefore - theirMentions);

    // The stream goes on with more of their posts: dropped at the edge, nothing reappears.
    await produceSimulatorItems(t.rt, SIM, FIRST, SIM.count);
    await eventually(
      'the rest through the pipeline',
      async () => ((await drained()) ? true : undefined),
      WAIT_MS,
      1000,
    );
    expect(await findInTables()).toEqual([]);
    // Tombstones in lateral.authors.v1 are not bad messages: no sink dead-letters them.
    let tombstoneLetters = 0;
    await readPartitionsToEnd(t.rt.kafka, {
      topic: topicName('dlq', t.config.namespace),
      onMessage: (_partition, value) => {
        if (value?.toString('utf8').includes('"error":"empty message value"')) tombstoneLetters++;
      },
    });
    expect(tombstoneLetters).toBe(0);

    // Compacted topics: the tombstone and the re-emitted checkpoints replace every record naming them.
    await compactNow();
    let last: string[] = [];
    await eventually(
      'compacted topics free of the author',
      async () => {
        await rollSegments();
        last = await findInCompactedTopics();
        return last.length === 0 ? true : undefined;
      },
      180_000,
      3000,
    ).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}; still found: ${last.slice(0, 10).join('; ')}`);
    });
    expect(await findInTables()).toEqual([]);
  }, 1_500_000);
});
