import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { DeadLetter } from '../../schema/dead-letter.ts';

export interface MessageOrigin {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | null;
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

/** Wraps a failed message with where it came from, which step gave up and why. */
export function toDeadLetter(
  origin: MessageOrigin,
  component: string,
  step: string,
  error: string,
  at = new Date(),
): DeadLetter {
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
    error: error.slice(0, 4000),
    payload: utf8 ? value.toString('utf8') : value.toString('base64'),
    payloadEncoding: utf8 ? 'utf8' : 'base64',
    at: at.toISOString(),
  };
}
