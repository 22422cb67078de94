import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.ts';
import { runOnChdb } from '../test/portable-sql.ts';
import { clusterMigrations } from './cluster.ts';

/**
 * Syntax check of the cluster DDL on real ClickHouse parsers: the stack's 18.16 server and the modern engine
 * in chdb. Neither has this cluster (nor Keeper), so every statement fails after parsing; only a syntax error
 * (Code: 62) counts. The cluster name is unique so no server could ever execute these statements.
 */
const CLUSTER = `lateral_syntax_check_${Date.now().toString(36)}`;
const statements = clusterMigrations(CLUSTER, 'lateral_syntax_check');
const { url, username, password } = loadConfig().clickhouse;

async function post(sql: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, {
    method: 'POST',
    body: sql,
    headers: { 'X-ClickHouse-User': username, 'X-ClickHouse-Key': password },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: await res.text() };
}

const isSyntaxError = (text: string) => /Code: 62\b/.test(text);

beforeAll(async () => {
  try {
    const { body } = await post('SELECT 1');
    if (body.trim() !== '1') throw new Error(body.slice(0, 200));
  } catch (err) {
    throw new Error(
      `ClickHouse is not reachable at ${url} (${(err as Error).message}); the integration setup starts it (\`node bin/lateral.mjs stack up\`), or set CLICKHOUSE_URL`,
      { cause: err },
    );
  }
});

describe('cluster DDL on real parsers', () => {
  it('a syntax error is detected (the check can fail)', async () => {
    const broken = statements[1]!.replace('ENGINE', 'ENGINE ENGINE');
    expect(isSyntaxError((await post(broken)).body)).toBe(true);
  });

  it('the ClickHouse server parses every statement', async () => {
    const failures: string[] = [];
    for (const sql of statements) {
      const { status, body } = await post(sql);
      if (status === 200 || !isSyntaxError(body)) continue;
      failures.push(`${sql.slice(0, 60)}…: ${body.split('\n')[0]}`);
    }
    expect(failures).toEqual([]);
  });

  it('modern ClickHouse (chdb) parses every statement', (ctx) => {
    const result = runOnChdb(
      'lateral_syntax_check',
      statements.map((sql, i) => ({ name: `#${i + 1}`, sql })),
    );
    if (!result) {
      if (process.env.CI) throw new Error('chdb is required in CI (pip install chdb)');
      return ctx.skip();
    }
    const failures = result.results.filter((r) => r.error && isSyntaxError(r.error));
    expect(failures).toEqual([]);
    expect(result.results).toHaveLength(statements.length);
  });
});
