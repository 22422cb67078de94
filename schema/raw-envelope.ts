import { z } from 'zod';
import { IsoTime } from './post.ts';

/**
 * What an ingestor produces to `lateral.raw.v1`: the platform's own JSON, untouched,
 * so it can be normalised again after a normaliser fix.
 */
export const RawEnvelope = z.object({
  /** Platform type, picks the normaliser (`simulator`, `mastodon`, `file`, ...). */
  source: z.string().regex(/^[a-z0-9_-]+$/),
  /** Name of the configured source instance that fetched it (for metrics and cursors). */
  sourceId: z.string().min(1).max(256).optional(),
  fetchedAt: IsoTime,
  sourceCursor: z.string().max(4096).optional(),
  /** Base URL the payload came from, for platforms whose ids are local to an instance (Mastodon, Lemmy). */
  origin: z.string().max(2048).optional(),
  payload: z.unknown(),
});
export type RawEnvelope = z.infer<typeof RawEnvelope>;

/** The envelope of one fetched item: its platform type, payload and origin, fetched by source `sourceId`. */
export function envelopeOf(
  item: { source: string; payload: unknown; origin?: string | undefined },
  sourceId: string,
  fetchedAt: string,
): RawEnvelope {
  return {
    source: item.source,
    sourceId,
    fetchedAt,
    ...(item.origin ? { origin: item.origin } : {}),
    payload: item.payload,
  };
}
