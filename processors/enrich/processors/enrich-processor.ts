import type { Post } from '../../../schema/post.ts';
import { topicName } from '../../../schema/topics.ts';
import { createTrustedDecodeStep, readValue } from '../../framework/decode.ts';
import type { MessageOrigin } from '../../framework/dead-letters.ts';
import { KafkaEmitter } from '../../framework/kafka-emitter.ts';
import { defineProcessor } from '../../framework/spec.ts';
import { Chain, drop, ok, step } from '../../framework/step.ts';
import type { EnrichedPost } from '../../../schema/enriched.ts';
import type { Analyzer } from '../pipeline/analyze.ts';
import { analyzerFromConfig } from '../pipeline/analyzer-from-config.ts';

const looksLikePost = (v: Record<string, unknown>) =>
  typeof v.postId === 'string' &&
  typeof v.text === 'string' &&
  typeof v.source === 'string' &&
  typeof v.author === 'object' &&
  v.author !== null;

/** posts → enriched: brands, language, sentiment, emotion, advocacy; one record per matched brand. */
export function createEnrichChain(analyzer: Promise<Analyzer>): Chain<MessageOrigin, EnrichedPost[]> {
  return (
    Chain.of(readValue)
      // Posts were validated by normalize, where they entered: parsed here, not validated again.
      .then(createTrustedDecodeStep<Post>('post', looksLikePost))
      .then(
        step('analyze', async (post: Post) => {
          const a = await analyzer;
          const enriched = a.analyze(post);
          if (enriched.length > 0) return ok(enriched);
          // A reply, quote or repost that names no brand may still sit in a brand's thread: only the threads
          // stage knows, and it is keyed by brand, so one candidate goes to each brand's worker, which keeps it
          // if the thread is that brand's (processors/enrich/threads/brand-threads.ts).
          const candidates = a.threadCandidates(post);
          // Other posts about no configured brand stay in `posts`; they are counted, not mentions.
          return candidates.length === 0 ? drop('no brand matched') : ok(candidates);
        }),
      )
  );
}

/** posts → enriched, keyed by brand (the threads stage's partitioning). */
export const enrichProcessor = defineProcessor<EnrichedPost[]>({
  name: 'enrich',
  layouts: ['components'],
  inputs: ['posts'],
  outputs: ['enriched'],
  deadLetters: true,
  concurrency: 3,
  deploy: {
    cpu: '250m',
    memory: '512Mi',
    memoryLimit: '1Gi',
    note: 'lateral.posts.v1 has 6 partitions: up to 6 replicas share the work (stateless: brands, language, sentiment).',
    hostPort: 9467,
  },
  build: (rt) => {
    const out = topicName('enriched', rt.config.namespace);
    return {
      chain: createEnrichChain(analyzerFromConfig(rt.config)),
      emitter: new KafkaEmitter(rt.producer, 'enrich', (list: EnrichedPost[]) =>
        list.map((e) => ({ topic: out, key: e.brand, value: e })),
      ),
    };
  },
});
