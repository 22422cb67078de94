import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse, type ClickHouseClient } from '../../core/clickhouse.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import { postExamples } from '../../schema/examples.ts';
import { loadMigrations, migrate } from '../../schema/migrate.ts';
import { Post } from '../../schema/post.ts';
import { ClickHouseSink } from './clickhouse-sink.ts';
import { testOrigin } from './test-origin.ts';
import { postRow } from './rows.ts';

const database = `lateral_sink_${Date.now().toString(36)}`;
let config: ReturnType<typeof loadConfig>;
let server: ClickHouseClient;
let client: ClickHouseClient;

beforeAll(async () => {
  config = loadConfig();
  server = createClickHouse(config, { database: null });
  await server.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  client = createClickHouse(config, { database });
  await client.command({
    query: 'CREATE TABLE t (id String, n UInt32) ENGINE = ReplacingMergeTree() ORDER BY id',
  });
});

afterAll(async () => {
  await server?.command({ query: `DROP DATABASE IF EXISTS ${database}` });
  await Promise.all([server?.close(), client?.close()]);
});

describe('ClickHouseSink on the real server', () => {
  it('writes good rows, isolates the rows ClickHouse rejects and dead-letters them with the reason', async () => {
    const letters: DeadLetter[] = [];
    const sink = new ClickHouseSink<Record<string, unknown>>({
      client,
      table: 't',
      component: 'test-sink',
      batchRows: 100,
      batchMs: 50,
      maxInFlight: 2,
      log: createLogger('test-sink'),
      deadLetters: async (l) => void letters.push(...l),
    });
    const items = Array.from({ length: 40 }, (_, i) => ({
      value: [{ id: `r${i}`, n: i === 13 || i === 31 ? 'not a number' : i }],
      origin: testOrigin(i),
    }));
    const { acked } = await sink.emit(items);
    await acked;
    const rows = await (
      await client.query({ query: 'SELECT count() AS c, uniqExact(id) AS u FROM t', format: 'JSONEachRow' })
    ).json<{ c: string; u: string }>();
    expect(Number(rows[0]?.u)).toBe(38);
    expect(letters.map((l) => l.offset).sort()).toEqual(['13', '31']);
    expect(letters[0]).toMatchObject({ step: 'insert', component: 'test-sink', payloadEncoding: 'utf8' });
    expect(letters[0]?.error).toMatch(/ClickHouse rejected row for t/);
    await sink.close();
  });

  it('dead-letters a row with a lone UTF-16 surrogate (code 25) instead of retrying the batch for ever', async () => {
    const letters: DeadLetter[] = [];
    const sink = new ClickHouseSink<Record<string, unknown>>({
      client,
      table: 't',
      component: 'test-sink',
      batchRows: 1000,
      batchMs: 50,
      maxInFlight: 2,
      unknownErrorAttempts: 2,
      log: createLogger('test-sink'),
      deadLetters: async (l) => void letters.push(...l),
    });
    const items = Array.from({ length: 1000 }, (_, i) => ({
      value: [{ id: i === 500 ? 'x \ud83d' : `u${i}`, n: i }],
      origin: testOrigin(1000 + i),
    }));
    const { acked } = await sink.emit(items);
    await acked;
    const rows = await (
      await client.query({
        query: "SELECT uniqExact(id) AS u FROM t WHERE startsWith(id, 'u')",
        format: 'JSONEachRow',
      })
    ).json<{ u: string }>();
    expect(Number(rows[0]?.u)).toBe(999);
    expect(letters.map((l) => l.offset)).toEqual(['1500']);
    expect(letters[0]?.error).toMatch(/Code: 25/);
    await sink.close();
  }, 30_000);

  it('flushes by size before the timer and by time when the batch stays small', async () => {
    const sink = new ClickHouseSink<Record<string, unknown>>({
      client,
      table: 't',
      component: 'test-sink',
      batchRows: 10,
      batchMs: 200,
      maxInFlight: 1,
      log: createLogger('test-sink'),
    });
    const started = Date.now();
    const big = await sink.emit(
      Array.from({ length: 10 }, (_, i) => ({ value: [{ id: `s${i}`, n: i }], origin: testOrigin(100 + i) })),
    );
    await big.acked;
    const sizeFlushMs = Date.now() - started;
    const t1 = Date.now();
    const small = await sink.emit([{ value: [{ id: 'late', n: 1 }], origin: testOrigin(200) }]);
    await small.acked;
    const timeFlushMs = Date.now() - t1;
    expect(sizeFlushMs).toBeLessThan(200);
    expect(timeFlushMs).toBeGreaterThanOrEqual(190);
    await sink.close();
  });

  it('stores a count the platform did not report as NULL and a reported 0 as 0, through the migrated posts table', async () => {
    await migrate(config, database);
    // A crash between applying 0012 and recording it repeats its statements: harmless.
    for (const statement of loadMigrations().find((m) => m.version === 12)!.statements)
      await client.command({ query: statement });
    const sink = new ClickHouseSink<Record<string, unknown>>({
      client,
      table: 'posts',
      component: 'test-sink',
      batchRows: 10,
      batchMs: 20,
      maxInFlight: 1,
      log: createLogger('test-sink'),
    });
    const post = (id: string, metrics: Record<string, number>) =>
      postRow(Post.parse({ ...postExamples[0], postId: `simulator:${id}`, metrics }));
    const { acked } = await sink.emit([
      { value: [post('unknown', {})], origin: testOrigin(400) },
      { value: [post('zero', { likes: 0, reposts: 0, replies: 0 })], origin: testOrigin(401) },
      { value: [post('some', { likes: 7 })], origin: testOrigin(402) },
    ]);
    await acked;
    await sink.close();
    const rows = await (
      await client.query({
        query: 'SELECT post_id, likes, reposts, replies FROM posts FINAL ORDER BY post_id',
        format: 'JSONEachRow',
      })
    ).json<Record<string, unknown>>();
    expect(rows).toEqual([
      { post_id: 'simulator:some', likes: 7, reposts: null, replies: null },
      { post_id: 'simulator:unknown', likes: null, reposts: null, replies: null },
      { post_id: 'simulator:zero', likes: 0, reposts: 0, replies: 0 },
    ]);
    // Aggregates skip unknown counts: they are not zeros.
    const [sums] = await (
      await client.query({
        query: 'SELECT sum(likes) AS s, count(likes) AS reported, count() AS n FROM posts FINAL',
        format: 'JSONEachRow',
      })
    ).json<Record<string, string | number>>();
    expect([Number(sums!.s), Number(sums!.reported), Number(sums!.n)]).toEqual([7, 2, 3]);
  });

  it('stores exactly what JSONEachRow stores: escapes, unicode, NULL, 64-bit integers, arrays', async () => {
    const columns =
      "id String, s String, u64 UInt64, n Nullable(UInt32), f Float32, d Nullable(DateTime('UTC')), a Array(String), e Enum8('x' = 1, 'y' = 2)";
    await client.command({ query: `CREATE TABLE exact_tsv (${columns}) ENGINE = MergeTree ORDER BY id` });
    await client.command({ query: `CREATE TABLE exact_json (${columns}) ENGINE = MergeTree ORDER BY id` });
    const rows = [
      {
        id: 'a',
        s: 'tab\tnew\nline\\back\rcr \'q\' "dq" \\N',
        u64: 9007199254740991,
        n: null,
        f: -0.5,
        d: null,
        a: ["it's", 'x\ty', 'b\\s', '', '🚲'],
        e: 'y',
      },
      { id: 'b', s: '\\N', u64: 0, n: 4294967295, f: 3.25, d: '2026-03-05 10:00:00', a: [], e: 'x' },
      {
        id: 'c',
        s: 'Ünïcödé 中文 🚲🚲',
        u64: 1772704800000,
        n: 0,
        f: 0,
        d: '1970-01-02 00:00:00',
        a: ['\\N'],
        e: 'x',
      },
    ];
    const sink = new ClickHouseSink<Record<string, unknown>>({
      client,
      table: 'exact_tsv',
      component: 'test-sink',
      batchRows: 10,
      batchMs: 20,
      maxInFlight: 1,
      log: createLogger('test-sink'),
    });
    const { acked } = await sink.emit(rows.map((r, i) => ({ value: [r], origin: testOrigin(500 + i) })));
    await acked;
    await sink.close();
    await client.insert({ table: 'exact_json', values: rows, format: 'JSONEachRow' });
    const read = async (table: string) =>
      (await client.query({ query: `SELECT * FROM ${table} ORDER BY id`, format: 'JSONEachRow' })).json();
    const stored = await read('exact_tsv');
    expect(stored).toEqual(await read('exact_json'));
    expect(stored).toHaveLength(3);
    expect((stored[0] as { s: string }).s).toBe(rows[0]!.s);
    expect((stored[0] as { a: string[] }).a).toEqual(rows[0]!.a);
  });

  it('retries a transient failure (table missing) until it is fixed, without losing rows', async () => {
    const sink = new ClickHouseSink<Record<string, unknown>>({
      client,
      table: 'later',
      component: 'test-sink',
      batchRows: 5,
      batchMs: 20,
      maxInFlight: 1,
      log: createLogger('test-sink'),
    });
    const { acked } = await sink.emit([{ value: [{ id: 'a', n: 1 }], origin: testOrigin(300) }]);
    let done = false;
    void acked.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 400));
    expect(done).toBe(false);
    await client.command({
      query: 'CREATE TABLE later (id String, n UInt32) ENGINE = MergeTree ORDER BY id',
    });
    await acked;
    const rows = await (
      await client.query({ query: 'SELECT count() AS c FROM later', format: 'JSONEachRow' })
    ).json<{ c: string }>();
    expect(Number(rows[0]?.c)).toBe(1);
    await sink.close();
  });
});
