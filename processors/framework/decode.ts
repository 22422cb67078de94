import type { z } from 'zod';
import { formatIssues } from '../../core/config.ts';
import type { MessageOrigin } from './dead-letters.ts';
import { Chain, dlq, ok, step, type Step } from './step.ts';

/** JSON of a message value, or why it is not JSON. */
function parseJson(value: Buffer | null): { json: unknown } | { error: string } {
  if (value === null || value.length === 0) return { error: 'empty message value' };
  try {
    return { json: JSON.parse(value.toString('utf8')) as unknown };
  } catch (err) {
    return { error: `invalid JSON: ${(err as Error).message}` };
  }
}

/** A consumed message → its value bytes: the first step of every processor's chain. */
export const readValue: Step<MessageOrigin, Buffer | null> = step('read-value', (m: MessageOrigin) =>
  ok(m.value),
);

/** A consumed message → its value as JSON (non-JSON values are dead letters). */
export function decodedMessage(): Chain<MessageOrigin, unknown> {
  return Chain.of(readValue).then(createDecodeJsonStep());
}

/** Bytes → JSON. Empty and non-JSON values are dead letters with the parser's message. */
export function createDecodeJsonStep(): Step<Buffer | null, unknown> {
  return step('decode', (value) => {
    const parsed = parseJson(value);
    return 'json' in parsed ? ok(parsed.json) : dlq(parsed.error);
  });
}

/** Validates a value against a zod contract; the error names every failing field. */
export function createValidateStep<S extends z.ZodType>(
  name: string,
  schema: S,
  what: string,
): Step<unknown, z.infer<S>> {
  return step(name, (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success
      ? ok(parsed.data)
      : dlq(`${what}: ${formatIssues(parsed.error).replace(/\n/g, '; ')}`);
  });
}

/**
 * Bytes → a record one of our own processors wrote, checked only for its shape's marker (`looksRight`), not
 * re-validated field by field: the full contract was checked where the data entered (normalize, config,
 * webhook) and is checked again where it leaves (the sinks' rows). See docs/architecture.md §4.
 */
export function createTrustedDecodeStep<T>(
  what: string,
  looksRight: (value: Record<string, unknown>) => boolean,
): Step<Buffer | null, T> {
  return step('decode', (bytes) => {
    const parsed = parseJson(bytes);
    if ('error' in parsed) return dlq(parsed.error);
    const v = parsed.json;
    return v !== null && typeof v === 'object' && looksRight(v as Record<string, unknown>)
      ? ok(v as T)
      : dlq(`not a ${what} as this pipeline writes it`);
  });
}
