import { randomBytes } from 'node:crypto';
import { settledQueries } from '../../schema/queries/settled.ts';
import type { ClickHouseClient } from '../../core/clickhouse.ts';
import { queryRows } from '../../core/clickhouse.ts';
import { produce } from '../../core/kafka.ts';
import { createLogger } from '../../core/logger.ts';
import type { Runtime } from '../../core/runtime.ts';
import type { SentimentUpdate } from '../../schema/enriched.ts';
import type { Mention } from '../../schema/mention.ts';
import { queries } from '../../schema/queries.ts';
import { topicName } from '../../schema/topics.ts';
import {
  reliabilityQueries,
  rollupRebuildInsert,
  rollupView,
  type RollupTable,
} from '../../schema/queries/reliability.ts';
import { mentionFromRow, type MentionRow } from '../sink/rows.ts';
import { sentimentScorers } from './pipeline/analyzer-from-config.ts';
import { ANALYSIS_TEXT_CHARS, boundText } from './pipeline/text-bounds.ts';

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
  // Versions only move forward from what is stored: the CLI host's clock may lag the hosts that wrote the rows.
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
      const s = scorer.score(boundText(mention.text, ANALYSIS_TEXT_CHARS), { lang: mention.lang });
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
        version = Math.max(version + 1, Date.now(), mention.version + 1);
        const m: Mention = { ...mention, sentiment: next, version, revision: mention.revision + 1 };
        direct.push({ key: m.brand, value: JSON.stringify(m) });
      }
    }
    await produce(
      rt.producer,
      updates.map((m) => ({ topic: topicName('enriched', ns), ...m })),
    );
    await produce(
      rt.producer,
      direct.map((m) => ({ topic: topicName('mentions', ns), ...m })),
    );
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

/** The [from, to) time range of a rollup partition: a day (minute rollup) or a month (hour rollup). */
export function partitionRange(table: RollupTable, partition: number): { from: Date; to: Date } {
  const p = String(Math.trunc(partition));
  const year = Number(p.slice(0, 4));
  const month = Number(p.slice(4, 6)) - 1;
  if (table === 'mention_rollup_minute') {
    const day = Number(p.slice(6, 8));
    return { from: new Date(Date.UTC(year, month, day)), to: new Date(Date.UTC(year, month, day + 1)) };
  }
  return { from: new Date(Date.UTC(year, month, 1)), to: new Date(Date.UTC(year, month + 1, 1)) };
}

/**
 * Recomputes partitions of a rollup from `mentions FINAL` with its materialized view's own SELECT (read back
 * from the server, see `rollupRebuildInsert`): each partition is built in a staging table (same structure) and
 * swapped in with `ALTER TABLE … REPLACE PARTITION … FROM` (atomic per partition, on 18.16 and current
 * releases). Readers see the old figures until the swap, and a failure before it leaves them in place.
 * A partition with no mentions left is dropped (nothing to swap in).
 */
export async function rebuildRollupPartitions(
  client: ClickHouseClient,
  table: RollupTable,
  partitions: readonly number[],
): Promise<number> {
  if (partitions.length === 0) return 0;
  const [view] = await queryRows<{ definition: string }>(
    client,
    reliabilityQueries.rollupViewDefinition(table),
  );
  if (view === undefined) throw new Error(`${rollupView(table)} not found: run \`lateral migrate\``);
  const staging = `${table}_rebuild_${randomBytes(4).toString('hex')}`;
  await client.command({ query: reliabilityQueries.createStaging(table, staging) });
  try {
    for (const p of partitions) {
      const { from, to } = partitionRange(table, p);
      await client.command({ query: rollupRebuildInsert(view.definition, staging, from, to) });
    }
    const built = new Set(
      (await queryRows<{ partition: string }>(client, reliabilityQueries.partitionsWithData(staging))).map(
        (r) => Number(r.partition),
      ),
    );
    for (const p of partitions) {
      await client.command({
        query: built.has(p)
          ? reliabilityQueries.replacePartition(table, p, staging)
          : reliabilityQueries.dropPartition(table, p),
      });
      // No insert marked these hours written: their settled figures (processors/rollups/settle.ts) are stale.
      const { from, to } = partitionRange(table, p);
      await client.command({ query: settledQueries.invalidate(from, to) });
    }
  } finally {
    await client.command({ query: reliabilityQueries.dropTable(staging) });
  }
  return partitions.length;
}

/**
 * Recomputes the rollups from `mentions FINAL` for every partition (day / month) that holds rollup buckets or
 * mentions at or after `since`. Returns the number of partitions replaced.
 */
export async function rebuildRollups(client: ClickHouseClient, since: Date): Promise<number> {
  let replaced = 0;
  for (const table of ['mention_rollup_minute', 'mention_rollup_hour'] as const) {
    const partitions = await queryRows<{ partition: number | string }>(
      client,
      reliabilityQueries.rollupPartitionsSince(table, since),
    );
    replaced += await rebuildRollupPartitions(
      client,
      table,
      partitions.map((p) => Number(p.partition)),
    );
  }
  return replaced;
}
