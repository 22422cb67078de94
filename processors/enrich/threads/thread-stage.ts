import { produce } from '../../../core/kafka.ts';
import { readPartitionsToEnd } from '../../../core/partition-reader.ts';
import type { Logger } from '../../../core/logger.ts';
import { metrics } from '../../../core/metrics.ts';
import type { Runtime } from '../../../core/runtime.ts';
import type { EnrichedMessage, EnrichedPost } from '../../../schema/enriched.ts';
import { Mention } from '../../../schema/mention.ts';
import { topicName } from '../../../schema/topics.ts';
import { acquireErasures, erasuresOf, releaseErasures } from '../../erasure/steps.ts';
import { scrubEnriched, scrubMention } from '../../erasure/scrub.ts';
import { AuthorTrustTable } from './author-trust.ts';
import type { ThreadOutput } from './brand-threads.ts';
import { ThreadsEngine } from './engine.ts';

/**
 * The threads stage's state, shared by its two homes: the `threads` processor (one engine per partition of
 * `lateral.enriched.v1`) and the one-box processor (a single engine for every brand). Partition p of
 * `lateral.mentions.v1` holds what was emitted for the brands hashed to p, so state is rebuilt from the
 * mentions topic; output not yet acknowledged was not committed either, so it is recomputed.
 * See docs/architecture.md (threads, layouts).
 */
export class ThreadStage {
  private readonly engines = new Map<number, ThreadsEngine>();
  private readonly trust = new AuthorTrustTable();
  private readonly erased;
  private readonly limits;

  constructor(
    private readonly rt: Runtime,
    private readonly log: () => Logger | undefined,
  ) {
    const { horizonDays, maxPosts } = rt.config.threads;
    this.limits = { horizonMs: horizonDays * 86_400_000, maxPosts };
    this.erased = erasuresOf(rt);
  }

  private newEngine(): ThreadsEngine {
    return new ThreadsEngine(this.rt.config.brands, this.limits, Date.now, (id) => this.trust.get(id));
  }

  /** The message applied to the engine of `slot`; undefined when its author was erased. */
  apply(slot: number, message: EnrichedMessage): ThreadOutput | undefined {
    const scrubbed = scrubEnriched(message, this.erased);
    if (!scrubbed) return undefined;
    let engine = this.engines.get(slot);
    if (!engine) this.engines.set(slot, (engine = this.newEngine()));
    return engine.apply(scrubbed);
  }

  /**
   * Fresh engines for `slots`, filled from the mentions topic (`partitions` of it, or all), each mention to
   * the engine `slotOf(partition)`. Only the thread horizon is read.
   */
  async rebuild(
    slots: number[],
    partitions: number[] | undefined,
    slotOf: (partition: number) => number,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const started = Date.now();
    this.engines.clear();
    for (const s of slots) this.engines.set(s, this.newEngine());
    let unreadable = 0;
    const read = await readPartitionsToEnd(this.rt.kafka, {
      topic: topicName('mentions', this.rt.config.namespace),
      ...(partitions ? { partitions } : {}),
      fromTimestamp: Date.now() - this.limits.horizonMs,
      onMessage: (partition, value) => {
        const parsed = value ? Mention.safeParse(JSON.parse(value.toString('utf8'))) : undefined;
        if (!parsed?.success) unreadable++;
        else {
          // Erased authors' mentions stay in the topic until retention removes them: never restored.
          const mention = scrubMention(parsed.data, this.erased);
          if (mention) this.engines.get(slotOf(partition))?.restore(mention);
        }
      },
      onProgress: heartbeat,
    });
    for (const e of this.engines.values()) e.finishRestore();
    const posts = [...this.engines.values()].reduce((n, e) => n + e.posts, 0);
    metrics.threadPosts.set(posts);
    this.log()?.info(
      { partitions, mentionsRead: read, unreadable, posts, seconds: (Date.now() - started) / 1000 },
      'thread state rebuilt from mentions',
    );
  }

  /**
   * Thread candidates still waiting for their thread are not in the output: `readBack` finds them again (in the
   * recent input) and hands each to `hold`. In the background, so a rebalance is not held up: a candidate
   * consumed meanwhile is settled or held as usual, and holding one twice is a no-op. Only the engines of this
   * rebuild: after a later rebalance this must not touch (or settle from) engines that are being rebuilt again.
   */
  restorePendingInBackground(
    readBack: (hold: (slot: number, candidate: EnrichedPost) => void) => Promise<number>,
  ): void {
    const restoring = new Map(this.engines);
    const ns = this.rt.config.namespace;
    void readBack((slot, candidate) => {
      const e = scrubEnriched(candidate, this.erased);
      if (e?.kind === 'post') restoring.get(slot)?.restorePending(e);
    })
      .then(async (candidates) => {
        // What the stream brought meanwhile may be the thread a restored candidate waited for.
        const settled: ThreadOutput = { mentions: [], interactions: [] };
        for (const [slot, e] of restoring) {
          if (this.engines.get(slot) !== e) continue; // rebuilt since: that rebuild reads its own back
          const o = e.settleWaiting();
          settled.mentions.push(...o.mentions);
          settled.interactions.push(...o.interactions);
        }
        const mentionsTopic = topicName('mentions', ns);
        const interactionsTopic = topicName('interactions', ns);
        await produce(this.rt.producer, [
          ...settled.mentions.map((m) => ({ topic: mentionsTopic, key: m.brand, value: JSON.stringify(m) })),
          ...settled.interactions.map((x) => ({
            topic: interactionsTopic,
            key: x.to,
            value: JSON.stringify(x),
          })),
        ]);
        this.log()?.info(
          {
            candidatesRead: candidates,
            settled: settled.mentions.length,
            pending: [...restoring.values()].reduce((n, e) => n + e.pending, 0),
          },
          'waiting thread candidates read back',
        );
      })
      .catch((err: unknown) =>
        this.log()?.warn({ err }, 'waiting thread candidates not read back (they wait for the next restart)'),
      );
  }

  /** Follows erasures (purging thread state) and the authors' trust for as long as the stage runs. */
  async start(): Promise<void> {
    await acquireErasures(this.rt);
    this.erased.onErasure(() => {
      let n = 0;
      for (const e of this.engines.values()) n += e.eraseAuthors(this.erased);
      this.log()?.info({ messages: n }, 'erased author purged from thread state');
    });
    await this.trust.start(this.rt.kafka, topicName('authors', this.rt.config.namespace));
  }

  async stop(): Promise<void> {
    await this.trust.stop();
    await releaseErasures(this.rt);
  }
}
