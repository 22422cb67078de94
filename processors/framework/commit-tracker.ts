import { setTimeout as sleep } from 'node:timers/promises';
import { failpoint } from '../../core/failpoints.ts';

export type CommitFn = (topic: string, partition: number, offset: string) => Promise<void>;

export interface CommitTrackerOptions {
  /**
   * A write of this partition was not acknowledged: nothing after `fromOffset` may be committed until the
   * messages are read again. The runner seeks back to `fromOffset` and calls `resume`. Without a handler the
   * partition stays blocked until the next assignment (a rebalance re-reads from the committed offset).
   */
  onWriteFailed?: (topic: string, partition: number, fromOffset: string | undefined, err: unknown) => void;
  /** Attempts of one commit before it is left to the next commit or `retryFailed` (default 3). */
  commitAttempts?: number;
  /** Delay before commit attempt `n` (default 200 ms × 2^n, at most 2 s). */
  commitRetryDelayMs?: (attempt: number) => number;
  now?: () => number;
}

interface PartitionState {
  /** Bumped when a write fails or the group is reassigned: commits tracked before it are skipped. */
  epoch: number;
  /** A write failed and the partition has not been read again yet. */
  blocked: boolean;
  /** Tracked batches whose offset is not committed yet (ordered by offset). */
  pending: { offset: bigint; at: number }[];
  /** Highest offset committed by this tracker. */
  committed: bigint | undefined;
  /** Offset whose commit call failed and that no later commit has covered yet. */
  uncommitted: string | undefined;
  /**
   * When input of the partition began to be processed without a batch being tracked since: a batch whose
   * outputs cannot be written (the producer failing after a broker restart) is retried by the consumer over
   * and over, consuming without ever reaching `track`.
   */
  processingSince: number | undefined;
}

export interface CommitStats {
  /** When the oldest consumed input not yet committed was tracked (undefined: everything committed). */
  oldestPendingAt: number | undefined;
  /** First failure of the current run of failed commit calls (undefined: the last commit call succeeded). */
  failingSince: number | undefined;
  lastError: string | undefined;
  lastCommitAt: number | undefined;
  commits: number;
  failures: number;
}

/**
 * Commits a partition's offset only after every earlier batch of that partition is durably written,
 * in order, even when writes complete out of order (at-least-once; docs/architecture.md).
 *
 * Failures are per partition and never permanent: a failed write blocks that partition's commits until it is
 * read again (seek or reassignment); a failed commit call is retried, then covered by the next commit, and
 * `retryFailed` re-sends it when no further input comes. `stats` tells how long input has been consumed without
 * its offset committed, which is what health reports as "not committing".
 */
export class CommitTracker {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly partitions = new Map<string, PartitionState>();
  /** Partitions of the latest assignment; `undefined` until the first assignment is known. */
  private assigned: Set<string> | undefined;
  private failingSince: number | undefined;
  private lastError: string | undefined;
  private lastCommitAt: number | undefined;
  private commits = 0;
  private failures = 0;
  private readonly options: Required<Omit<CommitTrackerOptions, 'onWriteFailed'>> &
    Pick<CommitTrackerOptions, 'onWriteFailed'>;

  constructor(
    private readonly commit: CommitFn,
    options: CommitTrackerOptions = {},
  ) {
    this.options = {
      commitAttempts: 3,
      commitRetryDelayMs: (n) => Math.min(2000, 200 * 2 ** n),
      now: Date.now,
      ...options,
    };
  }

  private state(id: string): PartitionState {
    let s = this.partitions.get(id);
    if (!s) {
      s = {
        epoch: 0,
        blocked: false,
        pending: [],
        committed: undefined,
        uncommitted: undefined,
        processingSince: undefined,
      };
      this.partitions.set(id, s);
    }
    return s;
  }

  private owned(id: string): boolean {
    return this.assigned === undefined || this.assigned.has(id);
  }

  /**
   * Called on every (re)assignment. Commits of partitions not in it are skipped, also when it is empty; batches
   * tracked before it are not committed (the group reads every owned partition again from its committed offset).
   */
  setAssignment(pairs: { topic: string; partition: number }[]): void {
    this.assigned = new Set(pairs.map((p) => `${p.topic}/${p.partition}`));
    for (const [id, s] of this.partitions) {
      s.epoch++;
      s.blocked = false;
      s.uncommitted = undefined;
      if (!this.assigned.has(id)) {
        s.pending = [];
        s.processingSince = undefined;
      }
    }
    this.failingSince = undefined;
  }

