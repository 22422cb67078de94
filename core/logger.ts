import pino, { type Logger } from 'pino';

export type { Logger };

const root = pino({
  level: process.env.LATERAL_LOG_LEVEL ?? (process.env.VITEST ? 'error' : 'info'),
  base: { app: 'lateral' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** A pino JSON logger bound to one component (`normalize`, `sink.posts`, `ingest.demo`, ...). */
export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return root.child({ component, ...bindings });
}
