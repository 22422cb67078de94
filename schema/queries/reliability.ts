import { ident, sql } from '../../core/sql.ts';
import { mentionRow } from '../../processors/sink/rows.ts';
import { mentionExamples } from '../examples.ts';
import { loadMigrations } from '../migrate.ts';
import { Mention } from '../mention.ts';

/**
 * Queries of the rollup rebuild, erasure (`lateral forget-author`), dead-letter inspection and replay
 * (`lateral dlq`) and retention. Portable SQL like `schema/queries.ts`; the portable-SQL test runs each.
 */

export type RollupTable = 'mention_rollup_minute' | 'mention_rollup_hour';

/**
 * The rollups' SELECT is written once, in their materialized views (schema/migrations/0005_rollups.sql). A
 * rebuild reads the view's definition back from the server (`reliabilityQueries.rollupViewDefinition`) and runs
 * the same SELECT over the newest version of every mention in [from, to): `FROM mentions WHERE revision = 0`
 * becomes `FROM mentions FINAL WHERE <range>`.
 */
export function rollupRebuildInsert(viewDefinition: string, into: string, from: Date, to: Date): string {
  const select = /\sAS\s+(SELECT\s[\s\S]*)$/i.exec(viewDefinition)?.[1];
  const source = /\sFROM\s+((?:`?\w+`?\.)?`?mentions`?)\s+WHERE\s+revision\s*=\s*0\s+(GROUP\s+BY\s)/gi;
  const matches = select === undefined ? [] : [...select.matchAll(source)];
  if (select === undefined || matches.length !== 1)
    throw new Error(`unexpected rollup view definition, cannot rebuild from it: ${viewDefinition}`);
  const range = sql`created_at >= ${from} AND created_at < ${to}`;
  const body = select.replace(
    source,
    (_, table: string, groupBy: string) => ` FROM ${table} FINAL WHERE ${range} ${groupBy}`,
  );
  return `INSERT INTO ${ident(into).name} ${body}`;
}

/** The materialized view that fills a rollup. */
export const rollupView = (table: RollupTable) => `${table}_mv`;

export const reliabilityQueries = {
  /** The CREATE statement of a rollup's materialized view, one line on 18.16 and current releases. */
  rollupViewDefinition: (table: RollupTable) =>
    sql`SELECT create_table_query AS definition FROM system.tables WHERE database = currentDatabase() AND name = ${rollupView(table)}`,

  /** Partitions (days for the minute rollup, months for the hour rollup) with rollup rows or mentions since a time. */
  rollupPartitionsSince: (table: RollupTable, since: Date) =>
    table === 'mention_rollup_minute'
      ? sql`SELECT DISTINCT p AS partition FROM (SELECT toYYYYMMDD(bucket) AS p FROM mention_rollup_minute WHERE bucket >= toStartOfDay(${since}) UNION ALL SELECT toYYYYMMDD(created_at) AS p FROM mentions WHERE created_at >= toStartOfDay(${since})) ORDER BY partition`
      : sql`SELECT DISTINCT p AS partition FROM (SELECT toYYYYMM(bucket) AS p FROM mention_rollup_hour WHERE bucket >= toStartOfMonth(${since}) UNION ALL SELECT toYYYYMM(created_at) AS p FROM mentions WHERE created_at >= toStartOfMonth(${since})) ORDER BY partition`,

  createStaging: (table: string, staging: string) =>
    `CREATE TABLE IF NOT EXISTS ${ident(staging).name} AS ${ident(table).name}`,

  replacePartition: (table: string, partition: number, staging: string) =>
    `ALTER TABLE ${ident(table).name} REPLACE PARTITION ${String(Math.trunc(partition))} FROM ${ident(staging).name}`,

  dropTable: (table: string) => `DROP TABLE IF EXISTS ${ident(table).name}`,

  /** Partitions of a (staging) table that hold data. */
  partitionsWithData: (table: string) =>
    sql`SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = ${table} AND active ORDER BY partition`,

  /** Current releases refuse REPLACE PARTITION from an empty source: a partition with nothing left is dropped. */
  dropPartition: (table: string, partition: number) =>
    `ALTER TABLE ${ident(table).name} DROP PARTITION ${String(Math.trunc(partition))}`,
} as const;

/** Escapes a literal text for an RE2 pattern. */
function re2Literal(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}-]/g, (c) => `\\${c}`);
}

