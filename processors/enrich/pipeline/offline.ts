import type { LateralConfig } from '../../../schema/config.ts';
import type { EnrichedPost } from '../../../schema/enriched.ts';
import type { Interaction, Mention } from '../../../schema/mention.ts';
import { Post } from '../../../schema/post.ts';
import type { RawEnvelope } from '../../../schema/raw-envelope.ts';
import { normalizers } from '../../normalize/registry.ts';
import { ThreadsEngine } from '../threads/engine.ts';
import type { Analyzer } from './analyze.ts';

export interface OfflineResult {
  /** Latest version per `brand|postId`. */
  mentions: Map<string, Mention>;
  interactions: Map<string, Interaction>;
  /** Mentions emitted in total, re-emissions included. */
  emitted: number;
  posts: number;
}

/**
 * The enrich and threads stages without Kafka, over raw payloads in arrival order: what the pipeline computes,
 * for evaluations and benchmarks. Mentions are routed through one engine, as if every brand shared a partition.
 */
export function runOffline(
  items: Iterable<{ source: string; payload: unknown }>,
  analyzer: Analyzer,
  config: Pick<LateralConfig, 'brands' | 'threads'>,
): OfflineResult {
  const engine = new ThreadsEngine(config.brands, {
    horizonMs: config.threads.horizonDays * 86_400_000,
    maxPosts: config.threads.maxPosts,
  });
  const result: OfflineResult = { mentions: new Map(), interactions: new Map(), emitted: 0, posts: 0 };
  const fetchedAt = new Date().toISOString();
  for (const item of items) {
    const normalize = normalizers[item.source];
    if (!normalize) continue;
    const envelope: RawEnvelope = {
      source: item.source,
      sourceId: 'offline',
      fetchedAt,
      payload: item.payload,
    };
    const out = normalize(item.payload, envelope);
    if ('error' in out) continue;
    for (const input of out.posts) {
      const parsed = Post.safeParse(input);
      if (!parsed.success) continue;
      result.posts++;
      const matched = analyzer.analyze(parsed.data);
      const list = matched.length > 0 ? matched : analyzer.threadCandidates(parsed.data);
      for (const enriched of list as EnrichedPost[]) {
        const { mentions, interactions } = engine.apply(enriched);
        result.emitted += mentions.length;
        for (const m of mentions) result.mentions.set(`${m.brand}|${m.postId}`, m);
        for (const i of interactions) result.interactions.set(i.id, i);
      }
    }
  }
  return result;
}
