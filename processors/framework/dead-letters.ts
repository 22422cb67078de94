import { buildDeadLetter, type MessageOrigin } from '../../core/dead-letters.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';

export { deadLetterId, type MessageOrigin } from '../../core/dead-letters.ts';

/** Wraps a failed message with where it came from, which step gave up and why (core/dead-letters.ts). */
export function toDeadLetter(
  origin: MessageOrigin,
  component: string,
  step: string,
  error: string,
  at = new Date(),
): DeadLetter {
  return buildDeadLetter({ kind: 'message', origin, component, step, reason: error, at });
}