/**
 * RE2 pattern for `@handle` references in a text, the same tokens as `scrubText` (processors/erasure/scrub.ts):
 * the handle followed by trailing dots/dashes and a non-handle character, or the end. Group 2 keeps the tail.
 */
export function handleReferencePattern(handles: readonly string[]): string {
  return `(?i)@(${handles.map(re2Literal).join('|')})((?:[.-]+)?(?:[^\\p{L}\\p{N}_.@-]|$))`;
}

/** RE2 pattern for whole author ids in a text (`simulator:u4` does not match inside `simulator:u42`). */
export function idPattern(ids: readonly string[]): string {
  return `(^|[^\\p{L}\\p{N}_])(${ids.map(re2Literal).join('|')})($|[^\\p{L}\\p{N}_])`;
}

/** What `lateral forget-author` removes from one table, as the WHERE of a count and of `ALTER TABLE … DELETE`. */
export interface ErasureTarget {
  /** Author ids (`<source>:<native id>`). */
  ids: readonly string[];
  /** Handles, lower-case without `@`. */
  handles: readonly string[];
  /** The authors' post ids (reposts of them carry their text). */
  postIds: readonly string[];
  /** Native ids (the part after `<source>:`), as they appear in raw payloads. */
  nativeIds: readonly string[];
}

const NONE = ['\u0000none'];
/** `('a', 'b')` for `IN`: 18.16 takes a tuple there, not an array literal. */
const inList = (values: readonly string[]) =>
  `(${(values.length > 0 ? values : NONE).map((v) => sql`${v}`).join(', ')})`;
/** An array literal (`hasAny`, lambdas). */
const list = (values: readonly string[]) => (values.length > 0 ? values : NONE);

/** `position(col, x) > 0 OR …` for every needle; `0` with none. */
function containsAny(column: string, needles: readonly string[], caseInsensitive = false): string {
  if (needles.length === 0) return '0';
  const fn = caseInsensitive ? 'positionCaseInsensitive' : 'position';
  return needles.map((n) => `${fn}(${ident(column).name}, ${sql`${n}`}) > 0`).join(' OR ');
}

export const erasureWhere = {
  posts: (t: ErasureTarget) =>
    `author_id IN ${inList(t.ids)} OR post_id IN ${inList(t.postIds)} OR repost_of_post_id IN ${inList(t.postIds)}`,
  mentions: (t: ErasureTarget) =>
    `author_id IN ${inList(t.ids)} OR post_id IN ${inList(t.postIds)} OR repost_of_post_id IN ${inList(t.postIds)}`,
  interactions: (t: ErasureTarget) =>
    `from_author_id IN ${inList(t.ids)} OR to_author_id IN ${inList(t.ids)} OR post_id IN ${inList(t.postIds)}`,
  authors: (t: ErasureTarget) => `author_id IN ${inList(t.ids)}`,
  author_scores_history: (t: ErasureTarget) => `author_id IN ${inList(t.ids)}`,
  dead_letters: (t: ErasureTarget) =>
    [
      t.ids.length > 0 ? sql`match(payload, ${idPattern(t.ids)})` : '0',
      t.ids.length > 0 ? sql`match(error, ${idPattern(t.ids)})` : '0',
      t.ids.length > 0 ? sql`match(key, ${idPattern(t.ids)})` : '0',
      t.ids.length > 0 ? sql`match(id, ${idPattern(t.ids)})` : '0',
      containsAny('key', t.postIds),
      containsAny(
        'payload',
        t.nativeIds.map((n) => JSON.stringify(n)),
      ),
      containsAny(
        'payload',
        t.handles.flatMap((h) => [JSON.stringify(h), `@${h}`]),
        true,
      ),
    ].join(' OR '),
} as const;
export type ErasureTable = keyof typeof erasureWhere;

/** Rows of other people that name an erased author: parent author ids, @-mentions, @-references in texts. */
export function referenceWhere(table: 'posts' | 'mentions', t: ErasureTarget): string {
  const texts = table === 'posts' ? ['text', 'review_owner_reply'] : ['text'];
  const parts =
    t.handles.length > 0
      ? texts.map((c) => sql`match(${ident(c)}, ${handleReferencePattern(t.handles)})`)
      : [];
  if (table === 'posts') {
    parts.push(`reply_to_author_id IN ${inList(t.ids)}`);
    parts.push(`arrayExists(x -> lower(replaceRegexpOne(x, '^@+', '')) IN ${inList(t.handles)}, mentions)`);
  }
  return parts.join(' OR ');
}

