import type { Runtime } from '../core/runtime.ts';
import { createLogger } from '../core/logger.ts';
import { DeadLetter } from '../schema/dead-letter.ts';
import { topicName, type TopicKey } from '../schema/topics.ts';
import { createDecodeJsonStep, createValidateStep } from './framework/decode.ts';
import { DeadLetterProducer } from './framework/dead-letter-producer.ts';
import type { MessageOrigin } from './framework/dead-letters.ts';
import { KafkaEmitter } from './framework/kafka-emitter.ts';
import { ProcessorRunner, type ProcessorOptions } from './framework/runner.ts';
import { Chain, drop, ok, step } from './framework/step.ts';
import { createNormalizeChain } from './normalize/steps.ts';
import { createPostEraser } from './normalize/post-erasure.ts';
import { ClickHouseSink } from './sink/clickhouse-sink.ts';
import { createValidatePostsStep } from './normalize/steps.ts';
import { authorRows, deadLetterRow, interactionRow, mentionRow, postRow } from './sink/rows.ts';
import { Interaction, Mention } from '../schema/mention.ts';
import { createEnrichProcessor } from './enrich/processors/enrich-processor.ts';
import { createThreadsProcessor } from './enrich/processors/threads-processor.ts';
import { createScoreProcessor } from './score/processor.ts';
import { createOneBoxProcessor } from './one-box-processor.ts';
import type { Layout } from '../schema/config.ts';
import { AuthorsMessage } from '../schema/author-score.ts';
import {
  createForgetErasedPostsStep,
  createForgetErasedStep,
  erasuresOf,
  withErasures,
} from './erasure/steps.ts';
import {
  deadLetterNamesErased,
  scrubAuthorsMessage,
  scrubInteraction,
  scrubMention,
} from './erasure/scrub.ts';

type Hooks = Pick<ProcessorOptions<unknown>, 'onBatch'>;

