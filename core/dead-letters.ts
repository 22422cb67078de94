import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { DeadLetter } from '../schema/dead-letter.ts';
import { produce, type ProduceOptions } from './kafka.ts';
import { maskRegisteredSecrets, redactText } from './redact.ts';

/**
 * The one dead-letter path (docs/architecture.md, "One produce path, one dead-letter path"): `buildDeadLetter`
 * makes a `DeadLetter` (schema/dead-letter.ts) for a processor's failed message or an ingestor's rejected
 * item, and `DeadLetterSender` produces them through `produce` (core/kafka.ts), keyed by the original key.
 */

/** Where a failed message sat in Kafka. */
export interface MessageOrigin {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | null;
}

/** Something an ingestor fetched but cannot produce (platforms' `RejectedItem`). */
export interface RejectedInput {
  /** Why, in words an operator understands. */
  reason: string;
  /** What was received, as it was (an object or the response text). */
  payload: unknown;
  /** `<source>:<native id>` when known. */
  key?: string;
  /** Which stage rejected it (default `fetch`). */
  step?: string;
}

/** A message a processor (consumer group `component`) gave up on at `step`. */
export interface FailedMessage {
  kind: 'message';
  origin: MessageOrigin;
  component: string;
  step: string;
  reason: string;
  at?: Date;
}

/** An item source `sourceId` could not produce to `rawTopic`; the component is `ingest.<sourceId>`. */
export interface RejectedItemInput {
  kind: 'rejected';
  item: RejectedInput;
  sourceId: string;
  rawTopic: string;
  at?: Date;
}

const keyText = (key: Buffer | string | null): string | null =>
  key === null ? null : typeof key === 'string' ? key : key.toString('utf8');

/**
 * Identity of a dead letter: what failed (input topic, message key, failing step, hash of the payload), not
 * where it sat. A message produced again (an ingestor resending a page after a crash, a replay) lands at another
 * offset but is the same dead letter, so `dead_letters` counts it once.
 */
export function deadLetterId(origin: Pick<MessageOrigin, 'topic' | 'key' | 'value'>, step: string): string {
  const hash = createHash('sha256')
    .update(origin.value ?? Buffer.alloc(0))
    .digest('hex')
    .slice(0, 32);
  return `${origin.topic}/${keyText(origin.key) ?? ''}/${step}/${hash}`;
}

/**
 * Identity of a rejected item: a hash of source, reason and content, so the same bad item fetched twice is one
 * dead letter.
 */
export function rejectedDeadLetterId(
  item: RejectedInput,
  sourceId: string,
  rawTopic: string,
  payload = rejectedPayload(item),
): string {
  const hash = createHash('sha256')
    .update(`${sourceId}\n${item.reason}\n${payload}`)
    .digest('hex')
    .slice(0, 24);
  return `${rawTopic}/ingest/${sourceId}/${hash}/${item.step ?? 'fetch'}`;
}

function rejectedPayload(item: RejectedInput): string {
  return typeof item.payload === 'string' ? item.payload : (JSON.stringify(item.payload) ?? 'null');
}

/** Builds the dead letter of a failed message or a rejected item. */
export function buildDeadLetter(input: FailedMessage | RejectedItemInput): DeadLetter {
  const at = (input.at ?? new Date()).toISOString();
  if (input.kind === 'message') {
    const { origin, component, step, reason } = input;
    const value = origin.value ?? Buffer.alloc(0);
    const utf8 = isUtf8(value);
    return {
      id: deadLetterId(origin, step),
      topic: origin.topic,
      partition: origin.partition,
      offset: origin.offset,
      key: keyText(origin.key),
      component,
      step,
      error: reason.slice(0, 4000),
      payload: utf8 ? value.toString('utf8') : value.toString('base64'),
      payloadEncoding: utf8 ? 'utf8' : 'base64',
      at,
    };
  }
  const { item, sourceId, rawTopic } = input;
  const payload = rejectedPayload(item);
  // It never reached a topic: topic/partition/offset name where it would have gone (`rawTopic`, 0, 0).
  return {
    id: rejectedDeadLetterId(item, sourceId, rawTopic, payload),
    topic: rawTopic,
    partition: 0,
    offset: '0',
    key: item.key ?? null,
    component: `ingest.${sourceId}`,
    step: item.step ?? 'fetch',
    // A platform's error response may quote the request (and its key): credentials are masked.
    error: redactText(`${sourceId}: ${item.reason}`).slice(0, 4000),
    payload: maskRegisteredSecrets(payload.slice(0, 1_000_000)),
    payloadEncoding: 'utf8',
    at,
  };
}

/** Produces dead letters (acks=all) keyed by the original key, through `produce`. */
export class DeadLetterSender {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly options: ProduceOptions = {},
  ) {}

  async send(deadLetters: DeadLetter[], options: ProduceOptions = this.options): Promise<void> {
    if (deadLetters.length === 0) return;
    await produce(
      this.producer,
      deadLetters.map((d) => ({ topic: this.topic, key: d.key, value: JSON.stringify(d) })),
      options,
    );
  }
}