/** The `ALTER TABLE … UPDATE` that scrubs those references (the same result as `scrubPost` / `scrubMention`). */
export function referenceScrub(table: 'posts' | 'mentions', t: ErasureTarget): string {
  const pattern = handleReferencePattern(t.handles.length > 0 ? t.handles : NONE);
  const text = (c: string) => `${c} = replaceRegexpAll(${c}, ${sql`${pattern}`}, '@[erased]\\2')`;
  const assignments =
    table === 'posts'
      ? [
          text('text'),
          text('review_owner_reply'),
          `reply_to_author_id = if(reply_to_author_id IN ${inList(t.ids)}, '', reply_to_author_id)`,
          `mentions = arrayFilter(x -> lower(replaceRegexpOne(x, '^@+', '')) NOT IN ${inList(t.handles)}, mentions)`,
        ]
      : [text('text')];
  return `ALTER TABLE ${table} UPDATE ${assignments.join(', ')} WHERE ${referenceWhere(table, t)}`;
}

export const erasureQueries = {
  /** Author ids seen with a handle on a source. */
  authorsByHandle: (source: string, handle: string) =>
    sql`SELECT DISTINCT author_id FROM (SELECT author_id FROM posts WHERE source = ${source} AND lower(author_handle) = lower(${handle}) UNION ALL SELECT author_id FROM mentions WHERE source = ${source} AND lower(author_handle) = lower(${handle}) UNION ALL SELECT author_id FROM posts WHERE source = ${source} AND lower(author_handle) = lower(${`@${handle}`})) ORDER BY author_id`,
  /** Every handle the authors were seen with. */
  handlesOf: (ids: readonly string[]) =>
    `SELECT DISTINCT h FROM (SELECT author_handle AS h FROM posts WHERE author_id IN ${inList(ids)} UNION ALL SELECT author_handle AS h FROM mentions WHERE author_id IN ${inList(ids)}) WHERE h != '' ORDER BY h`,
  /** The authors' post ids. */
  postIdsOf: (ids: readonly string[]) =>
    `SELECT DISTINCT post_id FROM (SELECT post_id FROM posts WHERE author_id IN ${inList(ids)} UNION ALL SELECT post_id FROM mentions WHERE author_id IN ${inList(ids)}) ORDER BY post_id`,
  /** Days (minute rollup partitions) holding mentions that will be deleted. */
  affectedDays: (t: ErasureTarget) =>
    `SELECT DISTINCT toYYYYMMDD(created_at) AS day FROM mentions WHERE ${erasureWhere.mentions(t)} ORDER BY day`,
  count: (table: string, where: string) => `SELECT count() AS n FROM ${ident(table).name} WHERE ${where}`,
  erase: (table: string, where: string) => `ALTER TABLE ${ident(table).name} DELETE WHERE ${where}`,
  /** Mutations of this database not finished yet (ALTER … DELETE/UPDATE run in the background). */
  pendingMutations: () =>
    'SELECT count() AS pending FROM system.mutations WHERE database = currentDatabase() AND is_done = 0',
  /** MergeTree tables of this database with their String and Array(String) columns (the erasure sweep). */
  textColumns: () =>
    "SELECT table, name, type FROM system.columns WHERE database = currentDatabase() AND (type = 'String' OR type = 'Array(String)' OR type = 'Nullable(String)') ORDER BY table, name",
  mergeTreeTables: () =>
    "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree' ORDER BY name",
} as const;

/** A generic WHERE for tables the erasure does not know: any text column names an id or `@handle`. */
export function genericErasureWhere(
  columns: readonly { name: string; type: string }[],
  t: ErasureTarget,
): string | undefined {
  const parts: string[] = [];
  for (const c of columns) {
    if (c.type === 'Array(String)') parts.push(sql`hasAny(${ident(c.name)}, ${list(t.ids)})`);
    else {
      const col = c.type === 'Nullable(String)' ? `ifNull(${ident(c.name).name}, '')` : ident(c.name).name;
      if (t.ids.length > 0) parts.push(`match(${col}, ${sql`${idPattern(t.ids)}`})`);
      if (t.handles.length > 0) parts.push(`match(${col}, ${sql`${handleReferencePattern(t.handles)}`})`);
    }
  }
  return parts.length > 0 ? parts.join(' OR ') : undefined;
}