/** raw → posts: decode, validate the envelope, normalise per source, validate every post. */
export function createNormalizeProcessor(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<unknown> {
  const ns = rt.config.namespace;
  const postsTopic = topicName('posts', ns);
  const emitter = new KafkaEmitter(rt.producer, 'normalize', (posts: unknown) =>
    (posts as { postId: string }[]).map((post) => ({ topic: postsTopic, key: post.postId, value: post })),
  );
  // Erased authors are dropped here, at the edge (processors/erasure).
  const runner = new ProcessorRunner<unknown>({
    component: 'normalize',
    namespace: ns,
    inputTopic: topicName('raw', ns),
    dlqTopic: topicName('dlq', ns),
    // Posts a platform took down after they were stored (removed Lemmy content) are erased from ClickHouse.
    chain: createNormalizeChain(undefined, { erasePosts: createPostEraser(rt.clickhouse) }).then(
      createForgetErasedPostsStep(erasuresOf(rt)),
    ) as Chain<MessageOrigin, unknown>,
    emitter,
    kafka: rt.kafka,
    partitionsConsumedConcurrently: 3,
    ...hooks,
  });
  return withErasures(rt, runner);
}

const readValue = step('read-value', (m: MessageOrigin) => ok(m.value));

interface SinkSpec {
  component: string;
  input: TopicKey;
  table: string;
  chain: Chain<MessageOrigin, unknown[]>;
  /** Whether the sink's rejected rows and unreadable messages may go to the DLQ topic. */
  deadLetterTopic: boolean;
}

/** One consumer group writing one topic into one ClickHouse table (batching, backpressure, DLQ). */
function createSinkProcessor(rt: Runtime, spec: SinkSpec, hooks: Hooks): ProcessorRunner<unknown[]> {
  const ns = rt.config.namespace;
  const deadLetters = new DeadLetterProducer(rt.producer, topicName('dlq', ns));
  const runner = new ProcessorRunner<unknown[]>({
    component: spec.component,
    namespace: ns,
    inputTopic: topicName(spec.input, ns),
    dlqTopic: spec.deadLetterTopic ? topicName('dlq', ns) : null,
    chain: spec.chain,
    emitter: new ClickHouseSink<unknown>({
      client: rt.clickhouse,
      table: spec.table,
      component: spec.component,
      ...rt.config.sink,
      log: createLogger(spec.component),
      ...(spec.deadLetterTopic ? { deadLetters: (letters: DeadLetter[]) => deadLetters.send(letters) } : {}),
    }),
    kafka: rt.kafka,
    ...hooks,
  });
  // Rows of erased authors that were still in flight are dropped (processors/erasure).
  return withErasures(rt, runner);
}

/** posts → ClickHouse `posts`. */
export function createPostsSink(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<unknown[]> {
  const chain = Chain.of(readValue)
    .then(createDecodeJsonStep())
    .then(step('as-list', (v: unknown) => ok([v])))
    .then(createValidatePostsStep())
    .then(createForgetErasedPostsStep(erasuresOf(rt)))
    .then(step('to-row', (posts) => ok(posts.map(postRow) as unknown[])));
  return createSinkProcessor(
    rt,
    { component: 'sink-posts', input: 'posts', table: 'posts', chain, deadLetterTopic: true },
    hooks,
  );
}

/** dlq → ClickHouse `dead_letters`, so failures are visible next to the data. */
export function createDeadLettersSink(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<unknown[]> {
  const chain = Chain.of(readValue)
    .then(createDecodeJsonStep())
    .then(createValidateStep('validate-dead-letter', DeadLetter, 'dead letter'))
    .then(
      createForgetErasedStep(erasuresOf(rt), (letter: DeadLetter, erased) =>
        deadLetterNamesErased(letter, erased) ? undefined : letter,
      ),
    )
    .then(step('to-row', (letter: DeadLetter) => ok([deadLetterRow(letter)] as unknown[])));
  // A dead letter that cannot be read is logged and counted; re-queueing it into its own topic would loop.
  return createSinkProcessor(
    rt,
    { component: 'sink-dead-letters', input: 'dlq', table: 'dead_letters', chain, deadLetterTopic: false },
    hooks,
  );
}

/** mentions → ClickHouse `mentions` (the rollup materialized views follow the inserts). */
export function createMentionsSink(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<unknown[]> {
  const chain = Chain.of(readValue)
    .then(createDecodeJsonStep())
    .then(createValidateStep('validate-mention', Mention, 'mention'))
    .then(createForgetErasedStep(erasuresOf(rt), scrubMention))
    .then(step('to-row', (m: Mention) => ok([mentionRow(m)] as unknown[])));
  return createSinkProcessor(
    rt,
    { component: 'sink-mentions', input: 'mentions', table: 'mentions', chain, deadLetterTopic: true },
    hooks,
  );
}

/** interactions → ClickHouse `interactions`. */
export function createInteractionsSink(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<unknown[]> {
  const chain = Chain.of(readValue)
    .then(createDecodeJsonStep())
    .then(createValidateStep('validate-interaction', Interaction, 'interaction'))
    .then(createForgetErasedStep(erasuresOf(rt), scrubInteraction))
    .then(step('to-row', (i: Interaction) => ok([interactionRow(i)] as unknown[])));
  return createSinkProcessor(
    rt,
    {
      component: 'sink-interactions',
      input: 'interactions',
      table: 'interactions',
      chain,
      deadLetterTopic: true,
    },
    hooks,
  );
}

/** authors → ClickHouse `authors` (and, by materialized view, `author_scores_history`). */
export function createAuthorsSink(rt: Runtime, hooks: Hooks = {}): ProcessorRunner<unknown[]> {
  const chain = Chain.of(readValue)
    // A tombstone (an erased author, `lateral forget-author`) is compaction's business, not a bad message: the
    // author's rows are deleted by the command itself.
    .then(
      step('skip-tombstone', (value: Buffer | null) =>
        value === null ? drop('tombstone of an erased author') : ok(value),
      ),
    )
    .then(createDecodeJsonStep())
    .then(createValidateStep('validate-author', AuthorsMessage, 'author record'))
    .then(createForgetErasedStep(erasuresOf(rt), scrubAuthorsMessage))
    .then(
      step('to-rows', (m: AuthorsMessage) =>
        m.kind === 'author' ? ok(authorRows(m) as unknown[]) : drop('scoring offsets, not a score'),
      ),
    );
  return createSinkProcessor(
    rt,
    { component: 'sink-authors', input: 'authors', table: 'authors', chain, deadLetterTopic: true },
    hooks,
  );
}

export const PROCESSORS = {
  normalize: createNormalizeProcessor,
  enrich: createEnrichProcessor,
  threads: createThreadsProcessor,
  'sink-posts': createPostsSink,
  'sink-mentions': createMentionsSink,
  'sink-interactions': createInteractionsSink,
  score: createScoreProcessor,
  'sink-authors': createAuthorsSink,
  'sink-dead-letters': createDeadLettersSink,
  'one-box': createOneBoxProcessor,
} as const;
export type ProcessorName = keyof typeof PROCESSORS;

const DOWNSTREAM: ProcessorName[] = [
  'sink-posts',
  'sink-mentions',
  'sink-interactions',
  'score',
  'sink-authors',
  'sink-dead-letters',
];

/**
 * The processors each layout runs (docs/architecture.md, layouts). `components`: one consumer group per stage,
 * each scaled on its own (clusters). `one-box`: normalize, enrich and threads as one single-instance processor
 * without the enriched hop (one machine).
 */
export const LAYOUTS: Record<Layout, ProcessorName[]> = {
  components: ['normalize', 'enrich', 'threads', ...DOWNSTREAM],
  'one-box': ['one-box', ...DOWNSTREAM],
};

/** The topics each processor consumes (status, lag). */
export const PROCESSOR_INPUTS: Record<ProcessorName, TopicKey | TopicKey[]> = {
  normalize: 'raw',
  enrich: 'posts',
  threads: 'enriched',
  'sink-posts': 'posts',
  'sink-mentions': 'mentions',
  'sink-interactions': 'interactions',
  score: ['mentions', 'interactions'],
  'sink-authors': 'authors',
  'sink-dead-letters': 'dlq',
  'one-box': ['raw', 'enriched'],
};
