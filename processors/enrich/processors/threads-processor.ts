import { readPartitionsToEnd } from '../../../core/partition-reader.ts';
import type { Runtime } from '../../../core/runtime.ts';
import { metrics } from '../../../core/metrics.ts';
import { EnrichedMessage, EnrichedPost } from '../../../schema/enriched.ts';
import { Mention } from '../../../schema/mention.ts';
import { topicName } from '../../../schema/topics.ts';
import { createDecodeJsonStep, createValidateStep } from '../../framework/decode.ts';
import type { MessageOrigin } from '../../framework/dead-letters.ts';
import { KafkaEmitter } from '../../framework/kafka-emitter.ts';
import { ProcessorRunner, type ProcessorOptions } from '../../framework/runner.ts';
import { Chain, drop, ok, step } from '../../framework/step.ts';
import { acquireErasures, erasuresOf, releaseErasures } from '../../erasure/steps.ts';
import { scrubEnriched, scrubMention } from '../../erasure/scrub.ts';
import { AuthorTrustTable } from '../threads/author-trust.ts';
import { ThreadsEngine } from '../threads/engine.ts';
import type { ThreadOutput } from '../threads/brand-threads.ts';

type Hooks = Pick<ProcessorOptions<unknown>, 'onBatch'>;

/** How far back (Kafka time) the input is read after a restart for thread candidates still waiting. */
const PENDING_RESTORE_MS = 24 * 3_600_000;

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
  const erased = erasuresOf(rt);

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
      const message = scrubEnriched(decoded.value, erased);
      if (!message) return drop('author erased (lateral forget-author)');
      let engine = engines.get(m.partition);
      if (!engine)
        engines.set(m.partition, (engine = new ThreadsEngine(rt.config.brands, limits, Date.now, standing)));
      return ok(engine.apply(message));
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
          if (!parsed?.success) bad++;
          else {
            // Erased authors' mentions stay in the topic until retention removes them: never restored.
            const mention = scrubMention(parsed.data, erased);
            if (mention) engines.get(partition)!.restore(mention);
          }
        },
        onProgress: heartbeat,
      });
      for (const e of engines.values()) e.finishRestore();
      // Thread candidates still waiting for their thread are not in the output: they are read back from the
      // input (the recent part of it; a parent that comes later than that after a restart finds none waiting).
      // In the background, so a rebalance is not held up: a candidate consumed meanwhile is settled or held as
      // usual, and holding one twice is a no-op. The engines of this assignment only: after a later rebalance
      // this read must not touch (or settle from) engines that are still being rebuilt.
      const restoring = new Map(engines);
      void readPartitionsToEnd(rt.kafka, {
        topic: topicName('enriched', ns),
        partitions,
        fromTimestamp: Date.now() - Math.min(limits.horizonMs, PENDING_RESTORE_MS),
        onMessage: (partition, value) => {
          if (!value) return;
          let raw: unknown;
          try {
            raw = JSON.parse(value.toString('utf8'));
          } catch {
            return; // dead-lettered when it was consumed
          }
          const parsed = EnrichedPost.safeParse(raw);
          if (!parsed.success || parsed.data.matchedBy !== 'thread') return;
          const e = scrubEnriched(parsed.data, erased);
          if (e?.kind === 'post') restoring.get(partition)?.restorePending(e);
        },
      })
        .then(async (candidates) => {
          // What the stream brought meanwhile may be the thread a restored candidate waited for.
          const settled = {
            mentions: [] as ThreadOutput['mentions'],
            interactions: [] as ThreadOutput['interactions'],
          };
          for (const [partition, e] of restoring) {
            if (engines.get(partition) !== e) continue; // re-assigned since: that assignment reads its own back
            const o = e.settleWaiting();
            settled.mentions.push(...o.mentions);
            settled.interactions.push(...o.interactions);
          }
          if (settled.mentions.length + settled.interactions.length > 0)
            await rt.producer.sendBatch({
              acks: -1,
              topicMessages: [
                {
                  topic: mentionsTopic,
                  messages: settled.mentions.map((m) => ({ key: m.brand, value: JSON.stringify(m) })),
                },
                {
                  topic: interactionsTopic,
                  messages: settled.interactions.map((x) => ({ key: x.to, value: JSON.stringify(x) })),
                },
              ].filter((t) => t.messages.length > 0),
            });
          holder.runner?.log.info(
            {
              partitions,
              candidatesRead: candidates,
              settled: settled.mentions.length,
              pending: [...restoring.values()].reduce((n, e) => n + e.pending, 0),
            },
            'waiting thread candidates read back',
          );
        })
        .catch((err: unknown) =>
          holder.runner?.log.warn(
            { err },
            'waiting thread candidates not read back (they wait for the next restart)',
          ),
        );
      const posts = [...engines.values()].reduce((n, e) => n + e.posts, 0);
      metrics.threadPosts.set(posts);
      holder.runner?.log.info(
        {
          partitions,
          mentionsRead: read,
          unreadable: bad,
          posts,
          seconds: (Date.now() - started) / 1000,
        },
        'thread state rebuilt from mentions',
      );
    },
    ...hooks,
  });
  // The author table follows lateral.authors.v1 for as long as the processor runs.
  const start = runner.start.bind(runner);
  const stop = runner.stop.bind(runner);
  runner.start = async () => {
    await acquireErasures(rt);
    erased.onErasure(() => {
      let n = 0;
      for (const e of engines.values()) n += e.eraseAuthors(erased);
      holder.runner?.log.info({ messages: n }, 'erased author purged from thread state');
    });
    await trust.start(rt.kafka, topicName('authors', ns));
    await start();
  };
  runner.stop = async () => {
    await stop();
    await trust.stop();
    await releaseErasures(rt);
  };
  holder.runner = runner;
  return runner;
}
