import { loadConfig } from '../core/config.ts';
import type { LateralConfig } from '../schema/config.ts';

export interface GlobalOptions {
  config?: string;
}

export function configFrom(options: GlobalOptions): LateralConfig {
  return loadConfig(options.config ? { file: options.config } : {});
}

/** Progress and results go to stderr as plain lines; logs are pino JSON on stdout. */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
