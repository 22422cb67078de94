import { InvalidArgumentError } from 'commander';
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

/** `--since`: an ISO date/time, or an age back from now (`7d`, `12h`, `30m`). */
export function parseSince(value: string): Date {
  const age = /^(\d+)([dhm])$/.exec(value.trim());
  if (age) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[age[2] as 'd' | 'h' | 'm'];
    return new Date(Date.now() - Number(age[1]) * unit);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`not a date or an age (7d, 12h, 30m): ${value}`);
  return date;
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
