import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESSOR_NAMES } from '../processors/components.ts';
import { build, ROOT } from './build.ts';

/**
 * The production build (npm run build, deploy/Dockerfile's build stage) into a scratch directory inside the
 * repository (where Node finds package.json and node_modules, as in the image), then its CLI run with Node alone.
 */
const OUT = join(ROOT, '.lateral', 'build-test');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [relative(OUT, join(dir, e.name))],
  );
}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(OUT, 'cli/bin.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LATERAL_CONFIG: '' },
  });

describe('npm run build', () => {
  let emitted: string[] = [];
  beforeAll(() => {
    build(OUT);
    emitted = files(OUT);
  }, 180_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('compiles the CLI, which starts with Node alone and prints its help', () => {
    const help = cli('--help');
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: lateral');
    const process = cli('process', '--help');
    expect(process.status).toBe(0);
    for (const name of PROCESSOR_NAMES) expect(process.stdout).toContain(name);
  });

  it('leaves out TypeScript sources, the tests and the local dev stack', () => {
    expect(emitted.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(emitted.filter((f) => f.startsWith('test/') || f.startsWith('deploy/stack/'))).toEqual([]);
    expect(emitted.filter((f) => /\.test\.js$/.test(f))).toEqual([]);
    // They are loaded on demand from a source checkout only, with a clear error otherwise.
    const stack = cli('stack', 'status');
    expect(stack.status).toBe(2);
    expect(stack.stdout + stack.stderr).toContain('source checkout');
  });

  it('copies the files the runtime reads beside its code', () => {
    const sql = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql'));
    expect(sql(join(OUT, 'schema/migrations'))).toEqual(sql(join(ROOT, 'schema/migrations')));
    expect(existsSync(join(OUT, 'dashboards/public/index.html'))).toBe(true);
    // Every `new URL('./x.json', import.meta.url)` of the compiled code whose source counterpart exists.
    const missing: string[] = [];
    for (const f of emitted.filter((e) => e.endsWith('.js'))) {
      const code = readFileSync(join(OUT, f), 'utf8');
      for (const m of code.matchAll(/new URL\('(\.{1,2}\/[^']+)', import\.meta\.url\)/g)) {
        const target = relative(OUT, resolve(OUT, dirname(f), m[1]!));
        if (!target.endsWith('.js') && existsSync(join(ROOT, target)) && !existsSync(join(OUT, target)))
          missing.push(`${f}: ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('compiles the cluster DDL script the migrate Job runs', () => {
    expect(existsSync(join(OUT, 'deploy/clickhouse-cluster/print-ddl.js'))).toBe(true);
  });
});
