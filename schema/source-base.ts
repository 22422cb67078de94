/**
 * The parts every source config shares; each platform's own config schema (platforms/<name>/config.ts)
 * extends one of these bases.
 */
import { validate as validCron } from 'node-cron';
import { z } from 'zod';

/** An absolute http(s) URL: `localhost:8123` (no scheme) is refused here, not at the first request. */
export const HttpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http:// or https:// URL, e.g. http://localhost:8123',
});

export const SourceBase = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'source id must be letters, digits, _ . or -'),
  /** node-cron expression; absent means run once (backfill) or continuously for streams. */
  schedule: z
    .string()
    .refine((e) => validCron(e), 'invalid cron expression')
    .optional(),
  enabled: z.boolean().default(true),
});

/** Names an environment variable; secrets never sit in the config file itself. */
export const EnvVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/** Backfill horizon: a duration back from now (`90m`, `12h`, `7d`, `2w`) or an ISO date/date-time. */
export const Backfill = z
  .string()
  .refine(
    (v) => /^\d+\s*[smhdw]$/.test(v.trim()) || !Number.isNaN(Date.parse(v.trim())),
    'must be a duration like 7d, 12h, 30m or an ISO date',
  );

/** What every polling HTTP connector shares (ingest/README.md "Writing a connector"). */
export const HttpSourceBase = SourceBase.extend({
  /** How far back the first run goes; later runs continue from the cursor. */
  backfill: Backfill.default('1d'),
  /** Upper bound of new items buffered per query and pass (oldest beyond it are skipped, with a warning). */
  maxItemsPerPass: z.number().int().positive().default(10_000),
  /** Items remembered per source to skip repeats within a process. */
  dedupCapacity: z.number().int().positive().default(50_000),
  userAgent: z.string().min(1).optional(),
  http: z
    .strictObject({
      maxPerHost: z.number().int().positive().default(2),
      maxAttempts: z.number().int().positive().default(5),
      baseDelayMs: z.number().int().positive().default(1000),
      maxDelayMs: z.number().int().positive().default(60_000),
      timeoutMs: z.number().int().positive().default(30_000),
    })
    .prefault({}),
});
