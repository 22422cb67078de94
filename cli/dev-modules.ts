import type { LateralConfig, Layout } from '../schema/config.ts';

/**
 * Modules of the source checkout that are not part of the runtime: the local development stack (`lateral
 * stack`, `lateral demo`) and the benchmark (`lateral bench`). They are loaded only by the commands that need
 * them, through a specifier the compiler does not follow, so the production build (`npm run build`,
 * deploy/Dockerfile) leaves them out. Their shapes are declared here; cli/dev-modules.test.ts checks them against
 * the modules.
 */
export interface StackModule {
  stackUp(config: LateralConfig, log?: (line: string) => void): Promise<{ report: string[] }>;
  stackDown(config: LateralConfig): Promise<string[]>;
  stackStatus(config: LateralConfig): Promise<string[]>;
}

export interface BenchModule {
  runBench(config: LateralConfig, options: { count: number; layouts?: readonly Layout[] }): Promise<void>;
}

/** Paths from the repository root. */
export const DEV_MODULES = {
  stack: 'deploy/stack/stack.ts',
  bench: 'test/bench/pipeline-bench.ts',
} as const;

/** A module of the source checkout asked for in the production build. */
export class DevModuleMissing extends Error {
  override name = 'DevModuleMissing';
}

/** An error the user must fix (exit code 2, no stack trace): raised by the dev stack (`StackError`) or here. */
export const isStackError = (err: unknown): err is Error =>
  err instanceof DevModuleMissing || (err instanceof Error && err.name === 'StackError');

const ROOT = new URL('../', import.meta.url);

async function load<M>(path: string, what: string): Promise<M> {
  const url = new URL(path, ROOT);
  try {
    return (await import(url.href)) as M;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_FILE_EXTENSION') &&
      String(err).includes(path)
    )
      throw new DevModuleMissing(
        `${what} is part of the source checkout, not of the production build: run it with node bin/lateral.mjs`,
      );
    throw err;
  }
}

export const loadStack = () => load<StackModule>(DEV_MODULES.stack, 'the local stack');
export const loadBench = () => load<BenchModule>(DEV_MODULES.bench, 'the benchmark');
