/**
 * Insert cost per row of the formats @clickhouse/client can insert, for the `posts` and `mentions` tables:
 * CPU of this Node process (encoding + HTTP) and of clickhouse-server (parsing + writing parts, from
 * /proc/<pid>/stat) per 1,000 rows, and wall time, at several batch sizes; and whether each format stores
 * exactly what JSONEachRow stores. Prints, never asserts.
 *
 *   npx tsx test/bench/sink-format-bench.ts [items=20000] [batch sizes=1000,5000,10000,20000] [rounds=3]
 *
 * The ClickHouse server is shared with anything else running on the host: its CPU figures include that load.
 */
import { Readable } from 'node:stream';
import { createClickHouse, queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import { loadConfig } from '../../core/config.ts';
import { simulatorBrandConfigs } from '../../platforms/simulator/brands.ts';
import { analyzerFromConfig } from '../../processors/enrich/pipeline/analyzer-from-config.ts';
import { ThreadsEngine } from '../../processors/enrich/threads/engine.ts';
import { mentionRow, postRow } from '../../processors/sink/rows.ts';
import { columnsOf, toTabSeparated } from '../../processors/sink/tsv.ts';
import { LateralConfig } from '../../schema/config.ts';
import { migrate } from '../../schema/migrate.ts';
import { clickhouseServerPid, cpuSeconds, selfCpuSeconds } from './proc-cpu.ts';
import { simulatorPosts } from './simulator-posts.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** CSV as ClickHouse reads it: quoted strings with doubled quotes, `\N` for NULL, arrays as quoted text. */
function toCsv(rows: readonly object[], columns: readonly string[]): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const el = (v: unknown) =>
    typeof v === 'string'
      ? `'${v.replace(/[\\'\t\n\r]/g, (c) => `\\${({ '\t': 't', '\n': 'n', '\r': 'r' } as Record<string, string>)[c] ?? c}`)}'`
      : String(v);
  const out: string[] = [];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    out.push(
      columns
        .map((c) => {
          const v = r[c];
          if (v === null) return '\\N';
          if (typeof v === 'string') return q(v);
          if (Array.isArray(v)) return q(`[${v.map(el).join(',')}]`);
          return String(v);
        })
        .join(','),
    );
  }
  out.push('');
  return out.join('\n');
}

type Format = 'JSONEachRow' | 'JSONCompactEachRow' | 'TabSeparated' | 'CSV';
const FORMATS: Format[] = ['JSONEachRow', 'JSONCompactEachRow', 'TabSeparated', 'CSV'];

async function insert(
  client: ClickHouseClient,
  table: string,
  rows: object[],
  format: Format,
  queryId?: string,
): Promise<void> {
  const columns = columnsOf(rows);
  // log_queries: the server's own CPU for this insert (query_log ProfileEvents), free of other load on the host.
  const logged = queryId ? { query_id: queryId, clickhouse_settings: { log_queries: 1 as const } } : {};
  switch (format) {
    case 'JSONEachRow':
      return void (await client.insert({ table, values: rows, format, ...logged }));
    case 'JSONCompactEachRow':
      return void (await client.insert({
        table,
        values: rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])),
        format,
        columns: columns as [string, ...string[]],
        ...logged,
      }));
    case 'TabSeparated': {
      const text = toTabSeparated(rows, columns);
      if (text === undefined) throw new Error('a row cannot be written as TabSeparated');
      return void (await client.insert({
        table,
        values: Readable.from([text], { objectMode: false }),
        format,
        columns: columns as [string, ...string[]],
        ...logged,
      }));
    }
    case 'CSV':
      return void (await client.insert({
        table,
        values: Readable.from([toCsv(rows, columns)], { objectMode: false }),
        format,
        columns: columns as [string, ...string[]],
        ...logged,
      }));
  }
}

