import { readPartitionsToEnd } from '../../../core/partition-reader.ts';
import type { Runtime } from '../../../core/runtime.ts';
import { metrics } from '../../../core/metrics.ts';
import { EnrichedMessage } from '../../../schema/enriched.ts';
import { Mention } from '../../../schema/mention.ts';
import { topicName } from '../../../schema/topics.ts';
import { createDecodeJsonStep, createValidateStep } from '../../framework/decode.ts';
import type { MessageOrigin } from '../../framework/dead-letters.ts';
import { KafkaEmitter } from '../../framework/kafka-emitter.ts';
import { ProcessorRunner, type ProcessorOptions } from '../../framework/runner.ts';
import { Chain, ok, step } from '../../framework/step.ts';
import { AuthorTrustTable } from '../threads/author-trust.ts';
import { ThreadsEngine } from '../threads/engine.ts';
import type { ThreadOutput } from '../threads/brand-threads.ts';

type Hooks = Pick<ProcessorOptions<unknown>, 'onBatch'>;

/**
 * enriched → mentions + interactions. Keyed by brand, so one worker sees all of a brand's messages. Its state
 * (threads of the last `threads.horizonDays`) is rebuilt on every assignment from its own output: partition p
 * of `lateral.mentions.v1` holds exactly what this stage emitted for partition p of `lateral.enriched.v1`
 * (same key, same partition count). Output not yet acknowledged was not committed either, so it is recomputed.
 */
export function createThreadsProcessor(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<ThreadOutput> {
  const ns = rt.config.namespace;
  const mentionsTopic = topicName('mentions', ns);
  const interactionsTopic = topicName('interactions', ns);
  const { horizonDays, maxPosts } = rt.config.threads;
  const limits = { horizonMs: horizonDays * 86_400_000, maxPosts };
  const engines = new Map<number, ThreadsEngine>();
  const trust = new AuthorTrustTable();
  const standing = (authorId: string) => trust.get(authorId);
  const holder: { runner?: ProcessorRunner<ThreadOutput> } = {};

  const decode = Chain.of(step('read-value', (m: MessageOrigin) => ok(m.value)))
    .then(createDecodeJsonStep())
    .then(createValidateStep('validate-enriched', EnrichedMessage, 'enriched message'));
  const chain = Chain.of(
    step('thread', async (m: MessageOrigin) => {
      const decoded = await decode.run(m);
      if (decoded.kind !== 'ok')
        return decoded.kind === 'dlq'
          ? { kind: 'dlq' as const, error: decoded.reason }
          : { kind: 'drop' as const, reason: decoded.reason };
      let engine = engines.get(m.partition);
      if (!engine)
        engines.set(m.partition, (engine = new ThreadsEngine(rt.config.brands, limits, Date.now, standing)));
      return ok(engine.apply(decoded.value));
    }),
  );

  const runner = new ProcessorRunner<ThreadOutput>({
    component: 'threads',
    namespace: ns,
    inputTopic: topicName('enriched', ns),
    dlqTopic: topicName('dlq', ns),
    chain,
    emitter: new KafkaEmitter(rt.producer, 'threads', (o: ThreadOutput) => [
      ...o.mentions.map((m) => ({ topic: mentionsTopic, key: m.brand, value: m })),
      ...o.interactions.map((i) => ({ topic: interactionsTopic, key: i.to, value: i })),
    ]),
    kafka: rt.kafka,
    onAssigned: async (assignment, heartbeat) => {
      const partitions = assignment[topicName('enriched', ns)] ?? [];
      const started = Date.now();
      engines.clear();
      for (const p of partitions)
        engines.set(p, new ThreadsEngine(rt.config.brands, limits, Date.now, standing));
      let bad = 0;
      const read = await readPartitionsToEnd(rt.kafka, {
        topic: mentionsTopic,
        partitions,
        fromTimestamp: Date.now() - limits.horizonMs,
        onMessage: (partition, value) => {
          const parsed = value ? Mention.safeParse(JSON.parse(value.toString('utf8'))) : undefined;
          if (parsed?.success) engines.get(partition)!.restore(parsed.data);
          else bad++;
        },
        onProgress: heartbeat,
      });
      for (const e of engines.values()) e.finishRestore();
      const posts = [...engines.values()].reduce((n, e) => n + e.posts, 0);
      metrics.threadPosts.set(posts);
      holder.runner?.log.info(
        { partitions, mentionsRead: read, unreadable: bad, posts, seconds: (Date.now() - started) / 1000 },
        'thread state rebuilt from mentions',
      );
    },
    ...hooks,
  });
  // The author table follows lateral.authors.v1 for as long as the processor runs.
  const start = runner.start.bind(runner);
  const stop = runner.stop.bind(runner);
  runner.start = async () => {
    await trust.start(rt.kafka, topicName('authors', ns));
    await start();
  };
  runner.stop = async () => {
    await stop();
    await trust.stop();
  };
  holder.runner = runner;
  return runner;
}
