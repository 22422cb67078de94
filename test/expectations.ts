import { createSimulator, type SimulatorOptions } from '../ingest/simulator/generator.ts';
import { truthMentions } from '../ingest/simulator/truth.ts';

/** What the pipeline must produce for a simulator run: the exact post ids and the keys of malformed items. */
export function expectedFromSimulator(options: SimulatorOptions): {
  postIds: Set<string>;
  malformedKeys: Set<string>;
} {
  const postIds = new Set<string>();
  const malformedKeys = new Set<string>();
  for (const item of createSimulator(options).items(0)) {
    if (item.truth.malformed) {
      malformedKeys.add(`simulator:${item.nativeId}`);
      continue;
    }
    postIds.add(item.truth.postId);
    if (item.truth.ownerReply) postIds.add(item.truth.ownerReply.postId);
  }
  return { postIds, malformedKeys };
}

/**
 * The mentions a simulator run must produce: per `brand|direction` the number of posts (each post counts once
 * for every brand it is about; a review's owner reply is a brand → customer mention of the review's brand), and
 * per post its first brand's direction and its thread's final mode.
 */
export function expectedMentionsFromSimulator(options: SimulatorOptions): {
  counts: Map<string, number>;
  total: number;
  byPost: Map<string, { brand: string; direction: string; mode: string }>;
} {
  const counts = new Map<string, number>();
  const byPost = new Map<string, { brand: string; direction: string; mode: string }>();
  let total = 0;
  for (const item of createSimulator(options).items(0)) {
    for (const m of truthMentions(item.truth)) {
      const key = `${m.brand}|${m.direction}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
      // Direction and mode are graded for the first brand (the truth gives the direction of that one).
      if (m.brand === item.truth.brands[0])
        byPost.set(m.postId, { brand: m.brand, direction: m.direction, mode: item.truth.threadMode });
    }
  }
  return { counts, total, byPost };
}
