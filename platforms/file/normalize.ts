import type { PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';

/**
 * Lines of a JSON Lines import (or webhook) that are already normalised posts. Missing `fetchedAt` is taken
 * from the envelope; a line that was not valid JSON arrives as a string and is rejected with the reason.
 */
export const normalizeImport: Normalizer = (payload, envelope) => {
  if (typeof payload === 'string')
    return { error: `import line is not a JSON object: ${payload.slice(0, 200)}` };
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { error: 'import payload must be a JSON object shaped like a Post' };
  }
  const post = { fetchedAt: envelope.fetchedAt, ...(payload as Record<string, unknown>) } as PostInput;
  return { posts: [post] };
};
