import pLimit, { type LimitFunction } from 'p-limit';
import { setTimeout as timerSleep } from 'node:timers/promises';
import { createLogger } from '../../../core/logger.ts';
import { redactText, redactUrl } from '../../../core/redact.ts';
import { metrics } from '../../../core/metrics.ts';
import { backoffDelay } from '../../../core/retry.ts';
import { rateLimitWaitMs, retryAfterMs } from './rate-limit.ts';

export interface HttpClientOptions {
  /** Sent on every request unless the request sets its own `user-agent`. */
  userAgent?: string;
  /** Requests in flight per host (default 2). */
  maxPerHost?: number;
  /** Tries per request, the first included (default 5). */
  maxAttempts?: number;
  /** First backoff step; later ones double, with full jitter (default 1000 ms). */
  baseDelayMs?: number;
  /** Ceiling of one backoff step (default 60 s). */
  maxDelayMs?: number;
  /** Per attempt, headers and body included (default 30 s). */
  timeoutMs?: number;
  /** Injected in tests to record or shorten waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A Retry-After or rate-limit reset further away than this fails the request instead (default 15 min). */
  maxWaitMs?: number;
  /** Source of randomness for the jitter (tests). */
  random?: () => number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  url: string;
  text: string;
  json<T = unknown>(): T;
}

/** A failed request. Its URL, body and message have credentials masked: they end up in logs and cursors. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly url: string;
  readonly body: string;
  constructor(
    readonly status: number,
    url: string,
    body: string,
    message?: string,
  ) {
    const safeUrl = redactUrl(url);
    super(redactText(message ?? `HTTP ${status} from ${safeUrl}${body ? `: ${body.slice(0, 200)}` : ''}`));
    this.url = safeUrl;
    this.body = redactText(body);
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Return a 304 Not Modified instead of treating it as an error (conditional requests). */
  accept304?: boolean;
}

export interface HttpClient {
  get(url: string, init?: RequestOptions): Promise<HttpResponse>;
  request(
    url: string,
    init: RequestInit & { signal?: AbortSignal; accept304?: boolean },
  ): Promise<HttpResponse>;
  /** Holds every request to `url`'s host until `ms` from now (a platform asked us to back off). */
  pauseHost(url: string, ms: number): void;
}

export const DEFAULT_USER_AGENT =
  'lateral/0.1 (social listening; +https://github.com/lateral-listening/lateral)';

const log = createLogger('http');

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  timerSleep(ms, undefined, signal ? { signal } : undefined).then(() => undefined);

const isRetryableStatus = (status: number) => status === 429 || status === 408 || status >= 500;

/**
 * The HTTP client every connector uses: global fetch, a per-host concurrency limit, and retries of
 * 429/408/5xx/network failures with exponential backoff and full jitter. A `Retry-After` or an exhausted
 * rate-limit window (`x-ratelimit-remaining: 0` with its reset) holds every request to that host until the
 * given time, so parallel queries to one platform respect one budget. Other statuses throw `HttpError` at once.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const {
    userAgent = DEFAULT_USER_AGENT,
    maxPerHost = 2,
    maxAttempts = 5,
    baseDelayMs = 1000,
    maxDelayMs = 60_000,
    timeoutMs = 30_000,
    sleep = defaultSleep,
    maxWaitMs = 15 * 60_000,
    random = Math.random,
  } = options;
  const limits = new Map<string, LimitFunction>();
  const notBefore = new Map<string, number>();

  const limitFor = (host: string): LimitFunction => {
    let limit = limits.get(host);
    if (!limit) {
      limit = pLimit(maxPerHost);
      limits.set(host, limit);
    }
    return limit;
  };

  const holdHost = (host: string, ms: number) => {
    const until = Date.now() + ms;
    if (until > (notBefore.get(host) ?? 0)) notBefore.set(host, until);
  };

  const waitForHost = async (host: string, signal?: AbortSignal) => {
    const wait = (notBefore.get(host) ?? 0) - Date.now();
    if (wait > 0) await sleep(wait, signal);
  };

  const once = async (
    url: string,
    host: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> =>
    limitFor(host)(async () => {
      await waitForHost(host, signal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await fetch(url, {
        ...init,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        url: response.url || url,
        text,
        json<T>(): T {
          try {
            return JSON.parse(text) as T;
          } catch (err) {
            throw new HttpError(
              response.status,
              url,
              text,
              `response from ${url} is not JSON: ${(err as Error).message}`,
            );
          }
        },
      };
    });

  const request: HttpClient['request'] = async (url, init) => {
    const { accept304, signal, ...rest } = init;
    const host = new URL(url).host;
    const headers = new Headers(rest.headers);
    if (!headers.has('user-agent')) headers.set('user-agent', userAgent);
    if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate, br');
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse | undefined;
      let failure: unknown;
      try {
        response = await once(url, host, { ...rest, headers }, signal ?? undefined);
      } catch (err) {
        if (signal?.aborted || err instanceof HttpError) throw err;
        failure = err; // network error or timeout: retryable
      }
      if (response) {
        const windowWait = rateLimitWaitMs(response.headers);
        if (windowWait > 0) holdHost(host, Math.min(windowWait, maxWaitMs));
        if (response.status < 300 || (response.status === 304 && accept304)) return response;
        if (!isRetryableStatus(response.status))
          throw new HttpError(response.status, response.url, response.text);
      }
      const status = response?.status ?? 0;
      if (attempt + 1 >= maxAttempts) {
        if (response) throw new HttpError(status, response.url, response.text);
        throw failure;
      }
      const asked = response ? (retryAfterMs(response.headers) ?? rateLimitWaitMs(response.headers)) : 0;
      if (asked > maxWaitMs) {
        throw new HttpError(
          status,
          url,
          response?.text ?? '',
          `HTTP ${status} from ${url}: asked to wait ${Math.round(asked / 1000)} s, more than the ${Math.round(maxWaitMs / 1000)} s allowed; try again later`,
        );
      }
      // Never a tight loop: at least one base step, more as attempts grow, and never less than asked.
      const jittered = backoffDelay(attempt, { initialMs: baseDelayMs, maxMs: maxDelayMs }, random);
      const delay = Math.max(asked, baseDelayMs, jittered);
      holdHost(host, delay);
      metrics.httpRetries.inc({ host, status: String(status) });
      log.warn(
        {
          url: redactUrl(url),
          status,
          attempt: attempt + 1,
          delayMs: delay,
          err: failure ? redactText((failure as Error).message) : undefined,
        },
        'request failed, backing off',
      );
      // The wait itself happens in the next attempt's turn (waitForHost), shared with other requests to the host.
    }
  };

  return {
    request,
    get: (url, init = {}) =>
      request(url, {
        method: 'GET',
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        ...(init.accept304 ? { accept304: true } : {}),
      }),
    pauseHost: (url, ms) => holdHost(new URL(url).host, ms),
  };
}
