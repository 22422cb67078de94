import type { z } from 'zod';
import { formatIssues } from '../../core/config.ts';
import { dlq, ok, step, type Step } from './step.ts';

/** Bytes → JSON. Empty and non-JSON values are dead letters with the parser's message. */
export function createDecodeJsonStep(): Step<Buffer | null, unknown> {
  return step('decode', (value) => {
    if (value === null || value.length === 0) return dlq('empty message value');
    try {
      return ok(JSON.parse(value.toString('utf8')) as unknown);
    } catch (err) {
      return dlq(`invalid JSON: ${(err as Error).message}`);
    }
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
