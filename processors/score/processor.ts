import cron, { type ScheduledTask } from 'node-cron';
import { produceChunked } from '../../core/kafka.ts';
import { metrics } from '../../core/metrics.ts';
import { readPartitionsToEnd } from '../../core/partition-reader.ts';
import type { Runtime } from '../../core/runtime.ts';
import { AuthorsMessage, type AuthorRecord, type ScoringOffsets } from '../../schema/author-score.ts';
import { Interaction, Mention } from '../../schema/mention.ts';
import { topicName } from '../../schema/topics.ts';
import { createDecodeJsonStep } from '../framework/decode.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import type { Emitter, Processed } from '../framework/runner.ts';
import { defineProcessor, type ProcessorContext, type ProcessorParts } from '../framework/spec.ts';
import { Chain, dlq, drop, ok, step } from '../framework/step.ts';
import { formatIssues } from '../../core/config.ts';
import { DAY_MS } from './decay.ts';
import { ScoringEngine } from './engine.ts';
import { scoringPostFromMention } from './from-mentions.ts';
import { erasuresOf } from '../erasure/steps.ts';

/** Where a consumed input came from: the checkpoint records how far each partition is in the state. */
interface Consumed {
  topic: string;
  partition: number;
  offset: string;
}

export const OFFSETS_KEY = (topic: string, partition: number) => `~offsets/${topic}/${partition}`;

/**
 * Influence and trust on the stream (docs/architecture.md §6): mentions (an author's posts in a brand community, with
 * the profile the post showed) and interactions (reactions between authors) feed one `ScoringEngine`. After
 * every batch the changed authors' scores and compact state go to the compacted `lateral.authors.v1`, with the
 * input offsets they cover; only then is the batch committed. On (re)assignment the engine is rebuilt from that
 * topic, and inputs the checkpoints already cover are skipped. PageRank and the community percentiles are
 * recomputed on a node-cron schedule (warm-started), and authors whose percentile moved are re-emitted.
 *
 * One replica: a brand community's graph lives in one engine (the Deployment runs `replicas: 1`).
 */
export const scoreProcessor = defineProcessor<Consumed>({
  name: 'score',
  layouts: ['components', 'one-box'],
  inputs: ['mentions', 'interactions'],
  outputs: ['authors'],
  deadLetters: true,
  singleInstance: true,
  // Loaded before the consumer joins: the restore drops erased authors' checkpoints.
  erasures: true,
  deploy: {
    cpu: '500m',
    memory: '1Gi',
    memoryLimit: '3Gi',
    note:
      "One replica: each brand community's reaction graph (PageRank) lives in one engine; the state is " +
      'checkpointed to lateral.authors.v1 and restored from it on start.',
    hostPort: 9471,
  },
  build: (rt, self) => createScoreParts(rt, self),
});

