import { z } from 'zod';

const EnvVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/** `scrypt$N$r$p$salt$hash` (salt and hash base64), as printed by `lateral dashboard hash-password`. */
export const SCRYPT_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

/**
 * `lateral dashboard`: where it listens, who may read it, and as which ClickHouse user it reads. Loopback by
 * default; any other address needs a token or a user with a password hash (dashboards/README.md).
 */
export const DashboardConfig = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 picks a free port (tests). */
    port: z.number().int().min(0).max(65535).default(8080),
    /** Environment variable holding a bearer token (also accepted as the Basic-auth password). */
    tokenEnv: EnvVarName.default('LATERAL_DASHBOARD_TOKEN'),
    /** Basic-auth user, with `passwordHash`. */
    user: z.string().min(1).optional(),
    passwordHash: z.string().regex(SCRYPT_HASH, 'must be scrypt$N$r$p$salt$hash').optional(),
    /** Read-only ClickHouse user the dashboard queries as (the stack's `analyst`). */
    clickhouseUser: z.string().min(1).default('analyst'),
    clickhousePasswordEnv: EnvVarName.default('LATERAL_DASHBOARD_CLICKHOUSE_PASSWORD'),
    /** Requests per minute and client address. */
    rateLimitPerMinute: z.number().int().positive().default(600),
    /** Largest CSV export, rows. */
    exportMaxRows: z.number().int().positive().max(1_000_000).default(100_000),
  })
  .refine((c) => !c.user === !c.passwordHash, {
    path: ['passwordHash'],
    message: 'a dashboard user needs a passwordHash (and a passwordHash a user)',
  });
export type DashboardConfig = z.infer<typeof DashboardConfig>;
