import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from './config.ts';

describe('config', () => {
  it('has working defaults for the local stack', () => {
    const config = parseConfig({});
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.clickhouse.url).toBe('http://127.0.0.1:18123');
    expect(config.sink).toEqual({ batchRows: 10_000, batchMs: 1000, maxInFlight: 2 });
    expect(config.kafka.external).toBe(false);
  });

  it('takes servers from the environment and marks them external', () => {
    const config = loadConfig({
      env: {
        KAFKA_BROKERS: 'k1:9092, k2:9092',
        CLICKHOUSE_URL: 'http://ch:8123',
        CLICKHOUSE_PASSWORD: 's3cret',
      },
    });
    expect(config.kafka).toMatchObject({ brokers: ['k1:9092', 'k2:9092'], external: true });
    expect(config.clickhouse).toMatchObject({ url: 'http://ch:8123', password: 's3cret', external: true });
  });

  it('chooses the processor layout, components by default', () => {
    expect(parseConfig({}).layout).toBe('components');
    expect(loadConfig({ env: { LATERAL_LAYOUT: 'one-box' } }).layout).toBe('one-box');
    expect(() => loadConfig({ env: { LATERAL_LAYOUT: 'one-process' } })).toThrow(/layout/);
  });

  it('names the bad field', () => {
    expect(() => parseConfig({ sources: [{ type: 'simulator', id: 'ok', count: -3 }] })).toThrow(
      /sources\[0\]\.count/,
    );
    expect(() => parseConfig({ clickhouse: { database: 'x; DROP' } })).toThrow(/clickhouse\.database/);
    expect(() => parseConfig({ sources: [{ type: 'nope', id: 'a' }] })).toThrow(/sources\[0\]/);
    expect(() => parseConfig({ sources: [{ type: 'simulator', id: 'a', schedule: 'every day' }] })).toThrow(
      /sources\[0\]\.schedule/,
    );
  });

  it('reads YAML files and reports unreadable ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-config-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(
      file,
      'namespace: demo\nsources:\n  - type: file\n    id: backfill\n    path: /tmp/x.jsonl\n',
    );
    const config = loadConfig({ file, env: {} });
    expect(config.namespace).toBe('demo');
    expect(config.sources[0]).toMatchObject({ type: 'file', source: 'import', pageSize: 1000 });
    writeFileSync(file, 'sources: [');
    expect(() => loadConfig({ file, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ file: join(dir, 'missing.yaml'), env: {} })).toThrow(/cannot read config file/);
  });
});
