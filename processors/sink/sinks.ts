import type { z } from 'zod';
import { createLogger } from '../../core/logger.ts';
import type { Runtime } from '../../core/runtime.ts';
import { AuthorsMessage } from '../../schema/author-score.ts';
import { DeadLetter } from '../../schema/dead-letter.ts';
import { Interaction, Mention } from '../../schema/mention.ts';
import { topicName, type TopicKey } from '../../schema/topics.ts';
import {
  deadLetterNamesErased,
  scrubAuthorsMessage,
  scrubInteraction,
  scrubMention,
} from '../erasure/scrub.ts';
import type { ErasureSet } from '../erasure/erasure-set.ts';
import { createForgetErasedPostsStep, createForgetErasedStep, erasuresOf } from '../erasure/steps.ts';
import { createDecodeJsonStep, createValidateStep, decodedMessage, readValue } from '../framework/decode.ts';
import { DeadLetterProducer } from '../framework/dead-letter-producer.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import { defineProcessor, type DeployHints, type ProcessorSpec } from '../framework/spec.ts';
import { Chain, drop, ok, step } from '../framework/step.ts';
import { createValidatePostsStep } from '../normalize/steps.ts';
import { ClickHouseSink } from './clickhouse-sink.ts';
import { authorRows, deadLetterRow, interactionRow, mentionRow, postRow } from './rows.ts';

/** One sink: a consumer group writing one topic into one ClickHouse table (batching, backpressure, DLQ). */
interface SinkRow {
  component: string;
  input: TopicKey;
  table: string;
  /** Message → rows (decode, validate, forget erased authors, map). */
  rows(rt: Runtime): Chain<MessageOrigin, unknown[]>;
  /** Whether the sink's rejected rows and unreadable messages may go to the DLQ topic. */
  deadLetters: boolean;
  /** Its Deployment and compose service (processors/framework/spec.ts). */
  deploy?: DeployHints;
}

/**
 * A sink of one record a message into the table of its topic: decoded, validated against `schema`, scrubbed of
 * erased authors, one row.
 */
function recordSink<S extends z.ZodType>(
  name: 'mentions' | 'interactions',
  what: string,
  schema: S,
  scrub: (value: z.infer<S>, erased: ErasureSet) => z.infer<S> | undefined,
  toRow: (value: z.infer<S>) => unknown,
): SinkRow {
  return {
    component: `sink-${name}`,
    input: name,
    table: name,
    rows: (rt) =>
      decodedMessage()
        .then(createValidateStep(`validate-${what}`, schema, what))
        .then(createForgetErasedStep(erasuresOf(rt), scrub))
        .then(step('to-row', (value: z.infer<S>) => ok([toRow(value)]))),
    deadLetters: true,
  };
}

/** Every sink, one row each. */
const SINKS: SinkRow[] = [
  {
    component: 'sink-posts',
    input: 'posts',
    table: 'posts',
    rows: (rt) =>
      decodedMessage()
        .then(step('as-list', (v: unknown) => ok([v])))
        .then(createValidatePostsStep())
        .then(createForgetErasedPostsStep(erasuresOf(rt)))
        .then(step('to-row', (posts) => ok(posts.map(postRow) as unknown[]))),
    deadLetters: true,
    deploy: {
      cpu: '250m',
      memoryLimit: '1Gi',
      note: 'lateral.posts.v1 has 6 partitions; each replica holds up to 2 batches of 10,000 rows.',
      hostPort: 9465,
    },
  },
  // The rollup materialized views follow the inserts into `mentions`.
  {
    ...recordSink('mentions', 'mention', Mention, scrubMention, mentionRow),
    deploy: {
      replicas: 1,
      note: 'Batches mentions into ClickHouse; one replica keeps batches large.',
      hostPort: 9469,
    },
  },
  {
    ...recordSink('interactions', 'interaction', Interaction, scrubInteraction, interactionRow),
    deploy: { replicas: 1, note: 'Batches interaction edges into ClickHouse.', hostPort: 9470 },
  },
  {
    component: 'sink-authors',
    input: 'authors',
    table: 'authors', // and, by materialized view, `author_scores_history`
    rows: (rt) =>
      Chain.of(readValue)
        // A tombstone (an erased author, `lateral forget-author`) is compaction's business, not a bad message:
        // the author's rows are deleted by the command itself.
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
        ),
    deadLetters: true,
    deploy: {
      replicas: 1,
      note: 'Batches author scores into ClickHouse (authors, author_scores_history).',
      hostPort: 9472,
    },
  },
  {
    // dlq → `dead_letters`, so failures are visible next to the data.
    component: 'sink-dead-letters',
    input: 'dlq',
    table: 'dead_letters',
    rows: (rt) =>
      decodedMessage()
        .then(createValidateStep('validate-dead-letter', DeadLetter, 'dead letter'))
        .then(
          createForgetErasedStep(erasuresOf(rt), (letter: DeadLetter, erased) =>
            deadLetterNamesErased(letter, erased) ? undefined : letter,
          ),
        )
        .then(step('to-row', (letter: DeadLetter) => ok([deadLetterRow(letter)] as unknown[]))),
    // A dead letter that cannot be read is logged and counted; re-queueing it into its own topic would loop.
    deadLetters: false,
    deploy: {
      replicas: 1,
      cpu: '250m',
      note: 'lateral.dlq.v1 has 1 partition: a second replica would stay idle.',
      hostPort: 9466,
    },
  },
];

function sinkProcessor(row: SinkRow): ProcessorSpec<unknown[]> {
  return defineProcessor<unknown[]>({
    name: row.component,
    layouts: ['components', 'one-box'],
    inputs: [row.input],
    outputs: [],
    table: row.table,
    deadLetters: row.deadLetters,
    // Rows of erased authors that were still in flight are dropped (processors/erasure).
    erasures: true,
    ...(row.deploy ? { deploy: row.deploy } : {}),
    build: (rt) => {
      const dlqs = new DeadLetterProducer(rt.producer, topicName('dlq', rt.config.namespace));
      return {
        chain: row.rows(rt),
        emitter: new ClickHouseSink<unknown>({
          client: rt.clickhouse,
          table: row.table,
          component: row.component,
          ...rt.config.sink,
          log: createLogger(row.component),
          ...(row.deadLetters ? { deadLetters: (letters: DeadLetter[]) => dlqs.send(letters) } : {}),
        }),
      };
    },
  });
}

/** The sink processors, in the order of the table. */
export const SINK_PROCESSORS: readonly ProcessorSpec<unknown[]>[] = SINKS.map(sinkProcessor);
