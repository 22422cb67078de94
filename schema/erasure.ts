import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IsoTime } from './post.ts';

/**
 * Who must be forgotten (`lateral forget-author`): the value of the compacted `lateral.erasures.v1`, keyed by
 * `authorIdHash`. It holds only hashes, so the list that keeps an erased person out of the pipeline does not
 * itself name them; processors hash what they see and compare.
 */
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');

export const Erasure = z.object({
  kind: z.literal('erasure'),
  /** `erasureHash(author id)`. */
  authorIdHash: Sha256,
  /** `erasureHash(handle)` of every handle the author was seen with (references in other people's posts). */
  handleHashes: z.array(Sha256).max(100).default([]),
  /** The platform (`mastodon`, `simulator`, …). */
  source: z.string().regex(/^[a-z0-9_-]+$/),
  requestedAt: IsoTime,
});
export type Erasure = z.infer<typeof Erasure>;

/** Lower-case, without the leading `@`: how handles are compared everywhere. */
export function normalizeErasedHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '').toLowerCase();
}

/** The hash stored for an author id or a handle (case-insensitive; a handle's leading `@` is ignored). */
export function erasureHash(value: string, kind: 'id' | 'handle' = 'id'): string {
  const text = kind === 'handle' ? normalizeErasedHandle(value) : value.trim().toLowerCase();
  return createHash('sha256').update(`lateral-erasure:${kind}:${text}`).digest('hex');
}

export const erasureExamples = [
  {
    kind: 'erasure',
    authorIdHash: erasureHash('simulator:u42'),
    handleHashes: [erasureHash('anna', 'handle')],
    source: 'simulator',
    requestedAt: '2026-03-02T10:00:00.000Z',
  },
] as const;
