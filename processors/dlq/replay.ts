import { queryRows } from '../../core/clickhouse.ts';
import { produceChunked } from '../../core/kafka.ts';
import { createLogger } from '../../core/logger.ts';
import type { Runtime } from '../../core/runtime.ts';
import { toClickHouseDateTime } from '../../core/sql.ts';
import { dlqQueries, type DeadLetterFilter } from '../../schema/queries/reliability.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import { topicName, topics, type TopicKey } from '../../schema/topics.ts';

const log = createLogger('dlq');

export interface DeadLetterGroup {
  component: string;
  step: string;
  reason: string;
  dead_letters: string;
  topics: string;
  first_at: string;
  last_at: string;
  replayed: string;
}

/** `lateral dlq list`: dead letters by component, step and reason (from the `dead_letters` mirror). */
export async function listDeadLetters(
  rt: Runtime,
  filter: DeadLetterFilter,
  limit = 50,
): Promise<DeadLetterGroup[]> {
  return queryRows<DeadLetterGroup>(rt.clickhouse, dlqQueries.deadLetterGroups(filter, limit));
}

interface ReplayRow {
  id: string;
  topic: string;
  key: string;
  payload: string;
  payload_encoding: 'utf8' | 'base64';
  component: string;
  step: string;
  /** The dead letter's newest version (failure time, ms) as text. */
  failure_version_text: string;
}

export interface ReplayResult {
  replayed: number;
  /** Per target topic. */
  byTopic: Record<string, number>;
  /** Not replayable, with the reason (e.g. a topic of another namespace). */
  skipped: { id: string; reason: string }[];
}

/**
 * A dead letter's message as it was first produced: the payload into its original topic with its original key.
 * A connector's rejected item never reached a topic: it is wrapped in the envelope the ingestor would have
 * produced (its key names the platform).
 */
function messageOf(
  row: ReplayRow,
  ns: string,
): { topic: string; key: string | null; value: Buffer } | string {
  const own = new Set((Object.keys(topics) as TopicKey[]).map((k) => topicName(k, ns)));
  if (!own.has(row.topic)) return `topic ${row.topic} is not one of this namespace's topics`;
  const value = Buffer.from(row.payload, row.payload_encoding === 'base64' ? 'base64' : 'utf8');
  const key = row.key === '' ? null : row.key;
  if (row.component.startsWith('ingest.') && row.topic === topicName('raw', ns)) {
    const source = /^([a-z0-9_-]+):/.exec(row.key)?.[1];
    if (!source) return 'a rejected item without a <source>:<id> key: the source fetches it again';
    let payload: unknown;
    try {
      payload = JSON.parse(value.toString('utf8'));
    } catch {
      payload = value.toString('utf8');
    }
    const envelope = RawEnvelope.safeParse({
      source,
      sourceId: row.component.slice('ingest.'.length),
      fetchedAt: new Date().toISOString(),
      payload,
    });
    if (!envelope.success) return 'a rejected item that cannot be wrapped in a raw envelope';
    return { topic: row.topic, key, value: Buffer.from(JSON.stringify(envelope.data)) };
  }
  return { topic: row.topic, key, value };
}

/**
 * `lateral dlq replay`: produces the matching dead letters' original messages into their original topics
 * (acks=all), then records the replay in `dead_letter_replays`. Idempotent: a dead letter is replayed again only
 * if it failed again after its last replay, and downstream writes are idempotent by id and version, so a crash
 * between produce and record re-sends a message that changes nothing.
 */
export async function replayDeadLetters(
  rt: Runtime,
  filter: DeadLetterFilter,
  options: { pageSize?: number; dryRun?: boolean; onProgress?: (line: string) => void } = {},
): Promise<ReplayResult> {
  const pageSize = options.pageSize ?? 1000;
  const result: ReplayResult = { replayed: 0, byTopic: {}, skipped: [] };
  const ns = rt.config.namespace;
  let after = '';
  for (;;) {
    const rows = await queryRows<ReplayRow>(
      rt.clickhouse,
      dlqQueries.deadLettersToReplay(filter, after, pageSize),
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const byTopic = new Map<string, { key: string | null; value: Buffer }[]>();
    const done: ReplayRow[] = [];
    for (const row of rows) {
      const m = messageOf(row, ns);
      if (typeof m === 'string') {
        result.skipped.push({ id: row.id, reason: m });
        continue;
      }
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value }); // the bytes it had, UTF-8 or not
      byTopic.set(m.topic, list);
      done.push(row);
    }
    if (!options.dryRun) {
      for (const [topic, messages] of byTopic) await produceChunked(rt.producer, topic, messages);
      const now = new Date();
      await rt.clickhouse.insert({
        table: 'dead_letter_replays',
        format: 'JSONEachRow',
        values: done.map((r) => ({
          id: r.id,
          topic: r.topic,
          failure_version: r.failure_version_text,
          replayed_at: toClickHouseDateTime(now),
          version: now.getTime(),
        })),
      });
    }
    for (const [topic, messages] of byTopic)
      result.byTopic[topic] = (result.byTopic[topic] ?? 0) + messages.length;
    result.replayed += done.length;
    options.onProgress?.(`  ${result.replayed} replayed`);
    if (rows.length < pageSize) break;
  }
  log.info(
    { ...result, skipped: result.skipped.length },
    options.dryRun ? 'dlq replay (dry run)' : 'dlq replayed',
  );
  return result;
}
