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
});
export type SourceCursor = z.infer<typeof SourceCursor>;
