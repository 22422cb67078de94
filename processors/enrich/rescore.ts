import type { ClickHouseClient } from '../../core/clickhouse.ts';
import { queryRows } from '../../core/clickhouse.ts';
import { produceChunked } from '../../core/kafka.ts';
import { createLogger } from '../../core/logger.ts';
import type { Runtime } from '../../core/runtime.ts';
import type { SentimentUpdate } from '../../schema/enriched.ts';
import type { Mention } from '../../schema/mention.ts';
import { queries } from '../../schema/queries.ts';
import { topicName } from '../../schema/topics.ts';
import { mentionFromRow, type MentionRow } from '../sink/rows.ts';
import { sentimentScorers } from './pipeline/analyzer-from-config.ts';

const log = createLogger('rescore');

export interface RescoreOptions {
  since: Date;
  /** `default`, `lexicon` or a model file; default: the configured `enrich.sentimentModel`. */
  model?: string;
  pageSize?: number;
  /** Wait for the pipeline to store the new scores, then rebuild the rollups since `since`. */
  rebuildRollups?: boolean;
  waitTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface RescoreResult {
  scanned: number;
  changed: number;
  /** Sent through the threads stage (posts still in its thread state). */
  viaThreads: number;
  /** Older than the thread horizon: re-emitted as mentions directly. */
  direct: number;
  models: string[];
  rollupPartitions: number;
}

/**
 * `lateral sentiment rescore --since`: scores stored mentions again with the current model. Mentions within the
 * threads stage's horizon go to it as sentiment updates (it owns their latest version, so a later thread change
 * keeps the new score); older ones are re-emitted to `lateral.mentions.v1` with a higher version. The rollups keep
 * first-emission figures, so they are then rebuilt from `mentions FINAL` for the re-scored period.
 */
export async function rescoreMentions(rt: Runtime, options: RescoreOptions): Promise<RescoreResult> {
  const say = options.onProgress ?? (() => undefined);
  const { sentiment, reviewSentiment } = sentimentScorers(options.model ?? rt.config.enrich.sentimentModel);
  const ns = rt.config.namespace;
  const horizonStart = Date.now() - rt.config.threads.horizonDays * 86_400_000;
  const pageSize = options.pageSize ?? 5000;
  const result: RescoreResult = {
    scanned: 0,
    changed: 0,
    viaThreads: 0,
    direct: 0,
    models: [],
    rollupPartitions: 0,
  };
  /** Rows per model once the re-score is stored: every scanned row ends with its scorer's model. */
  const scoredBy = new Map<string, number>();
  let version = Date.now();
  for (let offset = 0; ; offset += pageSize) {
    const rows = await queryRows<MentionRow>(
      rt.clickhouse,
      queries.mentionsToRescore(options.since, pageSize, offset),
    );
    if (rows.length === 0) break;
    const updates: { key: string; value: string }[] = [];
    const direct: { key: string; value: string }[] = [];
    for (const row of rows) {
      result.scanned++;
      const mention = mentionFromRow(row);
      const scorer = mention.reviewRating !== undefined ? reviewSentiment : sentiment;
      const s = scorer.score(mention.text, { lang: mention.lang });
      scoredBy.set(s.model, (scoredBy.get(s.model) ?? 0) + 1);
      const next = {
        score: Math.max(-1, Math.min(1, s.score)),
        label: s.label,
        confidence: Math.max(0, Math.min(1, s.confidence)),
        model: s.model,
      };
      const old = mention.sentiment;
      if (old.model === next.model && old.label === next.label && Math.abs(old.score - next.score) < 1e-6)
        continue;
      result.changed++;
      if (Date.parse(mention.createdAt) >= horizonStart) {
        const update: SentimentUpdate = {
          kind: 'sentiment',
          brand: mention.brand,
          postId: mention.postId,
          sentiment: next,
        };
        updates.push({ key: mention.brand, value: JSON.stringify(update) });
      } else {
        version = Math.max(version + 1, Date.now());
        const m: Mention = { ...mention, sentiment: next, version, revision: mention.revision + 1 };
        direct.push({ key: m.brand, value: JSON.stringify(m) });
      }
    }
    await produceChunked(rt.producer, topicName('enriched', ns), updates);
    await produceChunked(rt.producer, topicName('mentions', ns), direct);
    result.viaThreads += updates.length;
    result.direct += direct.length;
    say(`  scanned ${result.scanned}, changed ${result.changed}`);
    if (rows.length < pageSize) break;
  }
  result.models = [...scoredBy.keys()];
  log.info(result, 'rescore produced');
  if (options.rebuildRollups !== false && result.changed > 0) {
    const deadline = Date.now() + (options.waitTimeoutMs ?? 300_000);
    for (;;) {
      let pending = 0;
      for (const [model, n] of scoredBy) {
        const [row] = await queryRows<{ scored: string }>(
          rt.clickhouse,
          queries.mentionsScoredBy(model, options.since),
        );
        pending += Math.max(0, n - Number(row?.scored ?? 0));
      }
      if (pending === 0) break;
      if (Date.now() > deadline)
        throw new Error(
          `${pending} re-scored mentions not in ClickHouse after the wait: is the pipeline (threads, sink-mentions) running? Rebuild later with \`lateral rollups rebuild --since\``,
        );
      say(`  waiting for the pipeline to store the new scores: ${pending} to go`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    result.rollupPartitions = await rebuildRollups(rt.clickhouse, options.since);
  }
  return result;
}

/**
 * Recomputes the rollups from `mentions FINAL` for every partition (day / month) that holds buckets at or after
 * `since`: drop the partition (portable and synchronous, unlike ALTER … DELETE on 18.16), insert it again.
 */
export async function rebuildRollups(client: ClickHouseClient, since: Date): Promise<number> {
  let dropped = 0;
  for (const table of ['mention_rollup_minute', 'mention_rollup_hour'] as const) {
    const partitions = await queryRows<{ partition: number | string }>(
      client,
      queries.rollupPartitions(table, since),
    );
    for (const { partition } of partitions) {
      await client.command({ query: `ALTER TABLE ${table} DROP PARTITION ${Number(partition)}` });
      dropped++;
    }
    const from =
      table === 'mention_rollup_minute'
        ? new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()))
        : new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), 1));
    await client.command({ query: queries.rebuildRollup(table, from) });
  }
  return dropped;
}
