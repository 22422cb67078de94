/**
 * The production build: `npm run build` compiles the CLI and what it imports to JavaScript in dist/
 * (tsconfig.build.json) and copies the files the runtime reads beside its code (migrations, sentiment models,
 * the dashboard's static files). deploy/Dockerfile ships dist/ with the production dependencies only; the
 * local stack and the benchmark are loaded on demand from a source checkout (cli/dev-modules.ts) and are not in it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');

/** Top-level directories whose emitted code needs no asset beside it, or whose other files must stay out. */
const NO_ASSETS = new Set(['deploy', 'test', 'node_modules', 'dist']);

/** A file the runtime may read beside its code: anything but sources, docs and dotfiles. */
export const isAsset = (name: string) => !/\.(ts|md)$/.test(name) && !name.startsWith('.');

function copyAssets(from: string, to: string): number {
  let n = 0;
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const source = join(from, e.name);
    if (e.isDirectory()) n += copyAssets(source, join(to, e.name));
    else if (e.isFile() && isAsset(e.name)) {
      cpSync(source, join(to, e.name));
      n++;
    }
  }
  return n;
}

/** Builds into `outDir` (default dist/; inside the repository, where Node finds package.json and node_modules). */
export function build(outDir = DIST): { assets: number; roots: string[] } {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status})`);
  // The runtime's top-level directories: those the compiler emitted code into.
  const roots = readdirSync(outDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !NO_ASSETS.has(e.name) && existsSync(join(ROOT, e.name)))
    .map((e) => e.name);
  let assets = 0;
  for (const r of roots) assets += copyAssets(join(ROOT, r), join(outDir, r));
  return { assets, roots };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { assets, roots } = build();
  console.log(`dist/: ${roots.join(', ')} compiled, ${assets} assets copied`);
}
