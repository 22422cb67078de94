import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { RejectedItem } from './rejects.ts';

/** A timestamp a connector can order by: ISO text Date.parse reads. */
export const ParsableTime = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a readable date-time');

/**
 * Splits a listing's entries into those carrying what the connector needs (checked by `schema`: an id, a
 * time) and the rest, which become dead letters with the reason. Valid entries keep the original, untouched
 * JSON in `raw` (the payload), next to the parsed fields the connector orders and pages by.
 */
export function splitValid<T>(
  entries: unknown[],
  schema: z.ZodType<T>,
  what: string,
  keyOf?: (entry: Record<string, unknown>) => string | undefined,
): { valid: { item: T; raw: unknown }[]; rejected: RejectedItem[] } {
  const valid: { item: T; raw: unknown }[] = [];
  const rejected: RejectedItem[] = [];
  for (const entry of entries) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) {
      valid.push({ item: parsed.data, raw: entry });
      continue;
    }
    const key = entry && typeof entry === 'object' ? keyOf?.(entry as Record<string, unknown>) : undefined;
    rejected.push({
      reason: `${what}: ${formatIssues(parsed.error).replace(/\n/g, '; ')}`,
      payload: entry,
      ...(key ? { key } : {}),
    });
  }
  return { valid, rejected };
}
