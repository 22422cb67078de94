import type { Runtime } from '../../../core/runtime.ts';
import { EnrichedPost, type EnrichedMessage } from '../../../schema/enriched.ts';
import { topicName } from '../../../schema/topics.ts';
import { createTrustedDecodeStep } from '../../framework/decode.ts';
import type { MessageOrigin } from '../../framework/dead-letters.ts';
import { KafkaEmitter } from '../../framework/kafka-emitter.ts';
import { ProcessorRunner, type ProcessorOptions } from '../../framework/runner.ts';
import { Chain, drop, ok, step } from '../../framework/step.ts';
import { readPartitionsToEnd } from '../../../core/partition-reader.ts';
import type { ThreadOutput } from '../threads/brand-threads.ts';
import { ThreadStage } from '../threads/thread-stage.ts';

type Hooks = Pick<ProcessorOptions<unknown>, 'onBatch'>;

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

/**
 * enriched → mentions + interactions. Keyed by brand, so one worker sees all of a brand's messages: one
 * engine per partition of `lateral.enriched.v1`, rebuilt on every assignment from the same partition of
 * `lateral.mentions.v1` (same key, same partition count; processors/enrich/threads/thread-stage.ts).
 */
export function createThreadsProcessor(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<ThreadOutput> {
  const ns = rt.config.namespace;
  const enrichedTopic = topicName('enriched', ns);
  const holder: { runner?: ProcessorRunner<ThreadOutput> } = {};
  const stage = new ThreadStage(rt, () => holder.runner?.log);

  // Written by enrich (posts validated where they entered) or by `lateral sentiment rescore`: parsed only.
  const decode = Chain.of(step('read-value', (m: MessageOrigin) => ok(m.value))).then(
    createTrustedDecodeStep<EnrichedMessage>('enriched message', looksLikeEnriched),
  );
  const chain = Chain.of(
    step('thread', async (m: MessageOrigin) => {
      const decoded = await decode.run(m);
      if (decoded.kind !== 'ok')
        return decoded.kind === 'dlq'
          ? { kind: 'dlq' as const, error: decoded.reason }
          : { kind: 'drop' as const, reason: decoded.reason };
      const out = stage.apply(m.partition, decoded.value);
      return out ? ok(out) : drop('author erased (lateral forget-author)');
    }),
  );

  const runner = new ProcessorRunner<ThreadOutput>({
    component: 'threads',
    namespace: ns,
    inputTopic: enrichedTopic,
    dlqTopic: topicName('dlq', ns),
    chain,
    emitter: new KafkaEmitter(rt.producer, 'threads', threadOutputMessages(ns)),
    kafka: rt.kafka,
    lifecycle: stage,
    onAssigned: async (assignment, heartbeat) => {
      const partitions = assignment[enrichedTopic] ?? [];
      await stage.rebuild(partitions, partitions, (p) => p, heartbeat);
      // Waiting candidates are read back from the recent input (a parent that comes later than that after a
      // restart finds none waiting).
      stage.restorePendingInBackground((hold) =>
        readPartitionsToEnd(rt.kafka, {
          topic: enrichedTopic,
          partitions,
          fromTimestamp:
            Date.now() - Math.min(rt.config.threads.horizonDays * 86_400_000, PENDING_RESTORE_MS),
          onMessage: (partition, value) => {
            if (!value) return;
            let raw: unknown;
            try {
              raw = JSON.parse(value.toString('utf8'));
            } catch {
              return; // dead-lettered when it was consumed
            }
            const parsed = EnrichedPost.safeParse(raw);
            if (parsed.success && parsed.data.matchedBy === 'thread') hold(partition, parsed.data);
          },
        }),
      );
    },
    ...hooks,
  });
  holder.runner = runner;
  return runner;
}
