/**
 * Keeps credentials out of logs, cursors, dead letters and `lateral status`. Platforms take keys in the query
 * string (Stack Exchange `key=`), in the URL's user info or in headers, and error messages quote the URL, so
 * every text that leaves the process passes through `redactText`; secrets read from the environment are
 * also registered, so their values are masked wherever they appear.
 */

export const REDACTED = '[redacted]';

/** Query parameters and header names that carry credentials (compared lower-case, `-` and `_` alike). */
const SECRET_NAMES = new Set([
  'key',
  'apikey',
  'api_key',
  'access_token',
  'accesstoken',
  'refresh_token',
  'id_token',
  'token',
  'auth',
  'authorization',
  'proxy_authorization',
  'password',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'app_password',
  'apppassword',
  'jwt',
  'session',
  'sessionid',
  'sig',
  'signature',
  'x_api_key',
  'api_username',
  'cookie',
  'set_cookie',
]);

export const isSecretName = (name: string): boolean =>
  SECRET_NAMES.has(name.toLowerCase().replace(/-/g, '_'));

/**
 * Field names of log records whose values are masked whole. Narrower than the query names: `key` (a message
 * key) and `session` are ordinary fields in records.
 */
const SECRET_FIELDS = new Set([
  'password',
  'passwd',
  'secret',
  'client_secret',
  'clientsecret',
  'token',
  'access_token',
  'accesstoken',
  'refresh_token',
  'apikey',
  'api_key',
  'app_password',
  'apppassword',
  'authorization',
  'proxy_authorization',
  'cookie',
  'set_cookie',
  'jwt',
]);
const isSecretField = (name: string): boolean => SECRET_FIELDS.has(name.toLowerCase().replace(/-/g, '_'));

const secrets = new Set<string>();

/** Values shorter than this are not masked as free text: they would mask ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Masks `value` wherever it appears in redacted text from now on (credentials read from the environment). */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** For tests. */
export function clearRegisteredSecrets(): void {
  secrets.clear();
}

/** A URL with credentials in its user info or query string masked; text that is no URL comes back as is. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return maskQuery(url);
  }
  let changed = false;
  if (parsed.password) {
    parsed.password = REDACTED;
    changed = true;
  }
  for (const name of new Set(parsed.searchParams.keys())) {
    if (isSecretName(name)) {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString().replace(/%5Bredacted%5D/gi, REDACTED) : url;
}

/** `name=value` pairs of secret names in query-like text (`?key=…&site=…`, `password=…`). */
const QUERY_PAIR = /([?&;\s]|^)([A-Za-z_-]{2,32})=([^&\s"'<>#;,]{1,4096})/g;
const maskQuery = (text: string): string =>
  text.replace(QUERY_PAIR, (whole, sep: string, name: string) =>
    isSecretName(name) ? `${sep}${name}=${REDACTED}` : whole,
  );

/** URLs with user info (`https://user:pass@host`). Every repetition is bounded, so the scan stays linear. */
const USERINFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s/@:"'<>]{1,256}):([^\s/@"'<>]{1,256})@/gi;
/** `Bearer abc…`, `Basic abc…` as quoted from a header. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/g;

/**
 * Masks credentials in any text: secret query parameters, URL user info, authorisation schemes and every
 * registered secret value. Linear in the text's length.
 */
export function redactText(text: string): string {
  let out = text.replace(USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);
  out = maskQuery(out);
  out = out.replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  return maskRegisteredSecrets(out);
}

/** Only the registered secret values masked: the last pass over a finished log line. */
export function maskRegisteredSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Headers with credential values masked, for logging a request. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      isSecretName(k) || isSecretField(k) ? REDACTED : redactText(v),
    ]),
  );
}

/**
 * A log record with every string redacted, to a bounded depth (log records are small; anything deeper is
 * left as it is).
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    // Same prototype (pino's serializer reports the class as `type`), masked message, stack and own fields.
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) copy[k] = redactField(k, v, depth);
    Object.defineProperty(copy, 'message', { value: redactText(value.message), enumerable: false });
    if (value.stack)
      Object.defineProperty(copy, 'stack', { value: redactText(value.stack), enumerable: false });
    if (value.cause !== undefined) copy.cause = redactValue(value.cause, depth + 1);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactField(k, v, depth);
  return out;
}

const redactField = (name: string, v: unknown, depth: number): unknown =>
  isSecretField(name) && v !== undefined && v !== null && v !== '' ? REDACTED : redactValue(v, depth + 1);
