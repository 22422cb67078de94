import { z } from 'zod';
import {
  DIRECTIONS,
  EMOTIONS,
  MODES,
  SENTIMENT_LABELS,
  SORTS,
  type Cursor,
  type MentionFilter,
  type Step,
} from '../../schema/queries/dashboard.ts';

/** A parameter the API rejects: answered 400 with the field named, never a stack trace. */
export class BadParameter extends Error {
  override name = 'BadParameter';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'query';
  throw new BadParameter(field, `${field}: ${issue.message}`);
}

export const RANGES = ['1h', '24h', '7d', '30d', 'custom'] as const;
const RANGE_MS: Record<Exclude<(typeof RANGES)[number], 'custom'>, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};
const MAX_SPAN_MS = 400 * 86_400_000;

/** Brand names follow the config's rule (schema/config.ts BrandConfig). */
const Brand = z
  .string()
  .regex(/^[a-z0-9_-]{1,64}$/, 'must be a brand name (lowercase letters, digits, _ or -)');
const Iso = z.iso.datetime({ offset: true });

const TimeFields = {
  brand: Brand,
  range: z.enum(RANGES).default('24h'),
  from: Iso.optional(),
  to: Iso.optional(),
};

export const TimeQuery = z.object(TimeFields);
export const OptionalBrandTimeQuery = z.object({ ...TimeFields, brand: Brand.optional() });

export interface TimeWindow {
  from: Date;
  to: Date;
  step: Step;
}

/** Bucket size for a span: about 50–400 points per chart. */
export function stepFor(spanMs: number): Step {
  if (spanMs <= 2 * 3_600_000) return 'minute';
  if (spanMs <= 12 * 3_600_000) return 'five';
  if (spanMs <= 2 * 86_400_000) return 'fifteen';
  if (spanMs <= 21 * 86_400_000) return 'hour';
  return 'day';
}

/** The window a request asks for; relative ranges end now (minute-aligned, plus the current minute). */
export function timeWindow(
  q: { range: (typeof RANGES)[number]; from?: string | undefined; to?: string | undefined },
  now = Date.now(),
): TimeWindow {
  if (q.range === 'custom') {
    if (!q.from) throw new BadParameter('from', 'from: required when range is custom');
    if (!q.to) throw new BadParameter('to', 'to: required when range is custom');
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (!(from < to)) throw new BadParameter('to', 'to: must be after from');
    if (to.getTime() - from.getTime() > MAX_SPAN_MS)
      throw new BadParameter('from', 'from: range longer than 400 days');
    return { from, to, step: stepFor(to.getTime() - from.getTime()) };
  }
  const span = RANGE_MS[q.range];
  const to = new Date(Math.floor(now / 60_000) * 60_000 + 60_000);
  return { from: new Date(to.getTime() - span), to, step: stepFor(span) };
}

const Flag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

export const MentionQuery = z.object({
  ...TimeFields,
  direction: z.enum(DIRECTIONS).optional(),
  mode: z.enum(MODES).optional(),
  sentiment: z.enum(SENTIMENT_LABELS).optional(),
  emotion: z.enum(EMOTIONS).optional(),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be a language code')
    .optional(),
  source: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'must be a source name')
    .optional(),
  q: z.string().max(200).optional(),
  hideFlagged: Flag,
  sort: z.enum(SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type MentionQuery = z.infer<typeof MentionQuery>;

export function mentionFilter(q: MentionQuery, w: TimeWindow): MentionFilter {
  return {
    brand: q.brand,
    from: w.from,
    to: w.to,
    direction: q.direction,
    mode: q.mode,
    sentiment: q.sentiment,
    emotion: q.emotion,
    lang: q.lang,
    source: q.source,
    q: q.q || undefined,
    hideFlagged: q.hideFlagged,
  };
}

const CursorShape = z.object({ v: z.number().finite(), id: z.string().min(1).max(300) });

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new BadParameter('cursor', 'cursor: not a cursor this API returned');
  }
  const parsed = CursorShape.safeParse(value);
  if (!parsed.success) throw new BadParameter('cursor', 'cursor: not a cursor this API returned');
  return parsed.data;
}

/** Post and author ids: `<source>:<native id>`, no whitespace or control characters. */
export const Id = z
  .string()
  .min(3)
  .max(300)
  .regex(/^[a-z0-9_-]+:[^\s\p{Cc}]+$/u, 'must be an id like simulator:123');

export const ThreadQuery = z.object({ brand: Brand });
export const AuthorQuery = z.object({ brand: Brand.optional() });
export const PeopleQuery = z.object({
  brand: Brand,
  limit: z.coerce.number().int().min(1).max(200).default(25),
});
export const BrandQuery = z.object({ brand: Brand });
