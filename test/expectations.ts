import { createSimulator, type SimulatorOptions } from '../ingest/simulator/generator.ts';

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
