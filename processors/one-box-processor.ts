import { setHealthCondition } from '../core/metrics.ts';
import type { Runtime } from '../core/runtime.ts';
import { EnrichedMessage, type EnrichedPost } from '../schema/enriched.ts';
import type { Post } from '../schema/post.ts';
import { topicName } from '../schema/topics.ts';
import { analyzerFromConfig } from './enrich/pipeline/analyzer-from-config.ts';
import { restorePendingCandidates, threadOutputMessages } from './enrich/processors/threads-processor.ts';
import type { ThreadOutput } from './enrich/threads/brand-threads.ts';
import { ThreadStage } from './enrich/threads/thread-stage.ts';
import { createForgetErasedPostsStep, erasuresOf } from './erasure/steps.ts';
import { createValidateStep, decodedMessage } from './framework/decode.ts';
import { KafkaEmitter } from './framework/kafka-emitter.ts';
import { defineProcessor } from './framework/spec.ts';
import { drop, ok, step } from './framework/step.ts';
import { createPostEraser } from './normalize/post-erasure.ts';
import { createNormalizeChain } from './normalize/steps.ts';

export interface OneBoxOutput {
  posts: Post[];
  threads: ThreadOutput;
}

/** All brands share one thread engine: the one-box processor is a single member that sees every brand. */
const ALL_BRANDS = 0;

/**
 * The one-box layout (docs/architecture.md, layouts): raw → normalize → enrich → threads in one consumer
 * group and one process, without the `lateral.enriched.v1` hop. It produces what the three processors of
 * the components layout produce (posts, mentions, interactions, dead letters), with the same crash
 * semantics: raw offsets are committed only after all of a batch's outputs are acknowledged, and the thread
 * state is rebuilt from the mentions topic after every (re)assignment. Validation happens where data enters
 * (the raw envelope and every normalised post); the analysed records never leave the process. Re-scores
 * (`lateral sentiment rescore`) still arrive on the enriched topic, which this processor also consumes.
 *
 * Every brand's thread state lives in this one member, so the layout runs as a single instance: a second
 * instance would split the brands' messages. A partial assignment is reported as unhealthy.
 */
export const oneBoxProcessor = defineProcessor<OneBoxOutput>({
  name: 'one-box',
  layouts: ['one-box'],
  inputs: ['raw', 'enriched'],
  outputs: ['posts', 'mentions', 'interactions'],
  deadLetters: true,
  // One batch at a time: a later batch's outputs (a re-emission of a thread) must never reach Kafka before an
  // earlier batch's (that thread's first emission), or a crash between them loses the first emission the
  // rollups count. Consuming three partitions at once broke exactly that in the kill -9 test.
  concurrency: 1,
  singleInstance: true,
  build: (rt, self) => {
    const ns = rt.config.namespace;
    const enrichedTopic = topicName('enriched', ns);
    const postsTopic = topicName('posts', ns);
    const stage = new ThreadStage(rt, self.log);
    const analyzer = analyzerFromConfig(rt.config);

    const threadAll = (records: readonly EnrichedMessage[], out: ThreadOutput) => {
      for (const e of records) {
        const o = stage.apply(ALL_BRANDS, e);
        if (!o) continue;
        for (const m of o.mentions) out.mentions.push(m);
        for (const i of o.interactions) out.interactions.push(i);
      }
    };

    const fromRaw = createNormalizeChain(undefined, { erasePosts: createPostEraser(rt.clickhouse) })
      .then(createForgetErasedPostsStep(erasuresOf(rt)))
      .then(
        step('analyze-thread', async (posts: Post[]) => {
          const a = await analyzer;
          const threads: ThreadOutput = { mentions: [], interactions: [] };
          for (const post of posts) {
            const enriched = a.analyze(post);
            // A reply that names no brand may sit in a brand's thread (see the enrich processor).
            threadAll(enriched.length > 0 ? enriched : a.threadCandidates(post), threads);
          }
          return ok({ posts, threads });
        }),
      );
    // Sentiment re-scores are written by a command, not by this process: validated as any input.
    const fromEnriched = decodedMessage()
      .then(createValidateStep('validate-enriched', EnrichedMessage, 'enriched message'))
      .then(
        step('thread', (message: EnrichedMessage) => {
          const threads: ThreadOutput = { mentions: [], interactions: [] };
          threadAll([message], threads);
          return threads.mentions.length + threads.interactions.length > 0
            ? ok({ posts: [], threads })
            : drop('nothing to update');
        }),
      );
    const threadMessages = threadOutputMessages(ns);
    return {
      chain: { run: (m) => (m.topic === enrichedTopic ? fromEnriched.run(m) : fromRaw.run(m)) },
      emitter: new KafkaEmitter(rt.producer, 'one-box', (o: OneBoxOutput) => [
        ...o.posts.map((post) => ({ topic: postsTopic, key: post.postId, value: post })),
        ...threadMessages(o.threads),
      ]),
      start: () => stage.start(),
      stop: () => stage.stop(),
      restore: async (assignment, heartbeat) => {
        await reportPartialAssignment(rt, assignment, (missing) =>
          self
            .log()
            ?.error(
              { missing },
              'the one-box layout runs as a single instance: this member does not own every partition',
            ),
        );
        await stage.rebuild([ALL_BRANDS], undefined, () => ALL_BRANDS, heartbeat);
        // Waiting thread candidates are not in the output: they are found again among the recent posts.
        const a = await analyzer;
        restorePendingCandidates(rt, stage, {
          topic: postsTopic,
          candidates: (_partition, message) => {
            const post = message as Post; // written by this processor, validated then
            if (!post.replyTo && !post.quoteOf && !post.repostOf) return [];
            if (a.match(post).length > 0) return [];
            return (a.threadCandidates(post) as EnrichedPost[]).map((c) => [ALL_BRANDS, c] as const);
          },
        });
      },
    };
  },
});

/** Health says so when this member was given only part of its inputs (another instance runs). */
async function reportPartialAssignment(
  rt: Runtime,
  assignment: Record<string, number[]>,
  warn: (missing: Record<string, number>) => void,
): Promise<void> {
  const admin = rt.kafka.admin();
  await admin.connect();
  try {
    const missing: Record<string, number> = {};
    for (const [topic, owned] of Object.entries(assignment)) {
      const total = (await admin.fetchTopicOffsets(topic)).length;
      if (owned.length < total) missing[topic] = total - owned.length;
    }
    const partial = Object.keys(missing).length > 0;
    if (partial) warn(missing);
    setHealthCondition(
      'one-box',
      'layout',
      partial ? 'partial assignment: the one-box layout must run as a single instance' : undefined,
    );
  } finally {
    await admin.disconnect();
  }
}
