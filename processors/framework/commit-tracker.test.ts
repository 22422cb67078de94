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
});
