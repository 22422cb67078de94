import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { LateralConfig } from '../schema/config.ts';

export type { ClickHouseClient };

export interface ClickHouseOptions {
  /** Overrides the configured database; `null` connects without one (to create it). */
  database?: string | null;
  username?: string;
  password?: string;
}

export function createClickHouse(config: LateralConfig, options: ClickHouseOptions = {}): ClickHouseClient {
  const database = options.database === undefined ? config.clickhouse.database : options.database;
  return createClient({
    url: config.clickhouse.url,
    username: options.username ?? config.clickhouse.username,
    password: options.password ?? config.clickhouse.password,
    ...(database ? { database } : {}),
    request_timeout: 60_000,
    compression: { request: false, response: false },
    max_open_connections: 8,
    application: 'lateral',
    // Failures surface as exceptions that our own pino logs report with context; the client's console log would duplicate them.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/** Server error code from a ClickHouse exception ("Code: 27, e.displayText() = ..." on 18.16, typed on newer). */
export function clickHouseErrorCode(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  const message = (err as { message?: unknown }).message;
  const match = typeof message === 'string' ? /Code: (\d+)/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * Errors caused by the rows themselves (bad type or format): retrying cannot help, so the sink isolates the
 * rows and sends them to the DLQ. Everything else (network, overload, too many parts, timeouts, a table not
 * yet migrated) is transient and retried with backoff.
 */
const DATA_ERROR_CODES = new Set([
  6, // CANNOT_PARSE_TEXT
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  32, // ATTEMPT_TO_READ_AFTER_EOF
  33, // CANNOT_READ_ALL_DATA
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  131, // TOO_LARGE_STRING_SIZE
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  36, // BAD_ARGUMENTS
]);

export function isClickHouseDataError(err: unknown): boolean {
  const code = clickHouseErrorCode(err);
  return code !== undefined && DATA_ERROR_CODES.has(code);
}

/** Waits until the server answers a query, or throws after `timeoutMs`. */
export async function waitForClickHouse(client: ClickHouseClient, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const rs = await client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
      const rows = await rs.json<{ v: string }>();
      return rows[0]?.v ?? 'unknown';
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `ClickHouse not reachable within ${timeoutMs} ms: ${(lastError as Error)?.message ?? 'no answer'}`,
  );
}

/** Runs a SELECT and returns its rows (JSONEachRow; 64-bit integers arrive as strings). */
export async function queryRows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const rs = await client.query({ query, format: 'JSONEachRow' });
  return rs.json<T>();
}
