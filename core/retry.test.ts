import { describe, expect, it } from 'vitest';
import { backoffDelay, retry } from './retry.ts';

const failing =
  (failures: number, calls: number[] = []) =>
  async (attempt: number) => {
    calls.push(attempt);
    if (calls.length <= failures) throw new Error(`failure ${calls.length}`);
    return 'ok';
  };

describe('retry', () => {
  it('retries until the call succeeds, reporting each retried attempt', async () => {
    const calls: number[] = [];
    const retried: number[] = [];
    const out = await retry(failing(2, calls), {
      attempts: 5,
      initialMs: 1,
      maxMs: 5,
      onRetry: (_e, a) => retried.push(a),
    });
    expect(out).toBe('ok');
    expect(calls).toEqual([0, 1, 2]);
    expect(retried).toEqual([1, 2]);
  });

  it('rejects with the last error once the attempts are used up', async () => {
    const calls: number[] = [];
    await expect(retry(failing(10, calls), { attempts: 3, initialMs: 1, maxMs: 5 })).rejects.toThrow(
      'failure 3',
    );
    expect(calls).toHaveLength(3);
  });

  it('does not retry an error that is not retryable', async () => {
    const calls: number[] = [];
    await expect(
      retry(failing(10, calls), { attempts: 5, initialMs: 1, isRetryable: () => false }),
    ).rejects.toThrow('failure 1');
    expect(calls).toHaveLength(1);
  });

  it('stops waiting when the signal aborts, with the error that made it wait', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopping')), 50);
    const started = Date.now();
    await expect(retry(failing(Infinity), { initialMs: 10_000, signal: controller.signal })).rejects.toThrow(
      'failure 1',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('still tries once when the signal has already aborted (a shutdown finishing its work)', async () => {
    const controller = new AbortController();
    controller.abort();
    const calls: number[] = [];
    await expect(retry(failing(0, calls), { signal: controller.signal })).resolves.toBe('ok');
    await expect(retry(failing(5), { signal: controller.signal })).rejects.toThrow('failure 1');
    expect(calls).toEqual([0]);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the ceiling, jittered below it', () => {
    expect(backoffDelay(0, {}, () => 1)).toBe(200);
    expect(backoffDelay(3, {}, () => 1)).toBe(1600);
    expect(backoffDelay(20, {}, () => 1)).toBe(30_000);
    expect(backoffDelay(3, {}, () => 0.5)).toBe(800);
  });
});
