import { registerSecret } from '../../../core/redact.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './client.ts';

/** What a connector's config says about HTTP (the `http:` block and `userAgent` of HttpSourceBase). */
export interface HttpSettings {
  userAgent?: string | undefined;
  http: {
    maxPerHost: number;
    maxAttempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
    timeoutMs: number;
  };
}

const clients = new Map<string, HttpClient>();

/**
 * One client per distinct setting in the process, so sources polling the same host share its concurrency
 * limit and its rate-limit holds (two Mastodon queries on one instance spend one budget).
 */
export function sharedHttpClient(
  settings: HttpSettings,
  overrides: Partial<HttpClientOptions> = {},
): HttpClient {
  if (Object.keys(overrides).length > 0) return createHttpClient({ ...toOptions(settings), ...overrides });
  const key = JSON.stringify(toOptions(settings));
  let client = clients.get(key);
  if (!client) {
    client = createHttpClient(toOptions(settings));
    clients.set(key, client);
  }
  return client;
}

function toOptions(settings: HttpSettings): HttpClientOptions {
  return { ...settings.http, ...(settings.userAgent ? { userAgent: settings.userAgent } : {}) };
}

/** Reads the secret an env-var name points at; a configured but unset variable fails loudly. */
export function secretFromEnv(name: string | undefined, what: string, env = process.env): string | undefined {
  if (!name) return undefined;
  const value = env[name];
  if (!value) throw new Error(`${what}: environment variable ${name} is not set`);
  // From now on its value is masked in every log line and stored error.
  registerSecret(value);
  return value;
}

/** Parses an RFC 8288 `Link` header into rel → URL (`<https://…?max_id=1>; rel="next"`). */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (!m) continue;
    const rel = /rel="?([^";]+)"?/.exec(m[2]!);
    if (rel) for (const r of rel[1]!.trim().split(/\s+/)) links[r] = m[1]!;
  }
  return links;
}
