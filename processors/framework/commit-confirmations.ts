/**
 * Which offset commits the broker really acknowledged. kafkajs's `consumer.commitOffsets` resolves without
 * sending anything while its consumer is not running (during a rejoin or after a crash, before the restart),
 * and swallows a failure in that state too; only its COMMIT_OFFSETS instrumentation event says a commit was
 * acknowledged. A commit the event does not confirm is a failed commit: retried, counted, and reported as "not
 * committing" by health (processors/framework/runner.ts).
 */
export class CommitConfirmations {
  private readonly confirmed = new Map<string, { offset: bigint; seq: number }>();
  private seq = 0;

  /** The payload of a COMMIT_OFFSETS event. */
  record(
    topics: readonly { topic: string; partitions: readonly { partition: number; offset: string }[] }[],
  ): void {
    this.seq++;
    for (const t of topics)
      for (const p of t.partitions)
        this.confirmed.set(`${t.topic}/${p.partition}`, { offset: BigInt(p.offset), seq: this.seq });
  }

  /** A mark taken just before a commit call. */
  mark(): number {
    return this.seq;
  }

  /** Whether a commit of at least `offset` for the partition was acknowledged after `mark`. */
  confirms(topic: string, partition: number, offset: string, mark: number): boolean {
    const c = this.confirmed.get(`${topic}/${partition}`);
    return c !== undefined && c.seq > mark && c.offset >= BigInt(offset);
  }
}
