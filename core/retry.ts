import pRetry from 'p-retry';

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(max, initial * factor^attempt)]. For loops that
 * cannot be wrapped in `retry` because they decide the wait themselves: a sink that pauses its consumer while
 * ClickHouse is down, an HTTP client that honours the server's Retry-After, a stream that reconnects.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { initialMs = 200, maxMs = 30_000, factor = 2 } = options;
  const ceiling = Math.min(maxMs, initialMs * factor ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}

export interface RetryOptions extends BackoffOptions {
  /** Give up after this many attempts (Infinity retries until `signal` aborts). */
  attempts?: number;
  signal?: AbortSignal;
  isRetryable?: (err: unknown) => boolean;
  /** Before each retry, with the number of the attempt that failed (1 for the first). */
  onRetry?: (err: unknown, attempt: number) => void;
}

/**
 * Runs `fn` until it succeeds, `attempts` are used up, an error is not retryable or `signal` aborts: p-retry with
 * the project's policy (200 ms doubling to 30 s, randomised) in one place. Rejects with the last error, also when
 * `signal` aborts a wait; with `signal` already aborted, `fn` is still tried once (a shutdown finishing its work).
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = Infinity, signal, isRetryable = () => true, onRetry } = options;
  const { initialMs = 200, maxMs = 30_000, factor = 2 } = options;
  if (signal?.aborted) return fn(0);
  let attempt = 0;
  let last: { error: unknown } | undefined;
  const once = async () => {
    try {
      return await fn(attempt++);
    } catch (error) {
      last = { error };
      throw error;
    }
  };
  try {
    return await pRetry(once, {
      retries: Math.max(0, attempts - 1),
      factor,
      minTimeout: initialMs,
      maxTimeout: maxMs,
      randomize: true,
      ...(signal ? { signal } : {}),
      shouldRetry: ({ error, attemptNumber }) => {
        if (signal?.aborted || !isRetryable(error)) return false;
        onRetry?.(error, attemptNumber);
        return true;
      },
    });
  } catch (err) {
    // The caller wants the failure that made it wait, not the abort of the wait.
    if (last !== undefined) throw last.error;
    throw err;
  }
}
