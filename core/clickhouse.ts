import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { LateralConfig } from '../schema/config.ts';
import { registerSecret } from './redact.ts';

export type { ClickHouseClient };

export interface ClickHouseOptions {
  /** Overrides the configured database; `null` connects without one (to create it). */
  database?: string | null;
  username?: string;
  password?: string;
}

export function createClickHouse(config: LateralConfig, options: ClickHouseOptions = {}): ClickHouseClient {
  const database = options.database === undefined ? config.clickhouse.database : options.database;
  registerSecret(options.password ?? config.clickhouse.password);
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
 * Server error codes that mean "these rows are bad" (a value that cannot be parsed, converted or stored):
 * retrying cannot help, so the sink bisects the batch and dead-letters the rows that fail alone.
 */
const DATA_ERROR_CODES = new Set([
  6, // CANNOT_PARSE_TEXT
  19, // SIZE_OF_FIXED_STRING_DOESNT_MATCH
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE (e.g. a lone UTF-16 surrogate "\ud83d")
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  32, // ATTEMPT_TO_READ_AFTER_EOF
  33, // CANNOT_READ_ALL_DATA
  36, // BAD_ARGUMENTS
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  128, // TOO_LARGE_ARRAY_SIZE
  130, // CANNOT_READ_ARRAY_FROM_TEXT
  131, // TOO_LARGE_STRING_SIZE
  190, // SIZES_OF_ARRAYS_DOESNT_MATCH
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  376, // CANNOT_PARSE_UUID
  377, // CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING
  467, // CANNOT_PARSE_BOOL
  691, // UNKNOWN_ELEMENT_OF_ENUM
]);

/**
 * Server error codes of a passing condition (overload, timeouts, a table or column not migrated yet, access,
 * replication, shutdown): retried with backoff for as long as they last.
 */
const TRANSIENT_ERROR_CODES = new Set([
  3, // UNEXPECTED_END_OF_FILE (connection cut)
  8, // THERE_IS_NO_COLUMN
  16, // NO_SUCH_COLUMN_IN_TABLE
  47, // UNKNOWN_IDENTIFIER
  60, // UNKNOWN_TABLE
  81, // UNKNOWN_DATABASE
  159, // TIMEOUT_EXCEEDED
  164, // READONLY
  192, // UNKNOWN_USER
  193, // WRONG_PASSWORD
  194, // REQUIRED_PASSWORD
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  225, // NO_ZOOKEEPER
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  252, // TOO_MANY_PARTS
  285, // TOO_FEW_LIVE_REPLICAS
  286, // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
  319, // UNKNOWN_STATUS_OF_INSERT
  394, // QUERY_WAS_CANCELLED
  425, // SYSTEM_ERROR
  439, // CANNOT_SCHEDULE_TASK
  497, // ACCESS_DENIED
  516, // AUTHENTICATION_FAILED
  999, // KEEPER_EXCEPTION
  1000, // POCO_EXCEPTION
]);

/**
 * What an insert error means: `data` (the rows are bad: bisect and dead-letter), `transient` (no server code,
 * i.e. network or HTTP level, or a code of a passing condition: retry) or `unknown` (a server code in neither
 * list: retry a few times, then treat as data so one odd row cannot stall a sink for ever).
 */
export function classifyClickHouseError(err: unknown): 'data' | 'transient' | 'unknown' {
  const code = clickHouseErrorCode(err);
  if (code === undefined) return 'transient';
  if (DATA_ERROR_CODES.has(code)) return 'data';
  if (TRANSIENT_ERROR_CODES.has(code)) return 'transient';
  return 'unknown';
}

export function isClickHouseDataError(err: unknown): boolean {
  return classifyClickHouseError(err) === 'data';
}

/** Runs a SELECT and returns its rows (JSONEachRow; 64-bit integers arrive as strings). */
export async function queryRows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const rs = await client.query({ query, format: 'JSONEachRow' });
  return rs.json<T>();
}
