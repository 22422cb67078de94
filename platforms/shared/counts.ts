import type { PostInput } from '../../schema/post.ts';

type Metrics = NonNullable<PostInput['metrics']>;

/**
 * The counts a response carries, without the ones it leaves out: a null or missing count is unknown, so it is
 * absent from the post, never 0 (see schema/post.ts).
 */
export function counted(counts: { [K in keyof Metrics]?: number | null }): Metrics {
  const known: Metrics = {};
  for (const [name, value] of Object.entries(counts) as [keyof Metrics, number | null | undefined][])
    if (value != null) known[name] = value;
  return known;
}
