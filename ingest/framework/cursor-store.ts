import type { Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { SourceCursor } from '../../schema/cursor.ts';
import { topicName } from '../../schema/topics.ts';
import { createLogger } from '../../core/logger.ts';
import { produce } from '../../core/kafka.ts';

const log = createLogger('cursor-store');

/**
 * Source positions in the compacted `lateral.cursors.v1` topic (latest value per sourceId). Reading replays
 * the topic up to its end once at start-up; a compacted topic stays small, so this is cheap.
 */
export class CursorStore {
  private readonly topic: string;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    namespace: string,
  ) {
    this.topic = topicName('cursors', namespace);
  }

  async loadAll(): Promise<Map<string, SourceCursor>> {
    const cursors = new Map<string, SourceCursor>();
    const admin = this.kafka.admin();
    await admin.connect();
    let ends: { partition: number; high: string; low: string }[];
    try {
      ends = await admin.fetchTopicOffsets(this.topic);
    } finally {
      await admin.disconnect();
    }
    const remaining = new Map(
      ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
    );
    if (remaining.size === 0) return cursors;
    // A throw-away group: we only read, we never commit.
    const consumer = this.kafka.consumer({
      groupId: `lateral-cursor-reader-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        // Offsets removed by compaction at the very end cannot be reached; do not wait for them forever.
        const timeout = setTimeout(() => {
          log.warn({ remaining: [...remaining.keys()] }, 'cursor topic end not reached, using what was read');
          resolve();
        }, 15_000);
        timeout.unref();
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              if (message.key && message.value) {
                const parsed = SourceCursor.safeParse(JSON.parse(message.value.toString('utf8')));
                if (parsed.success) cursors.set(message.key.toString('utf8'), parsed.data);
                else log.warn({ key: message.key.toString('utf8') }, 'ignoring unreadable cursor');
              } else if (message.key) {
                cursors.delete(message.key.toString('utf8')); // tombstone: cursor reset
              }
              const end = remaining.get(partition);
              if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timeout);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return cursors;
  }

  async load(sourceId: string): Promise<SourceCursor | undefined> {
    return (await this.loadAll()).get(sourceId);
  }

  async save(cursor: SourceCursor): Promise<void> {
    await produce(this.producer, [
      { topic: this.topic, key: cursor.sourceId, value: JSON.stringify(SourceCursor.parse(cursor)) },
    ]);
  }

  /** Forgets a source's position (tombstone), so the next run starts from the beginning. */
  async reset(sourceId: string): Promise<void> {
    await produce(this.producer, [{ topic: this.topic, key: sourceId, value: null }]);
  }
}
