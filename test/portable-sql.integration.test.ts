import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse, type ClickHouseClient } from '../core/clickhouse.ts';
import { loadConfig } from '../core/config.ts';
import { failuresOnChdb, failuresOnServer, runOnChdb, shippedStatements } from './portable-sql.ts';

/**
 * docs/architecture.md §5: every DDL and query the project ships runs on ClickHouse 18.16 (the Debian server the stack
 * starts) and on modern ClickHouse (the engine inside PyPI's chdb). CI installs chdb, so there it must run.
 */
const database = `lateral_portable_${Date.now().toString(36)}`;
const statements = shippedStatements();
let server: ClickHouseClient;
let client: ClickHouseClient;

beforeAll(async () => {
  const config = loadConfig();
  server = createClickHouse(config, { database: null });
  await server.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  client = createClickHouse(config, { database });
});

afterAll(async () => {
  await server?.command({ query: `DROP DATABASE IF EXISTS ${database}` });
  await Promise.all([server?.close(), client?.close()]);
});

describe('portable SQL', () => {
  it('ships DDL, inserts and queries', () => {
    expect(statements.length).toBeGreaterThan(10);
  });

  it('runs every statement on the ClickHouse server of the stack', async () => {
    expect(await failuresOnServer(client, statements)).toEqual([]);
  });

  it('runs every statement on modern ClickHouse (chdb)', (ctx) => {
    const result = failuresOnChdb('lateral', statements);
    if (!result) return ctx.skip();
    console.log(`modern engine: ${result.engine}`);
    expect(result.failures).toEqual([]);
    expect(result.ran).toBe(statements.length);
  });

  it('can fail: a modern-only function is rejected by 18.16-era servers, a typo by both', async (ctx) => {
    const version =
      (
        await (
          await client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })
        ).json<{ v: string }>()
      )[0]?.v ?? '';
    const typo = { name: 'typo', sql: 'SELEC 1' };
    await expect(client.command({ query: typo.sql })).rejects.toThrow();
    if (version.startsWith('18.')) {
      await expect(
        client.command({ query: 'SELECT toStartOfInterval(now(), INTERVAL 1 HOUR)' }),
      ).rejects.toThrow();
    }
    const result = runOnChdb('lateral', [typo]);
    if (!result) return ctx.skip();
    expect(result.results[0]?.ok).toBe(false);
  });
});
