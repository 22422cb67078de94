import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../contract/test-server.ts';
import { createHttpClient, HttpError } from './client.ts';
import { rateLimitWaitMs, resetDelayMs, retryAfterMs } from './rate-limit.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Records asked waits and waits for real only a little, so tests stay fast but see every delay. */
function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
    },
  };
}

describe('rate-limit headers', () => {
  const now = Date.parse('2026-03-05T10:00:00Z');
  it('reads resets as ISO time, epoch seconds and delta seconds', () => {
    expect(resetDelayMs('2026-03-05T10:05:00.000Z', now)).toBe(300_000);
    expect(resetDelayMs(String(now / 1000 + 60), now)).toBe(60_000);
    expect(resetDelayMs('42', now)).toBe(42_000);
    expect(resetDelayMs('soon', now)).toBeUndefined();
  });
  it('waits only when the window is spent', () => {
    expect(
      rateLimitWaitMs(new Headers({ 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '30' }), now),
    ).toBe(30_000);
    expect(
      rateLimitWaitMs(new Headers({ 'X-RateLimit-Remaining': '299', 'X-RateLimit-Reset': '30' }), now),
    ).toBe(0);
    expect(rateLimitWaitMs(new Headers(), now)).toBe(0);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 05 Mar 2026 10:00:10 GMT' }), now)).toBe(10_000);
  });
});

describe('http client', () => {
  it('retries a 429 after the Retry-After it was given (real clock)', async () => {
    let calls = 0;
    server = await startTestServer(() =>
      ++calls === 1
        ? { status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } }
        : { body: { ok: true } },
    );
    const http = createHttpClient({ baseDelayMs: 10 });
    const res = await http.get(`${server.url}/x`);
    expect(res.json()).toEqual({ ok: true });
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('backs off exponentially with jitter on 5xx, never in a tight loop, then gives up with HttpError', async () => {
    server = await startTestServer(() => ({ status: 503, body: 'down' }));
    const { waits, sleep } = recordingSleep();
    const http = createHttpClient({
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      maxAttempts: 4,
      sleep,
      random: () => 1,
    });
    const err = await http.get(`${server.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect(server.requests).toHaveLength(4);
    // random() = 1 gives the ceiling of each step: 100, 200, 400.
    const steps = waits.filter((w) => w > 10);
    expect(steps).toHaveLength(3);
    [100, 200, 400].forEach((expected, i) => {
      expect(steps[i]).toBeGreaterThan(expected - 25);
      expect(steps[i]).toBeLessThanOrEqual(expected);
    });
  });

  it('jitter never goes below the base step', async () => {
    server = await startTestServer(() => ({ status: 500 }));
    const { waits, sleep } = recordingSleep();
    // A step long enough that a loaded machine's scheduling delay cannot use it up before the retry.
    const http = createHttpClient({ baseDelayMs: 400, maxAttempts: 3, sleep, random: () => 0 });
    await expect(http.get(`${server.url}/x`)).rejects.toBeInstanceOf(HttpError);
    expect(waits).toHaveLength(2);
    for (const w of waits) expect(w).toBeGreaterThan(300);
  });

  it('does not retry other 4xx', async () => {
    server = await startTestServer(() => ({ status: 404, body: { error: 'Record not found' } }));
    const http = createHttpClient({ baseDelayMs: 1 });
    const err = (await http.get(`${server.url}/missing`).catch((e: unknown) => e)) as HttpError;
    expect(err.status).toBe(404);
    expect(err.body).toContain('Record not found');
    expect(server.requests).toHaveLength(1);
  });

  it('returns 304 when asked to (conditional requests) and sends a User-Agent', async () => {
    server = await startTestServer(() => ({ status: 304 }));
    const http = createHttpClient({ userAgent: 'kettlebrew-listener/1.0' });
    const res = await http.get(`${server.url}/feed`, {
      accept304: true,
      headers: { 'if-none-match': '"a"' },
    });
    expect(res.status).toBe(304);
    expect(server.requests[0]!.headers['user-agent']).toBe('kettlebrew-listener/1.0');
    expect(server.requests[0]!.headers['if-none-match']).toBe('"a"');
  });

  it('holds the next request to a host whose rate-limit window is spent until its reset', async () => {
    server = await startTestServer(() => ({
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '7' },
      body: { ok: true },
    }));
    const { waits, sleep } = recordingSleep();
    const http = createHttpClient({ sleep });
    await http.get(`${server.url}/a`);
    expect(waits).toEqual([]);
    await http.get(`${server.url}/b`);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(6_500);
    expect(waits[0]).toBeLessThanOrEqual(7_000);
  });

  it('fails instead of sleeping for hours when Retry-After is beyond maxWaitMs', async () => {
    server = await startTestServer(() => ({ status: 429, headers: { 'retry-after': '7200' } }));
    const { waits, sleep } = recordingSleep();
    const http = createHttpClient({ sleep, maxWaitMs: 60_000 });
    await expect(http.get(`${server.url}/x`)).rejects.toThrow(/asked to wait 7200 s/);
    expect(waits).toEqual([]);
  });

  it('limits requests in flight per host', async () => {
    let inFlight = 0;
    let peak = 0;
    server = await startTestServer(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return { body: {} };
    });
    const http = createHttpClient({ maxPerHost: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => http.get(`${server!.url}/${i}`)));
    expect(server.requests).toHaveLength(6);
    expect(peak).toBe(2);
  });

  it('decompresses gzip bodies', async () => {
    server = await startTestServer(() => ({ body: { items: [1, 2] }, gzip: true }));
    const http = createHttpClient();
    expect((await http.get(`${server.url}/x`)).json()).toEqual({ items: [1, 2] });
  });

  it('retries network failures', async () => {
    let calls = 0;
    server = await startTestServer(() => ({ body: { ok: ++calls } }));
    const { waits, sleep } = recordingSleep();
    const http = createHttpClient({ sleep, baseDelayMs: 300, timeoutMs: 2000, maxAttempts: 3 });
    // A closed port: connection refused on every try, retried with backoff, then the error surfaces.
    await expect(http.get('http://127.0.0.1:9/x')).rejects.toThrow();
    expect(waits).toHaveLength(2);
    expect((await http.get(`${server.url}/x`)).json()).toEqual({ ok: 1 });
  });
});
