import type { PostInput } from '../../schema/post.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';

/** Turns one platform payload into zero or more posts (a thread dump or a review with its reply gives several). */
export type Normalizer = (
  payload: unknown,
  envelope: RawEnvelope,
) => { posts: PostInput[] } | { error: string };
