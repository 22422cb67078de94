import {
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type Producer,
  type ITopicConfig,
  type LogEntry,
  type IHeaders,
  type Message,
} from 'kafkajs';
import type { LateralConfig } from '../schema/config.ts';
import { topicName, topics, type TopicKey } from '../schema/topics.ts';
import { createLogger } from './logger.ts';
import { retry, type RetryOptions } from './retry.ts';

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

/**
 * The one produce path (docs/architecture.md, "One produce path, one dead-letter path"): every component sends
 * through `produce`, which chunks by count and bytes, sends each chunk acks=all in order, and retries a chunk
 * with one backoff policy.
 */

/** Bytes per produce request, below Kafka's default 1 MB record-batch limit (`message.max.bytes`). */
export const MAX_PRODUCE_BYTES = 900_000;

/** Messages per produce request: bounds a request's size in memory and its latency when messages are tiny. */
export const MAX_PRODUCE_MESSAGES = 10_000;

/** Record overhead per message in a v2 record batch (length, attributes, deltas, varints), rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

/** A message to produce: a null value is a tombstone. */
export interface ProduceMessage {
  topic: string;
  key: string | null;
  value: string | Buffer | null;
  headers?: IHeaders;
}

const byteLength = (v: string | Buffer | null | undefined): number =>
  v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.length;

/** Size of a message on the wire: its UTF-8 key, value and headers plus the record overhead (an upper bound). */
export function messageSize(m: Pick<ProduceMessage, 'key' | 'value' | 'headers'>): number {
  let size = byteLength(m.key) + byteLength(m.value) + RECORD_OVERHEAD_BYTES;
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    size += byteLength(name) + 8;
    for (const v of Array.isArray(value) ? value : [value])
      size += byteLength(v as string | Buffer | undefined);
  }
  return size;
}

export interface ChunkLimits {
  maxBytes?: number;
  maxMessages?: number;
}

/**
 * Splits messages, in order, into chunks of at most `maxMessages` messages and `maxBytes` bytes (a single
 * larger message is a chunk alone: the broker decides whether it takes it).
 */
export function chunkMessages<M extends Pick<ProduceMessage, 'key' | 'value' | 'headers'>>(
  messages: M[],
  limits: ChunkLimits = {},
): M[][] {
  const { maxBytes = MAX_PRODUCE_BYTES, maxMessages = MAX_PRODUCE_MESSAGES } = limits;
  const chunks: M[][] = [];
  let chunk: M[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = messageSize(m);
    if (chunk.length > 0 && (bytes + size > maxBytes || chunk.length >= maxMessages)) {
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

export interface ProduceOptions {
  /**
   * Attempts per chunk (default 1: the client's own retries, `createKafka`, are the only ones). Callers with
   * nobody to hand a failure to (an ingestor) retry longer; a webhook answers 503 after a few.
   */
  attempts?: number;
  /** Stops retrying once aborted. */
  signal?: AbortSignal;
  onRetry?: RetryOptions['onRetry'];
  /** Chunk limits (default: `MAX_PRODUCE_BYTES`, `MAX_PRODUCE_MESSAGES`). */
  limits?: ChunkLimits;
}

/**
 * Produces messages in order (acks=all), in chunks small enough for the broker; a chunk is sent only once the
 * one before it was acknowledged, so per-key order holds. A chunk whose messages all go to one topic is one
 * `send`; otherwise one `sendBatch` with a list per topic.
 */
export async function produce(
  producer: Producer,
  messages: ProduceMessage[],
  options: ProduceOptions = {},
): Promise<void> {
  for (const chunk of chunkMessages(messages, options.limits)) {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, key, value, headers } of chunk) {
      const list = byTopic.get(topic) ?? [];
      list.push(headers ? { key, value, headers } : { key, value });
      byTopic.set(topic, list);
    }
    const send = async (): Promise<unknown> => {
      const perTopic = [...byTopic];
      if (perTopic.length === 1) {
        const [topic, list] = perTopic[0]!;
        return producer.send({ topic, acks: -1, messages: list });
      }
      return producer.sendBatch({
        acks: -1,
        topicMessages: perTopic.map(([topic, list]) => ({ topic, messages: list })),
      });
    };
    // Backoff between attempts: core/retry.ts's (200 ms doubling, randomised, at most 30 s).
    await retry(send, {
      attempts: options.attempts ?? 1,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  }
}

/** `produce` to one topic. */
export async function produceChunked(
  producer: Producer,
  topic: string,
  messages: Omit<ProduceMessage, 'topic'>[],
  options: ProduceOptions = {},
): Promise<void> {
  await produce(
    producer,
    messages.map((m) => ({ ...m, topic })),
    options,
  );
}
