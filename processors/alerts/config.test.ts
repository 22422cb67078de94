import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config.ts';
import { Alert, alertExamples } from '../../schema/alert.ts';
import { DEFAULT_RULES, resolveRules } from './rules.ts';

const brands = [
  { name: 'acme', query: 'acme' },
  { name: 'kettle', query: 'kettle' },
];

describe('alert rules in the config', () => {
  it('gives every brand the default rules, on authentic counts, when none are written', () => {
    const rules = resolveRules(parseConfig({ brands }));
    expect(rules).toHaveLength(DEFAULT_RULES.length * 2);
    expect(new Set(rules.map((r) => r.brand))).toEqual(new Set(['acme', 'kettle']));
    expect(rules.every((r) => r.rule.counts === 'authentic')).toBe(true);
    expect(parseConfig({}).alerts.schedule).toBe('* * * * *');
  });

  it('takes raw counts on request and limits a rule to its brands', () => {
    const config = parseConfig({
      brands,
      alerts: { rules: [{ name: 'raw-volume', series: 'volume', counts: 'raw', brands: ['kettle'] }] },
    });
    expect(resolveRules(config)).toEqual([
      { brand: 'kettle', rule: expect.objectContaining({ name: 'raw-volume', counts: 'raw' }) },
    ]);
  });

  it.each([
    [{ rules: [{ name: 'x', series: 'volume', windowMinutes: 0 }] }, /alerts\.rules\[0\]\.windowMinutes/],
    [{ rules: [{ name: 'x', series: 'sentiment' }] }, /alerts\.rules\[0\]\.series/],
    [{ rules: [{ name: 'Bad Name', series: 'volume' }] }, /alerts\.rules\[0\]\.name/],
    [
      { rules: [{ name: 'x', series: 'volume', severity: { warning: 5, critical: 2 } }] },
      /alerts\.rules\[0\]\.severity\.critical/,
    ],
    [{ schedule: 'every minute' }, /alerts\.schedule/],
    [{ webhooks: [{ name: 'ops', url: 'not a url' }] }, /alerts\.webhooks\[0\]\.url/],
    [{ email: [{ name: 'm', host: 'smtp', from: 'a@b.c', to: [] }] }, /alerts\.email\[0\]\.to/],
  ])('a bad rule fails at start naming the field (%#)', (alerts, field) => {
    expect(() => parseConfig({ brands, alerts })).toThrow(ConfigError);
    expect(() => parseConfig({ brands, alerts })).toThrow(field);
  });

  it('names an unknown brand in a rule', () => {
    const config = parseConfig({
      brands,
      alerts: { rules: [{ name: 'x', series: 'volume', brands: ['acme', 'nope'] }] },
    });
    expect(() => resolveRules(config)).toThrow(/alerts\.rules\[0\]\.brands\[1\]: unknown brand "nope"/);
  });

  it('`lateral process alerts` with a bad rule exits at start naming the field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lateral-alert-rules-')), 'lateral.json');
    writeFileSync(
      file,
      JSON.stringify({ brands, alerts: { rules: [{ name: 'x', series: 'volume', minRatio: 0.5 }] } }),
    );
    const run = spawnSync(
      process.execPath,
      [resolve(import.meta.dirname, '../../bin/lateral.mjs'), '-c', file, 'process', 'alerts'],
      { encoding: 'utf8', timeout: 170_000, env: { ...process.env, LATERAL_LOG_LEVEL: 'error' } },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/alerts\.rules\[0\]\.minRatio/);
  }, 180_000);

  it('has valid example alerts', () => {
    for (const e of alertExamples) expect(Alert.safeParse(e).success).toBe(true);
  });
});
