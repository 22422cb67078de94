import { z } from 'zod';
import { Backfill, SourceBase } from '../../schema/source-base.ts';

/** Bluesky's Jetstream firehose (WebSocket), resumed by its microsecond time cursor. */
export const JetstreamSourceConfig = SourceBase.extend({
  type: z.literal('jetstream'),
  url: z
    .string()
    .regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')
    .default('wss://jetstream2.us-east.bsky.network/subscribe'),
  collections: z.array(z.string().min(1)).min(1).default(['app.bsky.feed.post']),
  /** Only these accounts (DIDs); absent means everyone. */
  dids: z.array(z.string().startsWith('did:')).optional(),
  /** Keep only posts whose text contains one of these (case-insensitive); absent keeps every post. */
  keywords: z.array(z.string().min(1)).optional(),
  /** With no stored cursor, start this far back (Jetstream replays about a day); absent starts live. */
  backfill: Backfill.optional(),
  /** On every (re)connect, start this far before the last event seen: the replay is deduplicated. */
  rewindSeconds: z.number().min(0).default(5),
  pageSize: z.number().int().positive().default(200),
  /** Longest wait before a partial page (and the cursor) is produced. */
  flushMs: z.number().int().positive().default(1000),
}).refine((c) => c.schedule === undefined, {
  path: ['schedule'],
  message: 'a stream runs continuously; it takes no schedule',
});
export type JetstreamSourceConfig = z.infer<typeof JetstreamSourceConfig>;