  /** The partition is read again from before its failed write: its new batches may commit. */
  resume(topic: string, partition: number): void {
    const s = this.state(`${topic}/${partition}`);
    s.blocked = false;
  }

  /** A batch of the partition is being processed: from now on its input counts as consumed, not committed. */
  processing(topic: string, partition: number): void {
    const s = this.state(`${topic}/${partition}`);
    s.processingSince ??= this.options.now();
  }

  /**
   * `nextOffset` is the offset of the next message to read (last processed + 1); `firstOffset`, the batch's
   * first offset, is where to read again if its write fails. The returned promise rejects when the write
   * failed; the commit itself never rejects it (a failed commit is retried and reported through `stats`).
   */
  track(
    topic: string,
    partition: number,
    nextOffset: string,
    acked: Promise<void>,
    firstOffset?: string,
  ): Promise<void> {
    const id = `${topic}/${partition}`;
    const s = this.state(id);
    const epoch = s.epoch;
    s.pending.push({ offset: BigInt(nextOffset), at: s.processingSince ?? this.options.now() });
    s.processingSince = undefined;
    const previous = this.chains.get(id) ?? Promise.resolve();
    const chained = previous
      .then(() => acked)
      .then(
        async () => {
          if (s.epoch !== epoch || s.blocked || !this.owned(id)) return;
          await this.commitWithRetry(topic, partition, nextOffset, s, epoch);
        },
        (err: unknown) => {
          if (s.epoch === epoch && !s.blocked) {
            // Later batches of this partition were read past rows that are not written: none may commit.
            s.epoch++;
            s.blocked = true;
            this.options.onWriteFailed?.(topic, partition, firstOffset, err);
          }
          throw err;
        },
      );
    this.chains.set(
      id,
      chained.catch(() => undefined),
    );
    return chained;
  }

  private async commitWithRetry(
    topic: string,
    partition: number,
    offset: string,
    s: PartitionState,
    epoch: number,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.commit(topic, partition, offset);
        this.succeeded(s, offset);
        failpoint('commit.after');
        return;
      } catch (err) {
        this.failed(err);
        if (
          attempt + 1 >= this.options.commitAttempts ||
          s.epoch !== epoch ||
          !this.owned(`${topic}/${partition}`)
        ) {
          // Covered by the partition's next commit, or re-sent by retryFailed when no input follows.
          if (s.epoch === epoch) s.uncommitted = offset;
          return;
        }
        await sleep(this.options.commitRetryDelayMs(attempt));
      }
    }
  }

  private succeeded(s: PartitionState, offset: string): void {
    const o = BigInt(offset);
    if (s.committed === undefined || o > s.committed) s.committed = o;
    s.pending = s.pending.filter((p) => p.offset > o);
    if (s.uncommitted !== undefined && BigInt(s.uncommitted) <= o) s.uncommitted = undefined;
    this.failingSince = undefined;
    this.lastError = undefined;
    this.lastCommitAt = this.options.now();
    this.commits++;
  }

  private failed(err: unknown): void {
    this.failingSince ??= this.options.now();
    this.lastError = err instanceof Error ? err.message : String(err);
    this.failures++;
  }

  /** Re-sends commits that failed and that no later commit covered (call periodically). */
  async retryFailed(): Promise<void> {
    for (const [id, s] of this.partitions) {
      const offset = s.uncommitted;
      if (offset === undefined || s.blocked || !this.owned(id)) continue;
      const cut = id.lastIndexOf('/');
      const topic = id.slice(0, cut);
      const partition = Number(id.slice(cut + 1));
      const epoch = s.epoch;
      const previous = this.chains.get(id) ?? Promise.resolve();
      const next = previous.then(async () => {
        if (s.epoch !== epoch || s.uncommitted !== offset) return;
        s.uncommitted = undefined;
        await this.commitWithRetry(topic, partition, offset, s, epoch);
      });
      this.chains.set(id, next);
      await next;
    }
  }

  stats(): CommitStats {
    let oldest: number | undefined;
    for (const [id, s] of this.partitions) {
      if (!this.owned(id)) continue;
      for (const at of [s.pending[0]?.at, s.processingSince])
        if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
    }
    return {
      oldestPendingAt: oldest,
      failingSince: this.failingSince,
      lastError: this.lastError,
      lastCommitAt: this.lastCommitAt,
      commits: this.commits,
      failures: this.failures,
    };
  }

  /** Resolves when every tracked commit has been attempted. */
  async drain(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }
}
