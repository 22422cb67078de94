import { readPartitionsToEnd } from '../core/partition-reader.ts';
import { setHealthCondition } from '../core/metrics.ts';
import type { Runtime } from '../core/runtime.ts';
import { EnrichedMessage, type EnrichedPost } from '../schema/enriched.ts';
import type { Post } from '../schema/post.ts';
import { topicName } from '../schema/topics.ts';
import { analyzerFromConfig } from './enrich/pipeline/analyzer-from-config.ts';
import { PENDING_RESTORE_MS, threadOutputMessages } from './enrich/processors/threads-processor.ts';
import type { ThreadOutput } from './enrich/threads/brand-threads.ts';
import { ThreadStage } from './enrich/threads/thread-stage.ts';
import { createForgetErasedPostsStep, erasuresOf } from './erasure/steps.ts';
import { createDecodeJsonStep, createValidateStep } from './framework/decode.ts';
import type { MessageOrigin } from './framework/dead-letters.ts';
import { KafkaEmitter } from './framework/kafka-emitter.ts';
import { ProcessorRunner, type ProcessorOptions } from './framework/runner.ts';
import { Chain, drop, ok, step, type Runnable } from './framework/step.ts';
import { createPostEraser } from './normalize/post-erasure.ts';
import { createNormalizeChain } from './normalize/steps.ts';

type Hooks = Pick<ProcessorOptions<unknown>, 'onBatch'>;

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
export function createOneBoxProcessor(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<OneBoxOutput> {
  const ns = rt.config.namespace;
  const rawTopic = topicName('raw', ns);
  const enrichedTopic = topicName('enriched', ns);
  const postsTopic = topicName('posts', ns);
  const holder: { runner?: ProcessorRunner<OneBoxOutput> } = {};
  const stage = new ThreadStage(rt, () => holder.runner?.log);
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
  const fromEnriched = Chain.of(step('read-value', (m: MessageOrigin) => ok(m.value)))
    .then(createDecodeJsonStep())
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
  const chain: Runnable<MessageOrigin, OneBoxOutput> = {
    run: (m) => (m.topic === enrichedTopic ? fromEnriched.run(m) : fromRaw.run(m)),
  };

  const threadMessages = threadOutputMessages(ns);
  const runner = new ProcessorRunner<OneBoxOutput>({
    component: 'one-box',
    namespace: ns,
    inputTopic: [rawTopic, enrichedTopic],
    dlqTopic: topicName('dlq', ns),
    chain,
    emitter: new KafkaEmitter(rt.producer, 'one-box', (o: OneBoxOutput) => [
      ...o.posts.map((post) => ({ topic: postsTopic, key: post.postId, value: post })),
      ...threadMessages(o.threads),
    ]),
    kafka: rt.kafka,
    // One batch at a time: a later batch's outputs (a re-emission of a thread) must never reach Kafka before an
    // earlier batch's (that thread's first emission), or a crash between them loses the first emission the
    // rollups count. Consuming three partitions at once broke exactly that in the kill -9 test.
    partitionsConsumedConcurrently: 1,
    lifecycle: stage,
    onAssigned: async (assignment, heartbeat) => {
      await reportPartialAssignment(rt, assignment, (missing) =>
        holder.runner?.log.error(
          { missing },
          'the one-box layout runs as a single instance: this member does not own every partition',
        ),
      );
      await stage.rebuild([ALL_BRANDS], undefined, () => ALL_BRANDS, heartbeat);
      // Waiting thread candidates are not in the output: they are found again among the recent posts.
      const a = await analyzer;
      stage.restorePendingInBackground((hold) =>
        readPartitionsToEnd(rt.kafka, {
          topic: postsTopic,
          fromTimestamp:
            Date.now() - Math.min(rt.config.threads.horizonDays * 86_400_000, PENDING_RESTORE_MS),
          onMessage: (_partition, value) => {
            if (!value) return;
            let post: Post;
            try {
              post = JSON.parse(value.toString('utf8')) as Post; // written by this processor, validated then
            } catch {
              return;
            }
            if (!post.replyTo && !post.quoteOf && !post.repostOf) return;
            if (a.match(post).length > 0) return;
            for (const c of a.threadCandidates(post) as EnrichedPost[]) hold(ALL_BRANDS, c);
          },
        }),
      );
    },
    ...hooks,
  });
  holder.runner = runner;
  return runner;
}

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
