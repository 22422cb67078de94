import { createSimulator, type SimItem, type SimulatorOptions } from '../platforms/simulator/generator.ts';
import { truthMentions } from '../platforms/simulator/truth.ts';

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
 * Replies that do not name their brand (ground truth `threadBrand`) which no delivered message ties to it. The
 * threads stage roots a message at its highest ancestor it can reach through delivered messages (a parent that
 * never arrived, being malformed and dead-lettered, is still known by its id, so it is the root), and a thread
 * belongs to every brand one of its delivered messages names. A reply is tied to its brand when some delivered
 * message naming that brand has the same root: an ancestor, a sibling under the missing parent, a descendant.
 * The simulator gives no thread root, so nothing else links them to their brand.
 */
export function unattributableReplies(items: readonly SimItem[]): Set<string> {
  const parentOf = (t: SimItem['truth']) => t.replyTo ?? t.quoteOf ?? t.repostOf;
  const byId = new Map(items.map((i) => [i.truth.postId, i.truth]));
  const rootOf = (truth: SimItem['truth']): string => {
    for (let cur = truth; ;) {
      const id = parentOf(cur);
      if (id === undefined) return cur.postId;
      const parent = byId.get(id);
      if (!parent || parent.malformed) return id;
      cur = parent;
    }
  };
  const owned = new Set<string>();
  for (const { truth } of items)
    if (!truth.malformed && truth.threadBrand === undefined)
      for (const brand of truth.brands) owned.add(`${rootOf(truth)}|${brand}`);
  const out = new Set<string>();
  for (const { truth } of items)
    if (
      !truth.malformed &&
      truth.threadBrand !== undefined &&
      !owned.has(`${rootOf(truth)}|${truth.threadBrand}`)
    )
      out.add(truth.postId);
  return out;
}

/**
 * The mentions a simulator run must produce: per `brand|direction` the number of posts (each post counts once
 * for every brand it is about; a review's owner reply is a brand → customer mention of the review's brand), and
 * per post its first brand's direction and its thread's final mode. Replies no delivered message ties to their
 * brand (see `unattributableReplies`) are left out, and listed.
 */
export function expectedMentionsFromSimulator(options: SimulatorOptions): {
  counts: Map<string, number>;
  total: number;
  byPost: Map<string, { brand: string; direction: string; mode: string }>;
  unattributable: Set<string>;
} {
  const counts = new Map<string, number>();
  const byPost = new Map<string, { brand: string; direction: string; mode: string }>();
  let total = 0;
  const items = [...createSimulator(options).items(0)];
  const unattributable = unattributableReplies(items);
  for (const item of items) {
    if (unattributable.has(item.truth.postId)) continue;
    for (const m of truthMentions(item.truth)) {
      const key = `${m.brand}|${m.direction}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
      // Direction and mode are graded for the first brand (the truth gives the direction of that one).
      if (m.brand === item.truth.brands[0])
        byPost.set(m.postId, { brand: m.brand, direction: m.direction, mode: item.truth.threadMode });
    }
  }
  return { counts, total, byPost, unattributable };
}
