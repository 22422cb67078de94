import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { LateralConfig, type LateralConfigInput } from '../schema/config.ts';
import { formatIssues } from './issues.ts';

/** Kept here for its existing importers; the helper itself is in core/issues.ts (no config dependency). */
export { formatIssues };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(input: unknown, origin = 'config'): LateralConfig {
  const parsed = LateralConfig.safeParse(input);
  if (!parsed.success) throw new ConfigError(`invalid ${origin}:\n${formatIssues(parsed.error, '  ')}`);
  return parsed.data;
}

type Env = Record<string, string | undefined>;

/** Applies the documented environment variables on top of the file config (env wins). */
export function applyEnv(raw: Record<string, unknown>, env: Env): Record<string, unknown> {
  const out = structuredClone(raw) as Record<string, Record<string, unknown> | unknown>;
  const section = (name: string): Record<string, unknown> => {
    const existing = out[name];
    if (existing && typeof existing === 'object') return existing as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    out[name] = created;
    return created;
  };
  if (env.LATERAL_NAMESPACE !== undefined) out.namespace = env.LATERAL_NAMESPACE;
  if (env.LATERAL_LAYOUT) out.layout = env.LATERAL_LAYOUT;
  if (env.KAFKA_BROKERS) {
    section('kafka').brokers = env.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    section('kafka').external = true;
  }
  if (env.CLICKHOUSE_URL) {
    section('clickhouse').url = env.CLICKHOUSE_URL;
    section('clickhouse').external = true;
  }
  if (env.CLICKHOUSE_USER) section('clickhouse').username = env.CLICKHOUSE_USER;
  if (env.CLICKHOUSE_PASSWORD !== undefined) section('clickhouse').password = env.CLICKHOUSE_PASSWORD;
  if (env.CLICKHOUSE_DATABASE) section('clickhouse').database = env.CLICKHOUSE_DATABASE;
  if (env.LATERAL_STACK_DIR) section('stack').dir = env.LATERAL_STACK_DIR;
  if (env.LATERAL_METRICS_PORT) section('metrics').port = Number(env.LATERAL_METRICS_PORT);
  if (env.LATERAL_METRICS_HOST) section('metrics').host = env.LATERAL_METRICS_HOST;
  if (env.LATERAL_SINK_BATCH_ROWS) section('sink').batchRows = Number(env.LATERAL_SINK_BATCH_ROWS);
  if (env.LATERAL_SINK_BATCH_MS) section('sink').batchMs = Number(env.LATERAL_SINK_BATCH_MS);
  if (env.LATERAL_SINK_MAX_IN_FLIGHT) section('sink').maxInFlight = Number(env.LATERAL_SINK_MAX_IN_FLIGHT);
  if (env.LATERAL_DASHBOARD_HOST) section('dashboard').host = env.LATERAL_DASHBOARD_HOST;
  if (env.LATERAL_DASHBOARD_PORT) section('dashboard').port = Number(env.LATERAL_DASHBOARD_PORT);
  if (env.LATERAL_DASHBOARD_USER) section('dashboard').user = env.LATERAL_DASHBOARD_USER;
  if (env.LATERAL_DASHBOARD_PASSWORD_HASH)
    section('dashboard').passwordHash = env.LATERAL_DASHBOARD_PASSWORD_HASH;
  return out;
}

export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  try {
    const doc: unknown = path.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('top level must be a mapping');
    return doc as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`cannot parse config file ${path}: ${(err as Error).message}`);
  }
}

export interface LoadConfigOptions {
  /** Config file path; defaults to $LATERAL_CONFIG, then none. */
  file?: string;
  env?: Env;
  overrides?: LateralConfigInput;
}

/** Loads file + env (+ programmatic overrides), validated once; throws ConfigError naming the field. */
export function loadConfig(options: LoadConfigOptions = {}): LateralConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.LATERAL_CONFIG;
  const fromFile = file ? readConfigFile(resolve(file)) : {};
  const merged = { ...applyEnv(fromFile, env), ...(options.overrides ?? {}) };
  return parseConfig(merged, file ? `config ${file}` : 'config');
}
