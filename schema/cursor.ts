import { z } from 'zod';
import { IsoTime } from './post.ts';

/** Progress of one configured source: the value of the compacted `lateral.cursors.v1`, keyed by sourceId. */
export const SourceCursor = z.object({
  sourceId: z.string().min(1).max(256),
  /** Opaque to the framework; each source encodes its own position (JSON text). */
  cursor: z.string().max(65_536),
  /** Items acknowledged by Kafka up to this cursor, for progress reporting. */
  produced: z.number().int().nonnegative(),
  updatedAt: IsoTime,
  /** Creation time of the newest item produced, for the lag shown by `lateral status`. */
  newestAt: IsoTime.optional(),
  /** Items dead-lettered by the connector, over all runs. */
  rejected: z.number().int().nonnegative().optional(),
  /** Failures over all runs and the last one, for `lateral status`. */
  errors: z.number().int().nonnegative().optional(),
  lastError: z.string().max(1000).optional(),
});
export type SourceCursor = z.infer<typeof SourceCursor>;
