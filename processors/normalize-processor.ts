import { createForgetErasedPostsStep, erasuresOf } from './erasure/steps.ts';
import type { MessageOrigin } from './framework/dead-letters.ts';
import { KafkaEmitter } from './framework/kafka-emitter.ts';
import { defineProcessor } from './framework/spec.ts';
import type { Chain } from './framework/step.ts';
import { createPostEraser } from './normalize/post-erasure.ts';
import { createNormalizeChain } from './normalize/steps.ts';
import { topicName } from '../schema/topics.ts';

/** raw → posts: decode, validate the envelope, normalise per source, validate every post. */
export const normalizeProcessor = defineProcessor<unknown>({
  name: 'normalize',
  layouts: ['components'],
  inputs: ['raw'],
  outputs: ['posts'],
  deadLetters: true,
  concurrency: 3,
  // Erased authors are dropped here, at the edge (processors/erasure).
  erasures: true,
  deploy: {
    cpu: '250m',
    note: 'lateral.raw.v1 has 6 partitions: up to 6 replicas share the work.',
    hostPort: 9464,
  },
  build: (rt) => {
    const postsTopic = topicName('posts', rt.config.namespace);
    return {
      // Posts a platform took down after they were stored (removed Lemmy content) are erased from ClickHouse.
      chain: createNormalizeChain(undefined, { erasePosts: createPostEraser(rt.clickhouse) }).then(
        createForgetErasedPostsStep(erasuresOf(rt)),
      ) as Chain<MessageOrigin, unknown>,
      emitter: new KafkaEmitter(rt.producer, 'normalize', (posts: unknown) =>
        (posts as { postId: string }[]).map((post) => ({ topic: postsTopic, key: post.postId, value: post })),
      ),
    };
  },
});
