import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildCli } from './main.ts';
import { choiceOption, intOption, numberOption, portOption, timeOption } from './options.ts';

const bin = fileURLToPath(new URL('../bin/lateral.mjs', import.meta.url));

describe('CLI option values', () => {
  it('integers: in range, no fractions, no words, no hex', () => {
    const limit = intOption(1, 10_000);
    expect(limit('20')).toBe(20);
    for (const bad of ['-5', '0', '1.5', 'abc', '', '1e3', '0x10', '10001', 'Infinity', '9'.repeat(20)])
      expect(() => limit(bad), bad).toThrow('must be an integer from 1 to 10000');
    expect(portOption('0')).toBe(0);
    expect(() => portOption('65536')).toThrow(/from 0 to 65535/);
  });

  it('numbers, choices and times', () => {
    expect(numberOption(0, 1)('0.25')).toBe(0.25);
    expect(() => numberOption(0, 1)('NaN')).toThrow(/number from 0 to 1/);
    expect(choiceOption(['a', 'b'])('b')).toBe('b');
    expect(() => choiceOption(['a', 'b'])('c')).toThrow('must be one of a, b');
    const now = Date.parse('2026-03-05T12:00:00Z');
    expect(timeOption('7d', now).toISOString()).toBe('2026-02-26T12:00:00.000Z');
    expect(timeOption('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    for (const bad of ['5', 'abc', '2026-13-01', '9999-01-01', '99999999d', '-7d'])
      expect(() => timeOption(bad, now), bad).toThrow();
  });

  it('every option that takes a number or a time has a parser that refuses bad values', () => {
    const all: { cmd: string; flags: string; parse?: (v: string, prev: unknown) => unknown }[] = [];
    const walk = (cmd: Command, path: string) => {
      for (const o of cmd.options)
        all.push({
          cmd: path,
          flags: o.flags,
          parse: (o as { parseArg?: (v: string, p: unknown) => unknown }).parseArg,
        });
      for (const sub of cmd.commands) walk(sub, `${path} ${sub.name()}`);
    };
    walk(buildCli(), 'lateral');
    const numeric = all.filter((o) =>
      /<(n|count|port|rounds|limit|when|since|until|ms|seconds)>/.test(o.flags),
    );
    expect(numeric.length).toBeGreaterThan(8);
    for (const o of numeric) {
      expect({ option: `${o.cmd} ${o.flags}`, parser: typeof o.parse }).toEqual({
        option: `${o.cmd} ${o.flags}`,
        parser: 'function',
      });
      for (const bad of ['abc', '-5x', ''])
        expect(() => o.parse!(bad, undefined), `${o.cmd} ${o.flags} ${bad}`).toThrow();
    }
  });

  it('the real command stops with a one-line message, no stack trace, before connecting anywhere', () => {
    for (const args of [
      ['care', '--limit', '-5'],
      ['demo', '-n', 'abc'],
    ]) {
      const run = spawnSync(process.execPath, [bin, ...args], {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, CLICKHOUSE_URL: 'http://127.0.0.1:1', KAFKA_BROKERS: '127.0.0.1:1' },
      });
      const out = `${run.stdout}${run.stderr}`;
      expect({ args, code: run.status }).toEqual({ args, code: 1 });
      expect(out).toMatch(/error: option '.*' argument '.*' is invalid\. must be/);
      expect(out).not.toMatch(/\n\s+at /);
    }
  }, 300_000);
});
