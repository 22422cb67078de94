import { createHash } from 'node:crypto';
import { maskRegisteredSecrets, redactText } from '../../core/redact.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';

/** Something a connector fetched but cannot produce: an item or a response it does not understand. */
export interface RejectedItem {
  /** Why, in words an operator understands ("status has no id", "response is not a Reddit listing"). */
  reason: string;
  /** What was received, as it was (an object or the response text). */
  payload: unknown;
  /** `<source>:<native id>` when known. */
  key?: string;
  /** Which stage rejected it (default `fetch`). */
  step?: string;
}

/**
 * A rejected item as a DeadLetter on `lateral.dlq.v1`. It never reached a topic, so topic/partition/offset
 * name where it would have gone (`rawTopic`, 0, 0) and the id is a hash of the content, so the same bad item
 * fetched twice is one row in ClickHouse.
 */
export function rejectedToDeadLetter(
  item: RejectedItem,
  sourceId: string,
  rawTopic: string,
  at = new Date(),
): DeadLetter {
  const payload = typeof item.payload === 'string' ? item.payload : (JSON.stringify(item.payload) ?? 'null');
  const step = item.step ?? 'fetch';
  const hash = createHash('sha256')
    .update(`${sourceId}\n${item.reason}\n${payload}`)
    .digest('hex')
    .slice(0, 24);
  return {
    id: `${rawTopic}/ingest/${sourceId}/${hash}/${step}`,
    topic: rawTopic,
    partition: 0,
    offset: '0',
    key: item.key ?? null,
    component: `ingest.${sourceId}`,
    step,
    // A platform's error response may quote the request (and its key): credentials are masked.
    error: redactText(`${sourceId}: ${item.reason}`).slice(0, 4000),
    payload: maskRegisteredSecrets(payload.slice(0, 1_000_000)),
    payloadEncoding: 'utf8',
    at: at.toISOString(),
  };
}
