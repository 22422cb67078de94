import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClickHouse, queryRows, type ClickHouseClient } from '../core/clickhouse.ts';
import type { LateralConfig } from './config.ts';
import { sql, sqlIdentifier } from '../core/sql.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

/**
 * Splits a SQL file into statements at `;` outside quotes and comments. Comments are kept out of the
 * statements so every engine sees plain SQL.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      current += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    return {
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
      statements: splitStatements(text),
    };
  });
}

export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations
(
    version UInt32,
    name String,
    checksum String,
    applied_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version`;

export interface MigrateResult {
  database: string;
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file changed since (a new numbered file is the way to change a schema). */
  changed: string[];
}

/** `ALTER TABLE … ADD COLUMN` of one column (18.16 has no `ADD COLUMN IF NOT EXISTS`). */
const ADD_COLUMN = /^ALTER\s+TABLE\s+\S+\s+ADD\s+COLUMN\s+[^,]+$/i;

/**
 * Runs one migration statement. A repeated single-column ADD COLUMN (a crash between applying a migration and
 * recording it) fails with "already exists" on every engine; that column is there, so the statement is done.
 */
async function applyStatement(client: ClickHouseClient, statement: string): Promise<void> {
  try {
    await client.command({ query: statement });
  } catch (err) {
    if (ADD_COLUMN.test(statement) && /column with this name already exists/i.test(String(err))) return;
    throw err;
  }
}

/**
 * Applies pending migrations in order and records each in `schema_migrations`. Safe to re-run: statements
 * are idempotent (IF NOT EXISTS), so a crash between applying and recording only repeats harmless DDL.
 * Statements are written unqualified and run with `database` as the connection's default database.
 */
export async function migrate(
  config: LateralConfig,
  database = config.clickhouse.database,
  migrations = loadMigrations(),
): Promise<MigrateResult> {
  const db = sqlIdentifier(database);
  const server = createClickHouse(config, { database: null });
  const client = createClickHouse(config, { database: db });
  try {
    await server.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` });
    await client.command({ query: SCHEMA_MIGRATIONS_DDL });
    const recorded = await queryRows<{ version: number; checksum: string }>(
      client,
      'SELECT version, argMax(checksum, applied_at) AS checksum FROM schema_migrations GROUP BY version',
    );
    const byVersion = new Map(recorded.map((r) => [Number(r.version), r.checksum]));
    const result: MigrateResult = { database, applied: [], alreadyApplied: [], changed: [] };
    for (const m of migrations) {
      const checksum = byVersion.get(m.version);
      if (checksum !== undefined) {
        result.alreadyApplied.push(m.name);
        if (checksum !== m.checksum) result.changed.push(m.name);
        continue;
      }
      for (const statement of m.statements) await applyStatement(client, statement);
      await client.command({
        query: sql`INSERT INTO schema_migrations (version, name, checksum, applied_at) SELECT ${m.version}, ${m.name}, ${m.checksum}, now()`,
      });
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await Promise.all([server.close(), client.close()]);
  }
}
