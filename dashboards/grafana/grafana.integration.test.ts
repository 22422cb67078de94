import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createClickHouse, type ClickHouseClient } from '../../core/clickhouse.ts';
import { loadConfig } from '../../core/config.ts';
import { sqlString, toClickHouseDateTime } from '../../core/sql.ts';
import { loadMigrations } from '../../schema/migrate.ts';
import { GRAFANA_FILE, grafanaYaml } from '../../deploy/k8s/generate-grafana.ts';
import { ROOT } from '../../test/helpers.ts';
import {
  failuresOnChdb,
  failuresOnServer,
  migrationStatements,
  type NamedStatement,
} from '../../test/portable-sql.ts';

/**
 * Grafana cannot run here, so its dashboards are checked the way Grafana would run them: every panel's,
 * annotation's and variable's SQL with the ClickHouse datasource's macros expanded, on ClickHouse 18.16 and on
 * the modern engine (chdb).
 */
const DIR = join(ROOT, 'dashboards/grafana');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const from = new Date('2026-03-01T00:00:00Z');
const to = new Date('2026-03-08T00:00:00Z');

interface Target {
  rawSql?: string;
  datasource?: { uid?: string };
}

/** The grafana-clickhouse-datasource macros these dashboards use, as the plugin expands them. */
export function expandMacros(text: string, brand: string): string {
  const f = `toDateTime(${sqlString(toClickHouseDateTime(from))}, 'UTC')`;
  const t = `toDateTime(${sqlString(toClickHouseDateTime(to))}, 'UTC')`;
  return text
    .replace(/\$__timeFilter\(([^)]+)\)/g, (_m, col: string) => `${col} >= ${f} AND ${col} <= ${t}`)
    .replace(/\$__fromTime/g, f)
    .replace(/\$__toTime/g, t)
    .replace(/\$\{brand:singlequote\}/g, sqlString(brand));
}

function statementsOf(file: string): NamedStatement[] {
  const dash = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as {
    panels: { title: string; targets: Target[] }[];
    annotations: { list: { name: string; target?: Target }[] };
    templating: { list: { name: string; query: string }[] };
  };
  const out: NamedStatement[] = [];
  for (const p of dash.panels)
    for (const target of p.targets) out.push({ name: `${file} panel ${p.title}`, sql: target.rawSql ?? '' });
  for (const a of dash.annotations.list)
    if (a.target?.rawSql) out.push({ name: `${file} annotation ${a.name}`, sql: a.target.rawSql });
  for (const v of dash.templating.list) out.push({ name: `${file} variable ${v.name}`, sql: v.query });
  return out.map((s) => ({ ...s, sql: expandMacros(s.sql, "lumora' OR '1'='1") }));
}

const database = `lateral_grafana_${Date.now().toString(36)}`;
let admin: ClickHouseClient;
let client: ClickHouseClient;

beforeAll(async () => {
  const config = loadConfig();
  admin = createClickHouse(config, { database: null });
  await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  client = createClickHouse(config, { database });
  for (const m of loadMigrations()) for (const s of m.statements) await client.command({ query: s });
});

afterAll(async () => {
  await admin?.command({ query: `DROP DATABASE IF EXISTS ${database}` });
  await Promise.all([admin?.close(), client?.close()]);
});

describe('Grafana dashboards', () => {
  it('overview and people exist, on the provisioned ClickHouse datasource, every panel with SQL', () => {
    expect(files.sort()).toEqual(['overview.json', 'people.json']);
    const ds = YAML.parse(
      readFileSync(join(ROOT, 'deploy/grafana/provisioning/datasources/clickhouse.yaml'), 'utf8'),
    ).datasources[0] as { uid: string; type: string };
    for (const f of files) {
      const dash = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as {
        panels: { datasource: Target['datasource']; targets: Target[] }[];
      };
      expect(dash.panels.length).toBeGreaterThan(3);
      for (const p of dash.panels) {
        expect(p.datasource?.uid).toBe(ds.uid);
        for (const t of p.targets) expect(t.rawSql?.length).toBeGreaterThan(20);
      }
    }
    for (const s of files.flatMap(statementsOf))
      expect(s.sql, s.name).not.toMatch(/\$__|\$\{|toStartOfInterval/);
  });

  it('every panel query runs on ClickHouse 18.16', async () => {
    expect(await failuresOnServer(client, files.flatMap(statementsOf))).toEqual([]);
  });

  it('every panel query runs on modern ClickHouse (chdb)', (ctx) => {
    const result = failuresOnChdb('lateral', [...migrationStatements(), ...files.flatMap(statementsOf)]);
    if (!result) return ctx.skip();
    expect(result.failures).toEqual([]);
  });

  it('is provisioned by docker-compose and Kubernetes', () => {
    const compose = YAML.parse(readFileSync(join(ROOT, 'deploy/docker-compose.yml'), 'utf8')) as {
      services: Record<string, { volumes?: string[] }>;
    };
    expect(compose.services.grafana?.volumes).toContain(
      '../dashboards/grafana:/var/lib/grafana/dashboards/lateral:ro',
    );
    const provider = YAML.parse(
      readFileSync(join(ROOT, 'deploy/grafana/provisioning/dashboards/lateral.yaml'), 'utf8'),
    );
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards/lateral');
    expect(
      readFileSync(GRAFANA_FILE, 'utf8'),
      'deploy/k8s/grafana.yaml is stale: npx tsx deploy/k8s/generate-grafana.ts',
    ).toBe(grafanaYaml());
    const kustomization = YAML.parse(readFileSync(join(ROOT, 'deploy/k8s/kustomization.yaml'), 'utf8'));
    expect(kustomization.resources).toContain('grafana.yaml');
    const docs = YAML.parseAllDocuments(readFileSync(GRAFANA_FILE, 'utf8')).map((d) => d.toJS());
    const dashboards = docs.find((d) => d.metadata?.name === 'grafana-dashboards');
    expect(Object.keys(dashboards.data).sort()).toEqual(files.sort());
  });
});
