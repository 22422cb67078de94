import { failpoint } from '../../core/failpoints.ts';

/**
 * Commits a partition's offset only after every earlier batch of that partition is durably written,
 * in order, even when writes complete out of order (at-least-once, DESIGN.md §4).
 */
export class CommitTracker {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly assigned = new Set<string>();
  private failed = false;

  constructor(private readonly commit: (topic: string, partition: number, offset: string) => Promise<void>) {}

  /** Called on every (re)assignment so commits for partitions we lost are skipped. */
  setAssignment(pairs: { topic: string; partition: number }[]): void {
    this.assigned.clear();
    for (const p of pairs) this.assigned.add(`${p.topic}/${p.partition}`);
  }

  /** `nextOffset` is the offset of the next message to read (last processed + 1). */
  track(topic: string, partition: number, nextOffset: string, acked: Promise<void>): Promise<void> {
    const id = `${topic}/${partition}`;
    const previous = this.chains.get(id) ?? Promise.resolve();
    const chained = previous
      .then(() => acked)
      .then(async () => {
        if (this.failed) return;
        if (this.assigned.size > 0 && !this.assigned.has(id)) return;
        await this.commit(topic, partition, nextOffset);
        failpoint('commit.after');
      });
    // A failed write stops later commits of this partition; the messages will be read again.
    const guarded = chained.catch(() => {
      this.failed = true;
    });
    this.chains.set(id, guarded);
    return chained;
  }

  /** Resolves when every tracked commit has been attempted. */
  async drain(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }
}
