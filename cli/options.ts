import { InvalidArgumentError } from 'commander';

/**
 * Parsers for CLI option values, given to commander (`.option('--limit <n>', '…', intOption(1, 10_000), 20)`):
 * a bad value stops the command before it runs, with commander's one-line message
 * (`error: option '--limit <n>' argument '-5' is invalid. must be an integer from 1 to 10000`), so nothing
 * unchecked reaches SQL or a loop bound, and no value ends in a stack trace.
 */

/** An integer within [min, max]; `1.5`, `abc`, `1e3`, `0x10` and values out of range are refused. */
export function intOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

/** A decimal number within [min, max] (`0.5`, `2`); `NaN`, `Infinity` and hex are refused. */
export function numberOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`must be a number from ${min} to ${max}`);
    return n;
  };
}

/** A TCP port; 0 picks a free one. */
export const portOption = intOption(0, 65_535);

/** One of a fixed set of words. */
export function choiceOption<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`must be one of ${choices.join(', ')}`);
    return value as T;
  };
}

/** Earliest and latest instants a `--since`/`--until` may name: what a ClickHouse DateTime holds. */
const MIN_TIME = 0;
const MAX_TIME = Date.UTC(2106, 1, 7);
const AGE_UNITS = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** `--since`/`--until`: an ISO date/time, or an age back from now (`2w`, `7d`, `12h`, `30m`). */
export function timeOption(value: string, now = Date.now()): Date {
  const text = value.trim();
  const age = /^(\d{1,6})([wdhm])$/.exec(text);
  if (age) {
    const at = now - Number(age[1]) * AGE_UNITS[age[2] as keyof typeof AGE_UNITS];
    if (at < MIN_TIME) throw new InvalidArgumentError('is further back than 1970');
    return new Date(at);
  }
  // Only date-shaped text: `new Date('5')` would be the year 2005.
  const date = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? new Date(text) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(
      'must be an ISO date or date-time (2026-03-01, 2026-03-01T10:00Z) or an age (7d, 12h, 30m)',
    );
  if (date.getTime() < MIN_TIME || date.getTime() > MAX_TIME)
    throw new InvalidArgumentError('must be between 1970 and 2106');
  return date;
}
