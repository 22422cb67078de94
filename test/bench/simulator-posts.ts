import { createSimulator } from '../../platforms/simulator/generator.ts';
import { normalizeSimulator } from '../../platforms/simulator/normalize.ts';
import { Post } from '../../schema/post.ts';

/** The posts of `count` simulator items (seeded), normalised and parsed once, outside any measurement. */
export function simulatorPosts(seed: string, count: number): Post[] {
  const envelope = {
    source: 'simulator',
    sourceId: 'bench',
    fetchedAt: new Date().toISOString(),
    payload: null,
  };
  const posts: Post[] = [];
  for (const item of createSimulator({ seed, count }).items(0)) {
    const out = normalizeSimulator(item.payload, envelope);
    if (!('error' in out)) for (const p of out.posts) posts.push(Post.parse(p));
  }
  return posts;
}