function createScoreParts(rt: Runtime, self: ProcessorContext): ProcessorParts<Consumed> {
  const ns = rt.config.namespace;
  const mentionsTopic = topicName('mentions', ns);
  const authorsTopic = topicName('authors', ns);
  const o = rt.config.score;
  const engineOptions = {
    influenceHalfLifeMs: o.influenceHalfLifeDays * DAY_MS,
    trustHalfLifeMs: o.trustHalfLifeDays * DAY_MS,
    // Every hour of event time as well as on the cron schedule: a replay or backfill of days of posts then
    // scores against communities of its own time, not against the empty ones of the start.
    recomputeEveryMs: 3_600_000,
  };
  const state: { engine: ScoringEngine; covered: Map<string, bigint> } = {
    engine: new ScoringEngine(engineOptions),
    covered: new Map(),
  };
  /** Influence percentile last emitted per author × brand, to re-emit only what a recompute moved. */
  const emittedInfluence = new Map<string, number>();
  let versionClock = 0;
  const nextVersion = () => (versionClock = Math.max(versionClock + 1, Date.now()));

  const erased = erasuresOf(rt);
  const ERASED = 'author erased (lateral forget-author)';
  const NO_AUTHOR = 'no author to score (deleted account; schema/post.ts `Author.id`)';
  const decode = createDecodeJsonStep();
  const chain = Chain.of(
    step('score', async (m: MessageOrigin) => {
      const covered = state.covered.get(`${m.topic}/${m.partition}`);
      if (covered !== undefined && BigInt(m.offset) <= covered) return drop('already in the restored state');
      const decoded = await decode.run(m.value);
      if (decoded.kind !== 'ok') return decoded;
      if (m.topic === mentionsTopic) {
        const parsed = Mention.safeParse(decoded.value);
        if (!parsed.success) return dlq(`mention: ${formatIssues(parsed.error).replace(/\n/g, '; ')}`);
        if (erased.isErasedAuthor(parsed.data.authorId)) return drop(ERASED);
        if (parsed.data.authorId === '') return drop(NO_AUTHOR);
        state.engine.ingestPost(scoringPostFromMention(parsed.data));
      } else {
        const parsed = Interaction.safeParse(decoded.value);
        if (!parsed.success) return dlq(`interaction: ${formatIssues(parsed.error).replace(/\n/g, '; ')}`);
        if (erased.isErasedAuthor(parsed.data.from) || erased.isErasedAuthor(parsed.data.to))
          return drop(ERASED);
        state.engine.ingestInteraction(parsed.data);
      }
      return ok<Consumed>({ topic: m.topic, partition: m.partition, offset: m.offset });
    }),
  );

  const recordOf = (authorId: string): AuthorRecord | undefined => {
    const engine = state.engine;
    const snapshot = engine.snapshot(authorId);
    if (!snapshot) return undefined;
    const version = nextVersion();
    const scores = engine
      .brandsOf(authorId)
      .map((brand) => engine.score(authorId, brand))
      .filter((s) => s !== undefined)
      .map((s) => ({ ...s, version }));
    for (const s of scores) emittedInfluence.set(`${authorId}|${s.brand}`, s.influence);
    const trust = engine.trustOf(authorId);
    return {
      kind: 'author',
      authorId,
      isBrand: engine.isBrand(authorId),
      trust: Math.round(trust.trust * 100) / 100,
      flags: engine.flagsOf(authorId),
      scores,
      state: snapshot.toString('base64'),
      updatedAt: new Date(Math.max(engine.now, 0)).toISOString(),
    };
  };

  const produceRecords = async (authorIds: Iterable<string>, offsets: ScoringOffsets[] = []) => {
    const messages: { key: string; value: string }[] = [];
    for (const id of authorIds) {
      const record = recordOf(id);
      if (record) messages.push({ key: id, value: JSON.stringify(record) });
    }
    // Offsets last: if a crash cuts the send short, the replay re-applies inputs to the older state.
    for (const off of offsets)
      messages.push({ key: OFFSETS_KEY(off.topic, off.partition), value: JSON.stringify(off) });
    await produceChunked(rt.producer, authorsTopic, messages);
    metrics.messagesOut.inc({ component: 'score' }, messages.length);
    return messages.length;
  };

  const emitter: Emitter<Consumed> = {
    async emit(items: Processed<Consumed>[]) {
      const last = new Map<string, Consumed>();
      for (const { value } of items) last.set(`${value.topic}/${value.partition}`, value);
      const offsets: ScoringOffsets[] = [...last.values()].map((c) => ({ kind: 'offsets', ...c }));
      await produceRecords(state.engine.takeChanged(), offsets);
      for (const c of last.values()) state.covered.set(`${c.topic}/${c.partition}`, BigInt(c.offset));
      return { acked: Promise.resolve() };
    },
    async close() {},
  };

  // Erasure (processors/erasure): erased authors' inputs are dropped; their state, and the edges they left in
  // other authors' state, are purged, with a tombstone for them and fresh checkpoints for the others.
  const eraseFromState = async (engine: ScoringEngine) => {
    const result = engine.eraseAuthors((id) => erased.isErasedAuthor(id));
    if (result.erased.length > 0)
      await produceChunked(
        rt.producer,
        authorsTopic,
        result.erased.map((id) => ({ key: id, value: null })),
      );
    if (engine === state.engine && result.touched.length > 0) await produceRecords(result.touched);
    return result;
  };

  const tasks: { recompute?: ScheduledTask } = {};
  const recompute = async () => {
    const started = Date.now();
    const engine = state.engine;
    const reports = engine.recompute();
    engine.evictIdle(engine.now - o.idleDays * DAY_MS);
    const moved: string[] = [];
    for (const id of engine.authorIds()) {
      for (const brand of engine.brandsOf(id)) {
        const s = engine.score(id, brand);
        if (
          s &&
          Math.abs((emittedInfluence.get(`${id}|${brand}`) ?? -1) - s.influence) >= o.reemitPercentileDelta
        ) {
          moved.push(id);
          break;
        }
      }
    }
    const sent = await produceRecords(moved);
    self.log()?.info(
      {
        communities: reports,
        authors: engine.authorCount,
        reemitted: sent,
        seconds: (Date.now() - started) / 1000,
      },
      'influence recomputed (PageRank, percentiles)',
    );
  };

  return {
    chain,
    emitter,
    start: async () => {
      erased.onErasure(async () => {
        const { erased: ids, touched } = await eraseFromState(state.engine);
        self
          .log()
          ?.info({ authors: ids.length, touched: touched.length }, 'erased author purged from scoring state');
      });
    },
    stop: async () => {
      await tasks.recompute?.stop();
    },
    restore: async (_assignment, heartbeat) => {
      const started = Date.now();
      const engine = new ScoringEngine(engineOptions);
      const covered = new Map<string, bigint>();
      let authors = 0;
      await readPartitionsToEnd(rt.kafka, {
        topic: authorsTopic,
        onMessage: (_p, value, key) => {
          if (!value) {
            // A tombstone (erasure): the author's earlier checkpoints are void.
            if (key) engine.forget(key.toString('utf8'));
            return;
          }
          const parsed = AuthorsMessage.safeParse(JSON.parse(value.toString('utf8')));
          if (!parsed.success) return;
          const msg = parsed.data;
          if (msg.kind === 'offsets') covered.set(`${msg.topic}/${msg.partition}`, BigInt(msg.offset));
          else if (erased.isErasedAuthor(msg.authorId)) return;
          else {
            engine.restore(Buffer.from(msg.state, 'base64'));
            for (const s of msg.scores) emittedInfluence.set(`${msg.authorId}|${s.brand}`, s.influence);
            authors++;
          }
        },
        onProgress: heartbeat,
      });
      if (erased.size > 0) await eraseFromState(engine);
      engine.recompute();
      state.engine = engine;
      state.covered = covered;
      self
        .log()
        ?.info(
          { authors, partitionsCovered: covered.size, seconds: (Date.now() - started) / 1000 },
          'scoring state restored from lateral.authors.v1',
        );
      tasks.recompute ??= cron.schedule(o.recompute, () => {
        recompute().catch((err: unknown) => self.log()?.error({ err }, 'recompute failed'));
      });
    },
  };
}
