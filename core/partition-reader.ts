import { randomBytes } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface ReadPartitionsOptions {
  topic: string;
  /** Absent: every partition of the topic. */
  partitions?: readonly number[];
  /** Start at the first message at or after this time (ms); absent: from the oldest message kept. */
  fromTimestamp?: number;
  /** Called for every message, in offset order per partition. */
  onMessage: (partition: number, value: Buffer | null, key: Buffer | null) => void;
  /** Called between batches (e.g. the caller's group heartbeat while it rebuilds state). */
  onProgress?: () => Promise<void>;
}

/**
 * Reads partitions of a topic from a time (or the start) up to the end they had when the read began, with a
 * throw-away consumer group that commits nothing. Processors use it to rebuild state from a topic.
 */
export async function readPartitionsToEnd(kafka: Kafka, options: ReadPartitionsOptions): Promise<number> {
  const { topic } = options;
  const admin = kafka.admin();
  await admin.connect();
  const targets = new Map<number, { start: bigint; end: bigint }>();
  let all: number[] = [];
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    all = ends.map((e) => e.partition);
    const starts =
      options.fromTimestamp !== undefined
        ? await admin.fetchTopicOffsetsByTimestamp(topic, options.fromTimestamp)
        : ends.map((e) => ({ partition: e.partition, offset: e.low }));
    for (const p of options.partitions ?? all) {
      const end = BigInt(ends.find((e) => e.partition === p)?.high ?? '0');
      const low = BigInt(ends.find((e) => e.partition === p)?.low ?? '0');
      const fromTime = starts.find((s) => s.partition === p)?.offset;
      // By timestamp, -1 means "no message that recent": nothing to read.
      const start = fromTime === undefined || fromTime === '-1' ? end : BigInt(fromTime);
      const from = start < low ? low : start;
      if (from < end) targets.set(p, { start: from, end });
    }
  } finally {
    await admin.disconnect();
  }
  if (targets.size === 0) return 0;

  const consumer = kafka.consumer({
    groupId: `lateral-restore-${randomBytes(6).toString('hex')}`,
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxWaitTimeInMs: 100,
  });
  let read = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const remaining = new Set(targets.keys());
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachBatch: async ({ batch, resolveOffset }) => {
            const target = targets.get(batch.partition);
            if (!target || !remaining.has(batch.partition)) return;
            for (const message of batch.messages) {
              const offset = BigInt(message.offset);
              if (offset < target.start) continue;
              if (offset >= target.end) break;
              options.onMessage(batch.partition, message.value, message.key);
              read++;
              resolveOffset(message.offset);
              if (offset === target.end - 1n) remaining.delete(batch.partition);
            }
            await options.onProgress?.();
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
      for (const [partition, t] of targets) consumer.seek({ topic, partition, offset: t.start.toString() });
      const others = all.filter((p) => !targets.has(p));
      if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/**
 * Follows a topic from its start with a private consumer group (`lateral-<name>-<random>`) that never
 * commits, as a table joined to the stream: `onMessages` gets each batch's messages in offset order.
 * Returns the running consumer, for the caller to disconnect.
 */
export async function followTopic(
  kafka: Kafka,
  topic: string,
  name: string,
  onMessages: (messages: readonly KafkaMessage[]) => void | Promise<void>,
): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId: `lateral-${name}-${randomBytes(6).toString('hex')}`,
    maxWaitTimeInMs: 250,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatch: async ({ batch }) => onMessages(batch.messages) });
  return consumer;
}