/** Filters of `lateral dlq list|replay`. */
export interface DeadLetterFilter {
  step?: string;
  since?: Date;
  /** Platform: keys `<source>:…`, or envelopes with `"source":"<source>"`. */
  source?: string;
}

function deadLetterWhere(f: DeadLetterFilter): string {
  const parts = ['1'];
  if (f.step !== undefined) parts.push(sql`step = ${f.step}`);
  if (f.since !== undefined) parts.push(sql`at >= ${f.since}`);
  if (f.source !== undefined) {
    const prefix = `${f.source}:`;
    parts.push(
      sql`(substring(key, 1, ${prefix.length}) = ${prefix} OR position(payload, ${`"source":"${f.source}"`}) > 0)`,
    );
  }
  return parts.join(' AND ');
}

export const dlqQueries = {
  /** Dead letters per component, step and reason (errors cut at their first 100 characters), newest first. */
  deadLetterGroups: (f: DeadLetterFilter, limit: number) =>
    `SELECT last_component AS component, last_step AS step, reason, count() AS dead_letters, uniqExact(last_topic) AS topics, min(failed_at) AS first_at, max(failed_at) AS last_at, sum(toUInt8(replayed_version >= failure_version)) AS replayed FROM (SELECT id, argMax(component, version) AS last_component, argMax(step, version) AS last_step, substring(argMax(error, version), 1, 100) AS reason, argMax(topic, version) AS last_topic, max(at) AS failed_at, max(version) AS failure_version FROM (SELECT * FROM dead_letters WHERE ${deadLetterWhere(f)}) GROUP BY id) AS d ANY LEFT JOIN (SELECT id, max(failure_version) AS replayed_version FROM dead_letter_replays GROUP BY id) AS r USING (id) GROUP BY last_component, last_step, reason ORDER BY last_at DESC, dead_letters DESC LIMIT ${String(Math.trunc(limit))}`,

  /**
   * Dead letters to replay: the newest failure of each id, unless it was replayed after that failure. Paged by id.
   */
  deadLettersToReplay: (f: DeadLetterFilter, afterId: string, limit: number) =>
    `SELECT id, last_topic AS topic, last_key AS key, last_payload AS payload, last_encoding AS payload_encoding, last_component AS component, last_step AS step, toString(failure_version) AS failure_version_text FROM (SELECT id, argMax(topic, version) AS last_topic, argMax(key, version) AS last_key, argMax(payload, version) AS last_payload, argMax(payload_encoding, version) AS last_encoding, argMax(component, version) AS last_component, argMax(step, version) AS last_step, max(version) AS failure_version FROM (SELECT * FROM dead_letters WHERE ${deadLetterWhere(f)} AND ${sql`id > ${afterId}`}) GROUP BY id) AS d ANY LEFT JOIN (SELECT id, max(failure_version) AS replayed_version FROM dead_letter_replays GROUP BY id) AS r USING (id) WHERE replayed_version < failure_version ORDER BY id LIMIT ${String(Math.trunc(limit))}`,
} as const;

/** Retention drops whole partitions of the MergeTree tables: the same statements as the rebuild and the erasure. */
export const retentionQueries = {
  tables: erasureQueries.mergeTreeTables,
  /** Active partition ids of a table (`20260301`, `202603`, or `tuple()` when unpartitioned). */
  partitions: reliabilityQueries.partitionsWithData,
  dropPartition: reliabilityQueries.dropPartition,
} as const;

/** A rollup view's CREATE as the migrations write it (the samples have no server to read it from). */
function migratedViewDefinition(table: RollupTable): string {
  const create = new RegExp(`^CREATE MATERIALIZED VIEW IF NOT EXISTS ${rollupView(table)}\\s`);
  const found = loadMigrations()
    .flatMap((m) => m.statements)
    .findLast((s) => create.test(s.trim()));
  if (found === undefined) throw new Error(`no migration creates ${rollupView(table)}`);
  return found;
}

