/**
 * Reading the rate-limit signals platforms send. They disagree on the reset format, so each is recognised:
 * Mastodon sends an ISO timestamp (`X-RateLimit-Reset: 2026-03-05T10:05:00.000Z`), Reddit seconds until the
 * reset (`x-ratelimit-reset: 42`, remaining as a float), GitHub-style APIs and Bluesky epoch seconds, and the
 * IETF draft (`ratelimit-reset`) seconds until the reset.
 */

/** Epoch seconds are larger than any sensible "seconds from now" (1e9 s ≈ 31 years). */
const EPOCH_THRESHOLD = 1e9;

/** Milliseconds from `now` until a reset written in any of the formats above; undefined when unreadable. */
export function resetDelayMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return Math.max(0, n > EPOCH_THRESHOLD ? n * 1000 - now : n * 1000);
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `Retry-After` (delta seconds or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const PREFIXES = ['x-ratelimit-', 'ratelimit-', 'x-rate-limit-'] as const;

/** How long to hold requests because the current window is spent (remaining < 1); 0 when there is budget. */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number {
  for (const prefix of PREFIXES) {
    const remaining = headers.get(`${prefix}remaining`);
    if (remaining === null) continue;
    const left = Number(remaining);
    if (Number.isNaN(left) || left >= 1) return 0;
    return resetDelayMs(headers.get(`${prefix}reset`), now) ?? 0;
  }
  return 0;
}
