import { loadConfig } from '../core/config.ts';
import type { LateralConfig } from '../schema/config.ts';
import { timeOption } from './options.ts';

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

/** `--since`: an ISO date/time, or an age back from now (`7d`, `12h`, `30m`); cli/options.ts checks it. */
export function parseSince(value: string): Date {
  return timeOption(value);
}

/** Rows as an aligned text table (CLI summaries). */
export function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '  (none)';
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => String(r[c]).length))));
  const line = (values: string[]) => `  ${values.map((v, i) => v.slice(0, 60).padEnd(width[i]!)).join('  ')}`;
  return [line(cols), ...rows.map((r) => line(cols.map((c) => String(r[c]).replace(/\s+/g, ' '))))].join(
    '\n',
  );
}