/** Every query above with sample arguments, for the portable-SQL test (in an order that works on an empty database). */
export function reliabilityQueriesWithSamples(): { name: string; sql: string }[] {
  const t = new Date('2026-03-02T00:00:00Z');
  const t2 = new Date('2026-03-03T00:00:00Z');
  const mention = mentionRow(Mention.parse(mentionExamples[0]));
  return [
    {
      name: 'insert mentions row (rollup rebuild sample)',
      sql: `INSERT INTO mentions FORMAT JSONEachRow ${JSON.stringify(mention)}`,
    },
    {
      name: 'rollupPartitionsSince minute',
      sql: reliabilityQueries.rollupPartitionsSince('mention_rollup_minute', t),
    },
    {
      name: 'rollupPartitionsSince hour',
      sql: reliabilityQueries.rollupPartitionsSince('mention_rollup_hour', t),
    },
    {
      name: 'createStaging',
      sql: reliabilityQueries.createStaging('mention_rollup_minute', 'mention_rollup_minute_rebuild_x'),
    },
    {
      name: 'rollupViewDefinition minute',
      sql: reliabilityQueries.rollupViewDefinition('mention_rollup_minute'),
    },
    {
      name: 'rollupRebuildInsert minute',
      sql: rollupRebuildInsert(
        migratedViewDefinition('mention_rollup_minute'),
        'mention_rollup_minute_rebuild_x',
        t,
        t2,
      ),
    },
    {
      name: 'rollupRebuildInsert hour',
      sql: rollupRebuildInsert(
        migratedViewDefinition('mention_rollup_hour'),
        'mention_rollup_minute_rebuild_x',
        t,
        t2,
      ),
    },
    {
      name: 'replacePartition',
      sql: reliabilityQueries.replacePartition(
        'mention_rollup_minute',
        20260302,
        'mention_rollup_minute_rebuild_x',
      ),
    },
    {
      name: 'partitionsWithData',
      sql: reliabilityQueries.partitionsWithData('mention_rollup_minute_rebuild_x'),
    },
    { name: 'dropPartition', sql: reliabilityQueries.dropPartition('mention_rollup_minute', 20250101) },
    { name: 'dropTable staging', sql: reliabilityQueries.dropTable('mention_rollup_minute_rebuild_x') },
    ...erasureSamples(),
    { name: 'retention tables', sql: retentionQueries.tables() },
    { name: 'retention partitions', sql: retentionQueries.partitions('posts') },
    { name: 'retention dropPartition', sql: retentionQueries.dropPartition('posts', 20200101) },
    {
      name: 'deadLetterGroups',
      sql: dlqQueries.deadLetterGroups({ step: "normalize' --", since: t, source: 'mastodon' }, 20),
    },
    { name: 'deadLetterGroups all', sql: dlqQueries.deadLetterGroups({}, 20) },
    {
      name: 'deadLettersToReplay',
      sql: dlqQueries.deadLettersToReplay({ step: 'normalize', source: "x'" }, '', 100),
    },
  ];
}

function erasureSamples(): { name: string; sql: string }[] {
  const t: ErasureTarget = {
    ids: ["simulator:u1' OR 1=1 --"],
    handles: ['anna.b', 'x\\y'],
    postIds: ['simulator:1'],
    nativeIds: ['u1'],
  };
  const out = [
    { name: 'authorsByHandle', sql: erasureQueries.authorsByHandle('simulator', "anna'") },
    { name: 'handlesOf', sql: erasureQueries.handlesOf(t.ids) },
    { name: 'postIdsOf', sql: erasureQueries.postIdsOf([]) },
    { name: 'affectedDays', sql: erasureQueries.affectedDays(t) },
    { name: 'pendingMutations', sql: erasureQueries.pendingMutations() },
    { name: 'textColumns', sql: erasureQueries.textColumns() },
    { name: 'mergeTreeTables', sql: erasureQueries.mergeTreeTables() },
    { name: 'referenceScrub posts', sql: referenceScrub('posts', t) },
    { name: 'referenceScrub mentions', sql: referenceScrub('mentions', t) },
    {
      name: 'genericErasure',
      sql: erasureQueries.erase(
        'alerts',
        genericErasureWhere(
          [
            { name: 'explanation', type: 'String' },
            { name: 'brand', type: 'String' },
          ],
          t,
        )!,
      ),
    },
  ];
  for (const [table, where] of Object.entries(erasureWhere)) {
    out.push({ name: `erasure count ${table}`, sql: erasureQueries.count(table, where(t)) });
    out.push({ name: `erasure delete ${table}`, sql: erasureQueries.erase(table, where(t)) });
  }
  return out;
}
