import { describe, expect, it } from 'vitest';
import { CommitTracker } from './commit-tracker.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('CommitTracker', () => {
  it('commits in order even when writes finish out of order', async () => {
    const commits: string[] = [];
    const tracker = new CommitTracker(async (_t, p, o) => void commits.push(`${p}:${o}`));
    const a = deferred();
    const b = deferred();
    const done = [tracker.track('t', 0, '10', a.promise), tracker.track('t', 0, '20', b.promise)];
    b.resolve();
    await new Promise((r) => setTimeout(r, 5));
    expect(commits).toEqual([]); // 20 must wait for 10
    a.resolve();
    await Promise.all(done);
    expect(commits).toEqual(['0:10', '0:20']);
  });

  it('counts input being processed but never tracked as not committed (a batch retried for ever)', async () => {
    let now = 1000;
    const tracker = new CommitTracker(async () => undefined, { now: () => now });
    expect(tracker.stats().oldestPendingAt).toBeUndefined();
    tracker.processing('t', 0); // the batch's outputs fail to be written: no track()
    now = 5000;
    tracker.processing('t', 0); // the consumer hands the same batch again
    expect(tracker.stats().oldestPendingAt).toBe(1000);
    now = 9000;
    await tracker.track('t', 0, '10', Promise.resolve());
    expect(tracker.stats().oldestPendingAt).toBeUndefined(); // committed
    tracker.processing('t', 1);
    tracker.setAssignment([{ topic: 't', partition: 0 }]); // partition 1 went to another member
    expect(tracker.stats().oldestPendingAt).toBeUndefined();
  });

  it('never commits past a write that failed', async () => {
    const commits: string[] = [];
    const tracker = new CommitTracker(async (_t, p, o) => void commits.push(`${p}:${o}`));
    const failed = tracker.track('t', 1, '5', Promise.reject(new Error('insert failed')));
    const later = tracker.track('t', 1, '9', Promise.resolve());
    await expect(failed).rejects.toThrow('insert failed');
    await later; // settles, but without committing: offset 9 would skip the failed rows
    await tracker.drain();
    expect(commits).toEqual([]);
  });

  it('skips commits of partitions no longer assigned', async () => {
    const commits: string[] = [];
    const tracker = new CommitTracker(async (_t, p, o) => void commits.push(`${p}:${o}`));
    tracker.setAssignment([{ topic: 't', partition: 2 }]);
    await tracker.track('t', 1, '5', Promise.resolve());
    await tracker.track('t', 2, '6', Promise.resolve());
    expect(commits).toEqual(['2:6']);
  });

  it('keeps committing after one rejected commit (a failed commit is not a failed write)', async () => {
    const commits: string[] = [];
    let rejectNext = true;
    const tracker = new CommitTracker(
      async (_t, p, o) => {
        if (rejectNext) {
          rejectNext = false;
          throw new Error('The coordinator is not aware of this member');
        }
        commits.push(`${p}:${o}`);
      },
      { commitAttempts: 1 },
    );
    await tracker.track('t', 0, '1', Promise.resolve());
    for (let i = 2; i <= 11; i++) await tracker.track('t', 0, String(i), Promise.resolve());
    expect(commits).toHaveLength(10);
    expect(commits.at(-1)).toBe('0:11');
    expect(tracker.stats().failingSince).toBeUndefined();
    expect(tracker.stats().failures).toBe(1);
  });

  it('retries a failed commit and re-sends it when no later input covers it', async () => {
    const commits: string[] = [];
    let failures = 3;
    const tracker = new CommitTracker(
      async (_t, p, o) => {
        if (failures-- > 0) throw new Error('Consumer group was not initialized');
        commits.push(`${p}:${o}`);
      },
      { commitAttempts: 2, commitRetryDelayMs: () => 1 },
    );
    await tracker.track('t', 3, '50', Promise.resolve());
    expect(commits).toEqual([]);
    expect(tracker.stats().failingSince).toBeDefined();
    expect(tracker.stats().oldestPendingAt).toBeDefined(); // consumed, not committed: health says so
    await tracker.retryFailed();
    expect(commits).toEqual(['3:50']);
    expect(tracker.stats().oldestPendingAt).toBeUndefined();
    expect(tracker.stats().failingSince).toBeUndefined();
  });

  it('a failed write blocks only its own partition, until it is read again', async () => {
    const commits: string[] = [];
    const rereads: string[] = [];
    const tracker = new CommitTracker(async (_t, p, o) => void commits.push(`${p}:${o}`), {
      onWriteFailed: (_t, p, from) => rereads.push(`${p}@${from}`),
    });
    const failed = tracker.track('t', 1, '10', Promise.reject(new Error('insert failed')), '5');
    await expect(failed).rejects.toThrow('insert failed');
    await tracker.track('t', 1, '20', Promise.resolve(), '10'); // read past the failed rows: not committed
    await tracker.track('t', 2, '7', Promise.resolve(), '0'); // another partition is not affected
    expect(rereads).toEqual(['1@5']);
    expect(commits).toEqual(['2:7']);
    tracker.resume('t', 1); // the runner sought back to offset 5
    await tracker.track('t', 1, '10', Promise.resolve(), '5');
    await tracker.track('t', 1, '20', Promise.resolve(), '10');
    expect(commits).toEqual(['2:7', '1:10', '1:20']);
  });

  it('an empty assignment still checks ownership (nothing is committed)', async () => {
    const commits: string[] = [];
    const tracker = new CommitTracker(async (_t, p, o) => void commits.push(`${p}:${o}`));
    tracker.setAssignment([]);
    await tracker.track('t', 0, '5', Promise.resolve());
    expect(commits).toEqual([]);
  });

  it('does not commit batches read before a reassignment, and commits those read after it', async () => {
    const commits: string[] = [];
    const tracker = new CommitTracker(async (_t, p, o) => void commits.push(`${p}:${o}`));
    tracker.setAssignment([{ topic: 't', partition: 0 }]);
    const slow = deferred();
    const before = tracker.track('t', 0, '10', slow.promise);
    tracker.setAssignment([{ topic: 't', partition: 0 }]); // rebalance: the group re-reads from the committed offset
    slow.resolve();
    await before;
    await tracker.track('t', 0, '12', Promise.resolve());
    expect(commits).toEqual(['0:12']);
  });
});
