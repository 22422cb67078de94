import { describe, expect, it } from 'vitest';
import { loadMigrations, splitStatements } from './migrate.ts';

describe('splitStatements', () => {
  it('splits at semicolons outside quotes and drops comments', () => {
    const text =
      "-- header; not a statement\nCREATE TABLE a (x String DEFAULT ';');\n/* block; */ SELECT 'it\\'s; fine';\n\n";
    expect(splitStatements(text)).toEqual(["CREATE TABLE a (x String DEFAULT ';')", "SELECT 'it\\'s; fine'"]);
  });
});

describe('migrations', () => {
  it('are numbered, in order, non-empty and idempotent DDL', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.statements.length).toBeGreaterThan(0);
      for (const s of m.statements) expect(s).toMatch(/IF NOT EXISTS|^ALTER|^INSERT|^DROP TABLE IF EXISTS/);
    });
  });

  it('use nothing ClickHouse 18.16 lacks', () => {
    const forbidden = [
      /\bTTL\b/,
      /LowCardinality/,
      /DateTime64/,
      /\bMap\(/,
      /toStartOfInterval/,
      /JSONExtract/,
      /\{[a-z_]+:[A-Za-z]/,
    ];
    for (const m of loadMigrations())
      for (const s of m.statements) for (const f of forbidden) expect(s).not.toMatch(f);
  });
});
