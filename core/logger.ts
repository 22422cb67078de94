import pino, { type Logger } from 'pino';
import { maskRegisteredSecrets, REDACTED, redactText, redactValue } from './redact.ts';

export type { Logger };

const REDACT_PATHS = [
  'password',
  '*.password',
  'headers.authorization',
  '*.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'config.clickhouse.password',
];

/** Where log lines go: stdout, until `logToFile` splits them between a file and the terminal. */
const stdout = pino.destination({ dest: 1, sync: true });
let write = (line: string): void => void stdout.write(line);

const root = pino(
  {
    level: process.env.LATERAL_LOG_LEVEL ?? (process.env.VITEST ? 'error' : 'info'),
    base: { app: 'lateral' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Credentials never reach a log line (core/redact.ts): known fields by path, secrets inside any string
    // (URLs with keys, quoted headers), and the values of secrets read from the environment.
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    formatters: { log: (record) => redactValue(record) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as typeof args);
      },
    },
  },
  { write: (line: string) => write(maskRegisteredSecrets(line)) },
);

const LEVEL_NAMES: Record<number, string> = { 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * Every log line to `path` (JSON), and warnings and errors also to stderr as one readable line each, so an
 * interactive command (the demo) keeps its terminal for its own output.
 */
export function logToFile(path: string): void {
  const file = pino.destination({ dest: path, mkdir: true, sync: false });
  // The same warning many times (every deliberately malformed demo item) shows three times, then a pointer.
  const seen = new Map<string, number>();
  write = (line) => {
    file.write(line);
    const level = Number(/^\{"level":(\d+)/.exec(line)?.[1] ?? 0);
    if (level < 40) return;
    try {
      const entry = JSON.parse(line) as { component?: string; msg?: string; err?: { message?: string } };
      const detail = entry.err?.message ? `: ${entry.err.message}` : '';
      const key = `${entry.component}|${entry.msg}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 3) {
        if (n === 4)
          process.stderr.write(
            `  (more "${entry.msg ?? ''}" from ${entry.component ?? 'lateral'} in ${path})\n`,
          );
        return;
      }
      process.stderr.write(
        `${LEVEL_NAMES[level] ?? 'error'} [${entry.component ?? 'lateral'}] ${entry.msg ?? ''}${detail}\n`,
      );
    } catch {
      process.stderr.write(line);
    }
  };
}

/** A pino JSON logger bound to one component (`normalize`, `sink.posts`, `ingest.demo`, ...). */
export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return root.child({ component, ...bindings });
}
