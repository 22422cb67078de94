import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from '../schema/migrate.ts';
import { allQueriesWithSamples } from '../schema/queries.ts';
import { reliabilityQueriesWithSamples } from '../schema/queries/reliability.ts';
import { alertQueriesWithSamples } from '../schema/queries/alerts.ts';
import { dashboardQueriesWithSamples } from '../schema/queries/dashboard.ts';
import { settledQueriesWithSamples } from '../schema/queries/settled.ts';
import { postExamples, deadLetterExamples } from '../schema/examples.ts';
import { Post } from '../schema/post.ts';
import { DeadLetter } from '../schema/dead-letter.ts';
import { postRow, deadLetterRow } from '../processors/sink/rows.ts';
import { sql } from '../core/sql.ts';
import { ROOT } from './helpers.ts';
import type { ClickHouseClient } from '../core/clickhouse.ts';

export interface NamedStatement {
  name: string;
  sql: string;
}

/** Every migration's statements, in order, named `<migration> #<n>`. */
export function migrationStatements(): NamedStatement[] {
  return loadMigrations().flatMap((m) =>
    m.statements.map((sql, i) => ({ name: `${m.name} #${i + 1}`, sql })),
  );
}

/** Runs statements in order on a server; returns the failures as `name: first line of the error`. */
export async function failuresOnServer(
  client: ClickHouseClient,
  statements: readonly NamedStatement[],
): Promise<string[]> {
  const failures: string[] = [];
  for (const s of statements) {
    try {
      await client.command({ query: s.sql });
    } catch (err) {
      failures.push(`${s.name}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return failures;
}

/**
 * Runs statements on chdb; returns the engine, the failures and how many ran, or undefined when chdb is not
 * installed (outside CI: CI installs it, so there its absence is an error).
 */
export function failuresOnChdb(
  database: string,
  statements: NamedStatement[],
): { engine: string; failures: string[]; ran: number } | undefined {
  const result = runOnChdb(database, statements);
  if (!result) {
    if (process.env.CI) throw new Error('chdb is required in CI (pip install chdb)');
    return undefined;
  }
  const failures = result.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`);
  return { engine: result.engine, failures, ran: result.results.length };
}

/** Every statement the project ships, in an order that works on an empty database. */
export function shippedStatements(): NamedStatement[] {
  const out: NamedStatement[] = [{ name: 'schema_migrations DDL', sql: SCHEMA_MIGRATIONS_DDL }];
  out.push({
    name: 'schema_migrations record',
    sql: sql`INSERT INTO schema_migrations (version, name, checksum, applied_at) SELECT ${1}, ${'0001_posts'}, ${'abc'}, now()`,
  });
  out.push(...migrationStatements());
  // The sinks' inserts, in the exact JSONEachRow form the client sends.
  const post = postRow(Post.parse(postExamples[0]));
  out.push({ name: 'insert posts row', sql: `INSERT INTO posts FORMAT JSONEachRow ${JSON.stringify(post)}` });
  // A post whose platform reported no counts: the metric columns are NULL.
  const uncounted = postRow(Post.parse({ ...postExamples[0], postId: 'simulator:uncounted', metrics: {} }));
  out.push({
    name: 'insert posts row without counts',
    sql: `INSERT INTO posts FORMAT JSONEachRow ${JSON.stringify(uncounted)}`,
  });
  const dead = deadLetterRow(DeadLetter.parse(deadLetterExamples[0]));
  out.push({
    name: 'insert dead_letters row',
    sql: `INSERT INTO dead_letters FORMAT JSONEachRow ${JSON.stringify(dead)}`,
  });
  for (const q of allQueriesWithSamples()) out.push({ name: `query ${q.name}`, sql: q.sql });
  for (const q of reliabilityQueriesWithSamples()) out.push({ name: `query ${q.name}`, sql: q.sql });
  for (const q of alertQueriesWithSamples()) out.push({ name: `query ${q.name}`, sql: q.sql });
  for (const q of dashboardQueriesWithSamples()) out.push({ name: `query ${q.name}`, sql: q.sql });
  for (const q of settledQueriesWithSamples()) out.push({ name: `query ${q.name}`, sql: q.sql });
  return out;
}

export interface ChdbResult {
  engine: string;
  results: { name: string; ok: boolean; error: string | null }[];
}

/** Runs statements on the modern engine in PyPI's chdb; undefined when chdb is not installed. */
export function runOnChdb(database: string, statements: NamedStatement[]): ChdbResult | undefined {
  const python = process.env.PYTHON ?? 'python3';
  const result = spawnSync(python, [resolve(ROOT, 'test/chdb/run_statements.py')], {
    input: JSON.stringify({ database, statements }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (result.status === 3) return undefined;
  if (result.status !== 0) throw new Error(`chdb runner failed: ${result.stderr}`);
  const lastLine = result.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(lastLine) as ChdbResult;
}