async function dump(client: ClickHouseClient, table: string, key: string): Promise<string> {
  const rs = await client.query({ query: `SELECT * FROM ${table} ORDER BY ${key}`, format: 'JSONEachRow' });
  return rs.text();
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20_000);
  const batchSizes = (process.argv[3] ?? '1000,5000,10000,20000').split(',').map(Number);
  const rounds = Number(process.argv[4] ?? 3);
  say(`command: npx tsx test/bench/sink-format-bench.ts ${count} ${batchSizes.join(',')} ${rounds}`);

  // Rows prepared once, outside every measurement: simulator posts and the mentions enrichment makes of them.
  const config = LateralConfig.parse({ brands: simulatorBrandConfigs() });
  const posts = simulatorPosts('bench-sink', count);
  const analyzer = await analyzerFromConfig(config);
  const engine = new ThreadsEngine(config.brands, { horizonMs: 14 * 86_400_000, maxPosts: 1_000_000 });
  const mentions: object[] = [];
  for (const p of posts)
    for (const e of analyzer.analyze(p))
      for (const m of engine.apply(e).mentions) mentions.push(mentionRow(m));
  const tables = [
    { table: 'posts', key: 'post_id, version', rows: posts.map(postRow) as object[] },
    { table: 'mentions', key: 'brand, post_id, version', rows: mentions },
  ];

  const base = loadConfig();
  const database = `lateral_sinkbench_${Date.now().toString(36)}`;
  await migrate(base, database);
  const client = createClickHouse(base, { database });
  const server = clickhouseServerPid();
  say(
    `clickhouse-server pid ${server ?? 'not found'}; rows: ${tables.map((t) => `${t.rows.length} ${t.table}`).join(', ')}`,
  );
  try {
    for (const { table, key, rows } of tables) {
      const bytes = (f: Format) =>
        f === 'TabSeparated'
          ? Buffer.byteLength(toTabSeparated(rows, columnsOf(rows))!)
          : f === 'CSV'
            ? Buffer.byteLength(toCsv(rows, columnsOf(rows)))
            : f === 'JSONEachRow'
              ? rows.reduce((n: number, r) => n + Buffer.byteLength(JSON.stringify(r)) + 1, 0)
              : rows.reduce((n: number, r) => n + Buffer.byteLength(JSON.stringify(Object.values(r))) + 1, 0);
      say(
        `${table}: ${rows.length} rows; per 1,000 rows: CPU ms of node (encode + HTTP), of clickhouse-server (/proc: all its threads, merges and other clients' load included; srv-q: the insert queries alone, query_log), node + server, wall ms`,
      );
      say(
        `  ${'format'.padEnd(20)} ${'batch'.padStart(6)} ${'node'.padStart(7)} ${'server'.padStart(7)} ${'srv-q'.padStart(7)} ${'sum'.padStart(7)} ${'wall'.padStart(7)} ${'rows/s'.padStart(9)}  body bytes/row`,
      );
      // Formats this server accepts, and whether each stores exactly what JSONEachRow stores.
      const usable: Format[] = [];
      let reference: string | undefined;
      const exact = new Map<Format, string>();
      for (const format of FORMATS) {
        const copy = `${table}_${format.toLowerCase()}`;
        await client.command({ query: `CREATE TABLE ${copy} AS ${table}` });
        try {
          await insert(client, copy, rows, format);
        } catch (err) {
          say(
            `  ${format.padEnd(20)} not accepted by this server: ${(err as Error).message.split('\n')[0]?.slice(0, 140)}`,
          );
          continue;
        }
        const text = await dump(client, copy, key);
        reference ??= text;
        exact.set(
          format,
          text === reference ? 'values identical to JSONEachRow' : 'VALUES DIFFER from JSONEachRow',
        );
        usable.push(format);
      }
      // Encoding alone (no I/O), in batches of 10,000 rows: what each format costs this process before HTTP.
      const encoders: Record<Format, (batch: object[]) => unknown> = {
        JSONEachRow: (b) => b.map((r) => `${JSON.stringify(r)}\n`).join(''),
        JSONCompactEachRow: (b) => {
          const cols = columnsOf(b);
          return b
            .map((r) => `${JSON.stringify(cols.map((c) => (r as Record<string, unknown>)[c]))}\n`)
            .join('');
        },
        TabSeparated: (b) => toTabSeparated(b, columnsOf(b)),
        CSV: (b) => toCsv(b, columnsOf(b)),
      };
      const encodeMs = new Map<Format, number>();
      for (let round = 0; round < 5; round++) {
        for (const format of FORMATS) {
          const c0 = selfCpuSeconds();
          for (let j = 0; j < rows.length; j += 10_000) encoders[format](rows.slice(j, j + 10_000));
          const ms = ((selfCpuSeconds() - c0) * 1e6) / rows.length;
          encodeMs.set(format, Math.min(ms, encodeMs.get(format) ?? Infinity));
        }
      }
      say(
        `  encoding only, CPU ms per 1,000 rows: ${FORMATS.map((f) => `${f} ${encodeMs.get(f)!.toFixed(1)}`).join(', ')}`,
      );
      // Rounds interleave the formats so that load from elsewhere on the host spreads over all of them; each
      // figure is the round with the least total CPU.
      const best = new Map<string, { node: number; srv: number; wall: number }>();
      for (let round = 0; round < rounds; round++) {
        for (const batch of batchSizes) {
          for (const format of usable) {
            const copy = `${table}_${format.toLowerCase()}`;
            await client.command({ query: `TRUNCATE TABLE ${copy}` });
            const node0 = selfCpuSeconds();
            const server0 = server ? (cpuSeconds(server) ?? 0) : 0;
            const t0 = performance.now();
            for (let j = 0; j < rows.length; j += batch)
              await insert(
                client,
                copy,
                rows.slice(j, j + batch),
                format,
                `${database}-${table}-${format}-${batch}-${round}:${j}`,
              );
            const wall = performance.now() - t0;
            const node = selfCpuSeconds() - node0;
            const srv = server ? (cpuSeconds(server) ?? 0) - server0 : NaN;
            const k = `${format}/${batch}`;
            const prev = best.get(k);
            if (!prev || node + srv < prev.node + prev.srv) best.set(k, { node, srv, wall });
          }
        }
      }
      // The server's CPU in the insert queries themselves (parse + write the part), summed per run.
      await client.command({ query: 'SYSTEM FLUSH LOGS' });
      const logged = await queryRows<{ run: string; us: string }>(
        client,
        `SELECT splitByChar(':', query_id)[1] AS run,
                sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'UserTimeMicroseconds')]
                  + ProfileEvents.Values[indexOf(ProfileEvents.Names, 'SystemTimeMicroseconds')]) AS us
         FROM system.query_log
         WHERE type = 2 AND startsWith(query_id, '${database}-${table}-')
         GROUP BY run`,
      );
      const queryCpu = new Map<string, number>();
      for (const { run, us } of logged) {
        const k = run.split('-').slice(-3, -1).join('/');
        queryCpu.set(k, Math.min(Number(us) / 1e6, queryCpu.get(k) ?? Infinity));
      }
      const per = (s: number) => ((s * 1e6) / rows.length).toFixed(1).padStart(7);
      for (const format of usable) {
        for (const [i, batch] of batchSizes.entries()) {
          const { node, srv, wall } = best.get(`${format}/${batch}`)!;
          say(
            `  ${format.padEnd(20)} ${String(batch).padStart(6)} ${per(node)} ${per(srv)} ${per(queryCpu.get(`${format}/${batch}`) ?? NaN)} ${per(node + srv)} ${((wall * 1000) / rows.length).toFixed(1).padStart(7)} ${String(Math.round(rows.length / (wall / 1000))).padStart(9)}  ${i === 0 ? `${Math.round(bytes(format) / rows.length)}; ${exact.get(format)}` : ''}`,
          );
        }
      }
    }
  } finally {
    await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    await client.close();
  }
}

await main();
