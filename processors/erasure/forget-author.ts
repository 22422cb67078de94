import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows } from '../../core/clickhouse.ts';
import { createLogger } from '../../core/logger.ts';
import type { Runtime } from '../../core/runtime.ts';
import { produce } from '../../core/kafka.ts';
import { Erasure, erasureHash, normalizeErasedHandle } from '../../schema/erasure.ts';
import {
  erasureQueries,
  erasureWhere,
  genericErasureWhere,
  referenceScrub,
  referenceWhere,
  type ErasureTable,
  type ErasureTarget,
} from '../../schema/queries/reliability.ts';
import { topicName } from '../../schema/topics.ts';
import { rebuildRollupPartitions } from '../enrich/rescore.ts';

const log = createLogger('forget-author');

/** `source:native-id` (an author id) or `@handle@source`. */
export interface AuthorRef {
  source: string;
  authorId?: string;
  handle?: string;
}

export class ErasureRequestError extends Error {
  override name = 'ErasureRequestError';
}

/** Parses the command's argument: `mastodon:109876` / `simulator:u42`, or `@anna@simulator` / `@alice@social.example@mastodon`. */
export function parseAuthorRef(text: string): AuthorRef {
  const value = text.trim();
  if (value.startsWith('@')) {
    const at = value.lastIndexOf('@');
    const handle = value.slice(1, at);
    const source = value.slice(at + 1);
    if (at <= 0 || !handle || !/^[a-z0-9_-]+$/.test(source))
      throw new ErasureRequestError(
        `expected @handle@source (e.g. @anna@mastodon), got ${JSON.stringify(text)}`,
      );
    return { source, handle: normalizeErasedHandle(handle) };
  }
  const m = /^([a-z0-9_-]+):(\S+)$/.exec(value);
  if (!m) throw new ErasureRequestError(`expected source:id or @handle@source, got ${JSON.stringify(text)}`);
  return { source: m[1]!, authorId: value };
}

