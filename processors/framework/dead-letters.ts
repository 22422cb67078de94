import { isUtf8 } from 'node:buffer';
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
    id: `${origin.topic}/${origin.partition}/${origin.offset}/${step}`,
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
