import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import {
  handleBatch,
  waitAlive,
  type Batch,
  type BatchControl,
  type BatchStats,
  type Processed,
} from './batch.ts';
import { CommitTracker } from './commit-tracker.ts';
import type { MessageOrigin } from './dead-letters.ts';
import { dlq, drop, ok, retry, step, Chain, type StepResult } from './step.ts';

/**
 * The runner's batch handling (processors/framework/runner.ts) with in-memory fakes of its own interfaces: the
 * chain, the emitter, the dead-letter sender and the consumer's batch controls; commits through a real
 * CommitTracker whose commit function records.
 */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** Messages whose value says what the chain returns: `ok:x`, `drop`, `dlq`, `retry`, `retry-once:x`. */
function harness(values: string[], options: { acked?: Promise<void>; failDeadLetters?: boolean } = {}) {
  const events: string[] = [];
  const commits: string[] = [];
  const failedWrites: (string | undefined)[] = [];
  const emitted: Processed<string>[][] = [];
  const deadLetters: DeadLetter[] = [];
  const stats: BatchStats[] = [];
  const resolved: string[] = [];
  const attempts = new Map<string, number>();
  const tracker = new CommitTracker(
    async (_topic, partition, offset) => {
      events.push(`commit ${offset}`);
      commits.push(`${partition}:${offset}`);
    },
    { onWriteFailed: (_t, _p, from) => failedWrites.push(from) },
  );
  tracker.setAssignment([{ topic: 'in', partition: 0 }]);
  const chain = Chain.of(
    step('decide', (m: MessageOrigin): StepResult<string> => {
      const v = m.value!.toString();
      const n = (attempts.get(m.offset) ?? 0) + 1;
      attempts.set(m.offset, n);
      if (v.startsWith('ok:')) return ok(v.slice(3));
      if (v.startsWith('retry-once:')) return n === 1 ? retry('broker down') : ok(v.slice(11));
      if (v === 'drop') return drop('not about a brand');
      if (v === 'dlq') return dlq('bad field');
      return retry('broker down');
    }),
  );
  const control = {
    stale: false,
    running: true,
    stopping: false,
    heartbeats: 0,
  };
  const controls: BatchControl = {
    resolveOffset: (o) => void resolved.push(o),
    heartbeat: async () => void control.heartbeats++,
    isRunning: () => control.running,
    isStale: () => control.stale,
    stopping: () => control.stopping,
  };
  const batch: Batch = {
    topic: 'in',
    partition: 0,
    messages: values.map((v, i) => ({ offset: String(100 + i), key: null, value: Buffer.from(v) })),
  };
  const run = () =>
    handleBatch<string>(
      {
        component: 'test',
        chain,
        emitter: {
          async emit(items) {
            events.push(`emit ${items.length}`);
            emitted.push(items);
            return { acked: options.acked ?? Promise.resolve() };
          },
          async close() {},
        },
        async sendDeadLetters(letters) {
          events.push(`dlq ${letters.length}`);
          if (options.failDeadLetters) throw new Error('dlq topic unavailable');
          deadLetters.push(...letters);
        },
        tracker,
        log: createLogger('batch-test'),
        onBatch: (s) => void stats.push(s),
      },
      batch,
      controls,
    );
  return {
    run,
    events,
    commits,
    failedWrites,
    emitted,
    deadLetters,
    stats,
    resolved,
    attempts,
    control,
    tracker,
  };
}

describe('handleBatch', () => {
  it('emits ok values with their origin, dead-letters dlq, counts drops, then commits past the batch', async () => {
    const h = harness(['ok:a', 'drop', 'dlq', 'ok:b']);
    await h.run();
    await h.tracker.drain();
    expect(h.emitted).toHaveLength(1);
    expect(h.emitted[0]!.map((p) => [p.value, p.origin.offset])).toEqual([
      ['a', '100'],
      ['b', '103'],
    ]);
    expect(h.deadLetters).toHaveLength(1);
    expect(h.deadLetters[0]).toMatchObject({ component: 'test', step: 'decide', error: 'bad field' });
    // Dead letters are durable before the outputs are handed on, and the commit follows both.
    expect(h.events).toEqual(['dlq 1', 'emit 2', 'commit 104']);
    expect(h.resolved).toEqual(['103']);
    expect(h.stats).toEqual([{ messages: 4, dlq: 1, dropped: 1 }]);
  });

  it('commits only once the emitter acknowledged the outputs', async () => {
    const acked = deferred();
    const h = harness(['ok:a'], { acked: acked.promise });
    await h.run();
    await tick();
    expect(h.commits).toEqual([]);
    acked.resolve();
    await h.tracker.drain();
    expect(h.commits).toEqual(['0:101']);
  });

  it('never commits a batch whose write failed, and asks to read it again from its first offset', async () => {
    const acked = deferred();
    const h = harness(['ok:a', 'ok:b'], { acked: acked.promise });
    await h.run();
    acked.reject(new Error('insert failed'));
    await tick();
    await h.tracker.drain();
    expect(h.commits).toEqual([]);
    expect(h.failedWrites).toEqual(['100']);
  });

  it('runs a message again after a retry, keeping the membership alive, and emits it once', async () => {
    const h = harness(['ok:a', 'retry-once:b']);
    await h.run();
    await h.tracker.drain();
    expect(h.attempts.get('101')).toBe(2);
    expect(h.emitted[0]!.map((p) => p.value)).toEqual(['a', 'b']);
    expect(h.control.heartbeats).toBeGreaterThanOrEqual(2); // before the backoff, and after the batch
    expect(h.commits).toEqual(['0:102']);
  });

  it('leaves a batch that keeps failing when the processor stops: nothing emitted, nothing committed', async () => {
    const h = harness(['ok:a', 'retry']);
    const running = h.run();
    await new Promise((r) => setTimeout(r, 50));
    h.control.stopping = true;
    await running;
    await h.tracker.drain();
    expect(h.emitted).toEqual([]);
    expect(h.commits).toEqual([]);
    expect(h.resolved).toEqual([]);
    expect(h.stats).toEqual([]);
  });

  it('does not commit a batch that went stale (re-assigned) while it was emitted', async () => {
    const h = harness(['ok:a']);
    const running = h.run();
    h.control.stale = true; // once the chain runs, before the emitter returns: the partition is read again
    await running;
    await h.tracker.drain();
    expect(h.commits).toEqual([]);
    expect(h.resolved).toEqual([]);
  });

  it('does not emit nor commit when the dead letters cannot be sent', async () => {
    const h = harness(['ok:a', 'dlq'], { failDeadLetters: true });
    await expect(h.run()).rejects.toThrow('dlq topic unavailable');
    await h.tracker.drain();
    expect(h.emitted).toEqual([]);
    expect(h.commits).toEqual([]);
  });
});

describe('waitAlive', () => {
  it('heartbeats every second through a long backoff, and stops early when told', async () => {
    let beats = 0;
    const started = Date.now();
    await waitAlive(
      2500,
      async () => void beats++,
      () => false,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
    expect(beats).toBe(3);
    let stop = false;
    setTimeout(() => (stop = true), 100);
    const early = Date.now();
    await waitAlive(
      30_000,
      async () => undefined,
      () => stop,
    );
    expect(Date.now() - early).toBeLessThan(1500);
  });
});