export interface ForgetOptions {
  /** Rounds of delete → wait → check: rows still in flight when a round started are caught by the next one. */
  maxRounds?: number;
  /** Pause before each further round, ms (the pipeline has seen the erasure by then). */
  settleMs?: number;
  mutationTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface ForgetResult {
  authorIds: string[];
  handles: string[];
  posts: number;
  /** Rows deleted per table (first round and later ones added up). */
  deleted: Record<string, number>;
  /** Other people's rows whose references to the author were scrubbed. */
  scrubbed: Record<string, number>;
  rollupPartitions: number;
  tombstones: number;
  rounds: number;
}

const KNOWN: ErasureTable[] = [
  'posts',
  'mentions',
  'interactions',
  'authors',
  'author_scores_history',
  'dead_letters',
];
/** Tables the sweep leaves alone: rollups are rebuilt, bookkeeping holds no personal data. */
const SKIP = /^(mention_rollup_(minute|hour)(_rebuild_.*)?|schema_migrations|dead_letter_replays)$/;

async function scalarOf(rt: Runtime, query: string): Promise<number> {
  const rows = await queryRows<Record<string, string | number>>(rt.clickhouse, query);
  const first = rows[0];
  return first ? Number(Object.values(first)[0]) : 0;
}

async function waitForMutations(rt: Runtime, timeoutMs: number, say: (l: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let reported = 0;
  for (;;) {
    const pending = await scalarOf(rt, erasureQueries.pendingMutations());
    if (pending === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `${pending} ClickHouse mutations still running after ${timeoutMs} ms (system.mutations)`,
      );
    if (Date.now() - reported > 5000) {
      say(`  waiting for ${pending} ClickHouse mutation(s)`);
      reported = Date.now();
    }
    await sleep(200);
  }
}

/**
 * `lateral forget-author`: erases a person everywhere.
 *  1. who: the author ids (by handle, every id seen with it), every handle they used, their post ids;
 *  2. `lateral.erasures.v1` gets their hashes, so every stage drops them from now on (processors/erasure);
 *  3. `ALTER TABLE … DELETE` on every table holding them, `ALTER TABLE … UPDATE` scrubbing @-references and
 *     parent author ids in other people's rows, and a sweep of any other table for their id or `@handle`;
 *     then it waits for the mutations;
 *  4. the rollups of the affected days and months are rebuilt from what is left;
 *  5. a tombstone per author id in `lateral.authors.v1`;
 *  6. a check: rows that were still in flight in a sink when the delete ran are caught by another round.
 */
export async function forgetAuthor(
  rt: Runtime,
  ref: AuthorRef,
  options: ForgetOptions = {},
): Promise<ForgetResult> {
  const say = options.onProgress ?? (() => undefined);
  const ch = rt.clickhouse;
  const ns = rt.config.namespace;
  const ids = new Set<string>(ref.authorId ? [ref.authorId] : []);
  if (ref.handle)
    for (const r of await queryRows<{ author_id: string }>(
      ch,
      erasureQueries.authorsByHandle(ref.source, ref.handle),
    ))
      ids.add(r.author_id);
  if (ids.size === 0 && ref.handle) ids.add(`${ref.source}:${ref.handle}`); // never seen: keep them out from now on
  const authorIds = [...ids];
  const handles = new Set<string>(ref.handle ? [ref.handle] : []);
  for (const r of await queryRows<{ h: string }>(ch, erasureQueries.handlesOf(authorIds)))
    handles.add(normalizeErasedHandle(r.h));
  const postIds = (await queryRows<{ post_id: string }>(ch, erasureQueries.postIdsOf(authorIds))).map(
    (r) => r.post_id,
  );
  const target: ErasureTarget = {
    ids: authorIds,
    handles: [...handles].filter(Boolean),
    postIds,
    nativeIds: authorIds.map((id) => id.slice(id.indexOf(':') + 1)).filter((n) => n.length >= 3),
  };
  say(
    `erasing ${authorIds.join(', ')} (handles: ${target.handles.map((h) => `@${h}`).join(', ') || '-'}; ${postIds.length} posts)`,
  );

  // 2. From now on every stage drops them.
  const requestedAt = new Date().toISOString();
  const hashes = target.handles.map((h) => erasureHash(h, 'handle'));
  await produce(
    rt.producer,
    authorIds.map((id) => {
      const e: Erasure = Erasure.parse({
        kind: 'erasure',
        authorIdHash: erasureHash(id),
        handleHashes: hashes,
        source: /^([a-z0-9_-]+):/.exec(id)?.[1] ?? ref.source,
        requestedAt,
      });
      return { topic: topicName('erasures', ns), key: e.authorIdHash, value: JSON.stringify(e) };
    }),
  );
  say(`  ${topicName('erasures', ns)}: recorded (hashes only)`);

  const days = (await queryRows<{ day: number | string }>(ch, erasureQueries.affectedDays(target))).map((r) =>
    Number(r.day),
  );
  const months = [...new Set(days.map((d) => Math.floor(d / 100)))];

  const result: ForgetResult = {
    authorIds,
    handles: [...target.handles],
    posts: postIds.length,
    deleted: {},
    scrubbed: {},
    rollupPartitions: 0,
    tombstones: 0,
    rounds: 0,
  };
  const tables = new Set(
    (await queryRows<{ name: string }>(ch, erasureQueries.mergeTreeTables())).map((r) => r.name),
  );
  const columns = await queryRows<{ table: string; name: string; type: string }>(
    ch,
    erasureQueries.textColumns(),
  );
  const others = [...tables].filter((t) => !SKIP.test(t) && !(KNOWN as string[]).includes(t));
  const maxRounds = options.maxRounds ?? 3;
  const mutationTimeoutMs = options.mutationTimeoutMs ?? 600_000;

  for (let round = 1; round <= maxRounds; round++) {
    result.rounds = round;
    if (round > 1) await sleep(options.settleMs ?? 2000);
    let found = 0;
    for (const table of KNOWN) {
      if (!tables.has(table)) continue;
      const where = erasureWhere[table](target);
      const n = await scalarOf(rt, erasureQueries.count(table, where));
      if (n === 0) continue;
      found += n;
      result.deleted[table] = (result.deleted[table] ?? 0) + n;
      await ch.command({ query: erasureQueries.erase(table, where) });
    }
    for (const table of ['posts', 'mentions'] as const) {
      if (!tables.has(table) || target.handles.length + target.ids.length === 0) continue;
      const n = await scalarOf(rt, erasureQueries.count(table, referenceWhere(table, target)));
      if (n === 0) continue;
      found += n;
      result.scrubbed[table] = (result.scrubbed[table] ?? 0) + n;
      await ch.command({ query: referenceScrub(table, target) });
    }
    for (const table of others) {
      const where = genericErasureWhere(
        columns.filter((c) => c.table === table),
        target,
      );
      if (!where) continue;
      const n = await scalarOf(rt, erasureQueries.count(table, where));
      if (n === 0) continue;
      found += n;
      result.deleted[table] = (result.deleted[table] ?? 0) + n;
      await ch.command({ query: erasureQueries.erase(table, where) });
    }
    await waitForMutations(rt, mutationTimeoutMs, say);
    if (round === 1 || found > 0) {
      // Rollups count what is left once the deletes are done.
      result.rollupPartitions += await rebuildRollupPartitions(ch, 'mention_rollup_minute', days);
      result.rollupPartitions += await rebuildRollupPartitions(ch, 'mention_rollup_hour', months);
    }
    if (round === 1) {
      await produce(
        rt.producer,
        authorIds.map((id) => ({ topic: topicName('authors', ns), key: id, value: null })),
      );
      result.tombstones = authorIds.length;
    }
    log.info({ round, found }, 'erasure round');
    if (round > 1 && found === 0) break;
  }
  for (const [table, n] of Object.entries(result.deleted)) say(`  ${table}: ${n} rows deleted`);
  for (const [table, n] of Object.entries(result.scrubbed))
    say(`  ${table}: references scrubbed in ${n} rows of other authors`);
  say(`  rollups: ${result.rollupPartitions} partitions rebuilt (${days.length} days)`);
  say(`  ${topicName('authors', ns)}: ${result.tombstones} tombstone(s)`);
  return result;
}
