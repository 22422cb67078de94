import type { Runtime } from '../../../core/runtime.ts';
import { EnrichedPost, type EnrichedMessage } from '../../../schema/enriched.ts';
import { topicName } from '../../../schema/topics.ts';
import { createTrustedDecodeStep, readValue } from '../../framework/decode.ts';
import type { MessageOrigin } from '../../framework/dead-letters.ts';
import { KafkaEmitter } from '../../framework/kafka-emitter.ts';
import { defineProcessor } from '../../framework/spec.ts';
import { Chain, drop, nested, ok, type Runnable } from '../../framework/step.ts';
import { readPartitionsToEnd } from '../../../core/partition-reader.ts';
import type { ThreadOutput } from '../threads/brand-threads.ts';
import { ThreadStage } from '../threads/thread-stage.ts';

/** How far back (Kafka time) the input is read after a restart for thread candidates still waiting. */
export const PENDING_RESTORE_MS = 24 * 3_600_000;

/** Outputs of the threads stage as Kafka messages: mentions keyed by brand, interactions by their target. */
export function threadOutputMessages(
  ns: string,
): (o: ThreadOutput) => { topic: string; key: string; value: unknown }[] {
  const mentions = topicName('mentions', ns);
  const interactions = topicName('interactions', ns);
  return (o) => [
    ...o.mentions.map((m) => ({ topic: mentions, key: m.brand, value: m })),
    ...o.interactions.map((i) => ({ topic: interactions, key: i.to, value: i })),
  ];
}

const looksLikeEnriched = (v: Record<string, unknown>) =>
  typeof v.brand === 'string' &&
  ((v.kind === 'post' && typeof v.post === 'object' && v.post !== null) ||
    (v.kind === 'sentiment' && typeof v.postId === 'string'));

// Written by enrich (posts validated where they entered) or by `lateral sentiment rescore`: parsed only.
const decodeEnriched = Chain.of(readValue).then(
  createTrustedDecodeStep<EnrichedMessage>('enriched message', looksLikeEnriched),
);

/** Decodes an enriched message and threads it in the engine of its input partition. */
export function createThreadsChain(
  apply: (partition: number, message: EnrichedMessage) => ThreadOutput | undefined,
  decode: Runnable<MessageOrigin, EnrichedMessage> = decodeEnriched,
): Chain<MessageOrigin, ThreadOutput> {
  return Chain.of(
    nested('thread', decode, (message, m: MessageOrigin) => {
      const out = apply(m.partition, message);
      return out ? ok(out) : drop('author erased (lateral forget-author)');
    }),
  );
}

/**
 * After a restart, reads the recent messages of `topic` back and hands the thread candidates still waiting
 * (`candidates` of each message) to the stage, in the background: a parent that comes later than that after a
 * restart finds none waiting.
 */
export function restorePendingCandidates(
  rt: Runtime,
  stage: ThreadStage,
  options: {
    topic: string;
    /** Default: every partition. */
    partitions?: number[];
    /** The candidates a message read back holds, each with the slot (engine) it waits in. */
    candidates: (partition: number, message: unknown) => Iterable<readonly [number, EnrichedPost]>;
  },
): void {
  stage.restorePendingInBackground((hold) =>
    readPartitionsToEnd(rt.kafka, {
      topic: options.topic,
      ...(options.partitions ? { partitions: options.partitions } : {}),
      fromTimestamp: Date.now() - Math.min(rt.config.threads.horizonDays * 86_400_000, PENDING_RESTORE_MS),
      onMessage: (partition, value) => {
        if (!value) return;
        let message: unknown;
        try {
          message = JSON.parse(value.toString('utf8'));
        } catch {
          return; // dead-lettered when it was consumed
        }
        for (const [slot, candidate] of options.candidates(partition, message)) hold(slot, candidate);
      },
    }),
  );
}

/**
 * enriched → mentions + interactions. Keyed by brand, so one worker sees all of a brand's messages: one
 * engine per partition of `lateral.enriched.v1`, rebuilt on every assignment from the same partition of
 * `lateral.mentions.v1` (same key, same partition count; processors/enrich/threads/thread-stage.ts).
 */
export const threadsProcessor = defineProcessor<ThreadOutput>({
  name: 'threads',
  layouts: ['components'],
  inputs: ['enriched'],
  outputs: ['mentions', 'interactions'],
  deadLetters: true,
  deploy: {
    replicas: 1,
    cpu: '250m',
    memory: '1Gi',
    memoryLimit: '2Gi',
    note:
      'Keyed by brand: each replica owns whole brands and rebuilds their threads from lateral.mentions.v1 on ' +
      'assignment; memory grows with the posts of threads.horizonDays.',
    hostPort: 9468,
  },
  build: (rt, self) => {
    const ns = rt.config.namespace;
    const enrichedTopic = topicName('enriched', ns);
    const stage = new ThreadStage(rt, self.log);
    return {
      chain: createThreadsChain((partition, message) => stage.apply(partition, message)),
      emitter: new KafkaEmitter(rt.producer, 'threads', threadOutputMessages(ns)),
      start: () => stage.start(),
      stop: () => stage.stop(),
      restore: async (assignment, heartbeat) => {
        const partitions = assignment[enrichedTopic] ?? [];
        await stage.rebuild(partitions, partitions, (p) => p, heartbeat);
        // Waiting candidates are read back from the recent input.
        restorePendingCandidates(rt, stage, {
          topic: enrichedTopic,
          partitions,
          candidates: (partition, message) => {
            const parsed = EnrichedPost.safeParse(message);
            return parsed.success && parsed.data.matchedBy === 'thread' ? [[partition, parsed.data]] : [];
          },
        });
      },
    };
  },
});
