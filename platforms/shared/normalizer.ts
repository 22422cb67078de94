import type { PostInput } from '../../schema/post.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';
import { findOverlong } from './bounds.ts';

/**
 * A post the platform took down after we may have stored it (a Lemmy post or comment removed by a moderator or
 * deleted by its author): the stored copy has to go too.
 */
export interface PostErasure {
  postId: string;
  reason: string;
}

/**
 * What a normaliser makes of one platform payload: posts (a thread dump or a review with its reply gives
 * several), or nothing with the reason it is skipped (moderator notices, removed content; counted, not an
 * error), possibly with erasures of what was stored before; or an error (the payload is dead-lettered).
 */
export type NormalizeResult =
  { posts: PostInput[]; skipped?: string; erasures?: PostErasure[] } | { error: string };

/** Turns one platform payload into a result. Never throws: bad values are an `error` result. */
export type Normalizer = (payload: unknown, envelope: RawEnvelope) => NormalizeResult;

/**
 * Runs a normaliser so that nothing it does can escape as an exception: a throw (a bug, or a value no check
 * foresaw) becomes an `error` result like any other bad input. A payload with a field over the hard length
 * limit is refused before any parsing, so the work per payload stays bounded.
 */
export function runNormalizer(
  normalizer: Normalizer,
  payload: unknown,
  envelope: RawEnvelope,
): NormalizeResult {
  const overlong = findOverlong(payload, 'payload');
  if (overlong) return { error: `${envelope.source} payload refused: ${overlong}` };
  try {
    return normalizer(payload, envelope);
  } catch (err) {
    return {
      error: `${envelope.source} normaliser failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
