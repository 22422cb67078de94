import {
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type Producer,
  type ITopicConfig,
  type LogEntry,
} from 'kafkajs';
import type { LateralConfig } from '../schema/config.ts';
import { topicName, topics, type TopicKey } from '../schema/topics.ts';
import { createLogger } from './logger.ts';
import { retry } from './retry.ts';

const kafkaLog = createLogger('kafkajs');

/** Routes kafkajs' own logs into pino JSON (warn and above; its info chatter is noise). */
function pinoLogCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    if (level === logLevel.ERROR) kafkaLog.error(extra, message);
    else if (level === logLevel.WARN) kafkaLog.warn(extra, message);
  };
}

export function createKafka(config: LateralConfig, clientSuffix = ''): Kafka {
  return new Kafka({
    clientId: clientSuffix ? `${config.kafka.clientId}-${clientSuffix}` : config.kafka.clientId,
    brokers: config.kafka.brokers,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator,
    connectionTimeout: 5000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/** An acks=all producer; the default partitioner hashes keys like the Java client (murmur2). */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    maxInFlightRequests: 5,
    idempotent: false,
  });
}

/** Consumer group id of a component within a namespace. */
export function groupId(namespace: string, component: string): string {
  return namespace ? `${namespace}.lateral.${component}` : `lateral.${component}`;
}

export function topicConfig(key: TopicKey, namespace: string): ITopicConfig {
  const spec = topics[key];
  const configEntries: { name: string; value: string }[] = [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
  ];
  if ('retentionMs' in spec && spec.retentionMs !== undefined) {
    configEntries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  }
  if (spec.cleanupPolicy === 'compact') {
    // Compact soon after a segment rolls so the cursor topic stays small. A superseded record or a tombstoned
    // key is gone within max.compaction.lag.ms + delete.retention.ms (erasure bound, README "Erasure").
    configEntries.push({ name: 'segment.ms', value: String(3600_000) });
    configEntries.push({ name: 'min.cleanable.dirty.ratio', value: '0.1' });
    configEntries.push({ name: 'max.compaction.lag.ms', value: String(2 * 86_400_000) });
    configEntries.push({ name: 'delete.retention.ms', value: String(86_400_000) });
  } else {
    // Retention deletes whole segments: daily segments keep a record at most retention.ms + 1 day.
    configEntries.push({ name: 'segment.ms', value: String(86_400_000) });
  }
  return {
    topic: topicName(key, namespace),
    numPartitions: spec.partitions,
    replicationFactor: -1, // broker default: 1 on the local stack, the cluster's default elsewhere
    configEntries,
  };
}

/**
 * Creates the registry's topics when missing; existing topics are left as they are (idempotent).
 * Returns the names that were created.
 */
export async function ensureTopics(
  admin: Admin,
  namespace: string,
  keys: TopicKey[] = Object.keys(topics) as TopicKey[],
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = keys.map((k) => topicConfig(k, namespace)).filter((t) => !existing.has(t.topic));
  if (missing.length === 0) return [];
  try {
    await admin.createTopics({ topics: missing, waitForLeaders: false });
  } catch (err) {
    // Another process may have created them at the same moment; that is fine.
    if (!/already exists/i.test((err as Error).message)) throw err;
  }
  // kafkajs's own leader wait gives up on "does not host this topic-partition", which a busy broker answers
  // for a moment after creating many partitions; poll the metadata with backoff instead.
  await retry(
    async () => {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: missing.map((t) => t.topic) });
      const leaderless = meta.filter(
        (t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0),
      );
      if (leaderless.length > 0)
        throw new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`);
      // Metadata can name a leader a moment before it serves requests: ready means offsets can be listed.
      for (const t of missing) await admin.fetchTopicOffsets(t.topic);
    },
    { attempts: 40, maxMs: 1000 },
  );
  return missing.map((t) => t.topic);
}

/** Messages currently in a topic: sum of (high − low watermark) over its partitions. */
export async function topicMessageCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

/** Sum of (high watermark − committed offset) over a group's partitions of one topic. */
export async function consumerLag(
  admin: Admin,
  group: string,
  topic: string,
): Promise<{ lag: number; end: number; committed: number }> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId: group, topics: [topic] }),
  ]);
  const committedByPartition = new Map<number, number>();
  for (const t of committed)
    for (const p of t.partitions) committedByPartition.set(p.partition, Number(p.offset));
  let lag = 0;
  let end = 0;
  let done = 0;
  for (const p of ends) {
    const high = Number(p.high);
    const low = Number(p.low);
    const c = committedByPartition.get(p.partition) ?? -1;
    const position = c < 0 ? low : c;
    end += high - low;
    done += Math.max(0, position - low);
    lag += Math.max(0, high - position);
  }
  return { lag, end, committed: done };
}

/** Bytes per produce request, below Kafka's default 1 MB record-batch limit (`message.max.bytes`). */
export const MAX_PRODUCE_BYTES = 900_000;

/** Upper bound of a message's size on the wire (UTF-16 length ≥ UTF-8 bytes / 2, plus record overhead). */
export function messageSize(m: { key: string | null; value: string }): number {
  return m.value.length * 2 + (m.key?.length ?? 0) * 2 + 64;
}

/** Splits messages, in order, into chunks of at most `maxBytes` (a single larger message is a chunk alone). */
export function chunkBySize<M extends { key: string | null; value: string }>(
  messages: M[],
  maxBytes: number,
): M[][] {
  const chunks: M[][] = [];
  let chunk: M[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = messageSize(m);
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Produces messages in order, in requests small enough for the broker (acks=all). */
export async function produceChunked(
  producer: Producer,
  topic: string,
  messages: { key: string | null; value: string }[],
): Promise<void> {
  for (const chunk of chunkBySize(messages, MAX_PRODUCE_BYTES))
    await producer.send({ topic, acks: -1, messages: chunk });
}
