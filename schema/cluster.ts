import { sqlIdentifier, sqlString } from '../core/sql.ts';
import { loadMigrations, type Migration } from './migrate.ts';

/**
 * The ClickHouse cluster variant of the portable migrations (docs/architecture.md §9): the same statements with
 * `ON CLUSTER`, Replicated* engines and a `Distributed` table `<x>_all` per MergeTree-family table `x`.
 * The migrations stay the single source of truth; this only rewrites them.
 */

const MERGE_TREE =
  /^(MergeTree|ReplacingMergeTree|AggregatingMergeTree|SummingMergeTree|CollapsingMergeTree|VersionedCollapsingMergeTree)$/;
const NAME = '(?:`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)';
const QUALIFIED = `${NAME}(?:\\.${NAME})?`;
/** Statement kinds that take `ON CLUSTER` right after the object name. */
const HEADER = new RegExp(
  `^(CREATE\\s+(?:TABLE|DATABASE|VIEW|MATERIALIZED\\s+VIEW)(?:\\s+IF\\s+NOT\\s+EXISTS)?|ALTER\\s+TABLE|DROP\\s+(?:TABLE|VIEW|DATABASE|DICTIONARY)(?:\\s+IF\\s+EXISTS)?)\\s+(${QUALIFIED})`,
  'i',
);

/**
 * Blanks out quoted text and everything inside parentheses (keeping the parentheses), so keyword searches
 * only see the statement's top level. Same length as the input, so positions map back one to one.
 */
function topLevel(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      const quoted = text.slice(i, j + 1);
      // Top-level identifiers stay readable (names); string contents never matter.
      out += depth === 0 && ch !== "'" ? quoted : ' '.repeat(quoted.length);
      i = j;
      continue;
    }
    if (ch === ')') depth = Math.max(0, depth - 1);
    out += depth > 0 ? ' ' : ch;
    if (ch === '(') depth++;
  }
  return out;
}

/** Index of the `)` that closes the `(` at `open` (quotes skipped). */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in: ${text.slice(0, 80)}`);
}

function splitTopLevel(text: string): string[] {
  const masked = topLevel(text);
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= masked.length; i++) {
    if (i === masked.length || masked[i] === ',') {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return parts.filter(Boolean);
}

const unquote = (name: string) => name.replace(/`/g, '');

function splitName(qualified: string): { database?: string; table: string } {
  const parts = qualified.match(new RegExp(NAME, 'g')) ?? [];
  return parts.length === 2
    ? { database: unquote(parts[0]!), table: unquote(parts[1]!) }
    : { table: unquote(parts[0]!) };
}

function onCluster(cluster: string): string {
  // Macros such as '{cluster}' are allowed; anything else odd is refused rather than quoted.
  if (!/^[A-Za-z0-9_.{}-]+$/.test(cluster))
    throw new TypeError(`invalid cluster name: ${JSON.stringify(cluster)}`);
  return `ON CLUSTER ${sqlString(cluster)}`;
}

interface Parsed {
  kind: string;
  name: string;
  /** Index just after the object name. */
  nameEnd: number;
}

function parseHeader(statement: string): Parsed {
  const match = HEADER.exec(topLevel(statement));
  if (!match) {
    throw new Error(
      `no cluster form for this statement (supported: CREATE/ALTER/DROP of tables, views, databases; data migrations need a hand-written cluster version): ${statement.slice(0, 80)}`,
    );
  }
  const kind = match[1]!.replace(/\s+/g, ' ').toUpperCase();
  if (/\bON\s+CLUSTER\b/i.test(topLevel(statement)))
    throw new Error(`statement already has ON CLUSTER: ${statement.slice(0, 80)}`);
  const nameEnd = match[0].length;
  return { kind, name: statement.slice(nameEnd - match[2]!.length, nameEnd), nameEnd };
}

interface Engine {
  name: string;
  args: string[];
  start: number;
  end: number;
}

/** The `ENGINE = X(args)` clause of a CREATE (before any `AS SELECT`), with its position. */
function findEngine(statement: string): Engine | undefined {
  const masked = topLevel(statement);
  const asSelect = /\bAS\s+SELECT\b/i.exec(masked);
  const head = asSelect ? masked.slice(0, asSelect.index) : masked;
  const match = /\bENGINE\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*/i.exec(head);
  if (!match) return undefined;
  const start = match.index;
  let end = match.index + match[0].length;
  let args: string[] = [];
  if (statement[end] === '(') {
    const close = closingParen(statement, end);
    args = splitTopLevel(statement.slice(end + 1, close));
    end = close + 1;
  }
  return { name: match[1]!, args, start, end };
}

function replicated(engine: Engine, table: string, statement: string): string {
  // Old-style engines carry the key in their arguments (no ORDER BY clause); the migrations never use them.
  if (!/\bORDER\s+BY\b/i.test(topLevel(statement)))
    throw new Error(
      `${engine.name} without ORDER BY (old syntax) has no cluster form: ${statement.slice(0, 80)}`,
    );
  const path = sqlString(`/clickhouse/tables/{shard}/{database}/${table}`);
  return `ENGINE = Replicated${engine.name}(${[path, "'{replica}'", ...engine.args].join(', ')})`;
}

/**
 * Rewrites one portable DDL statement for a replicated cluster: `ON CLUSTER '<cluster>'` after the object
 * name and MergeTree-family engines as their Replicated form, keyed in Keeper by shard, database and table.
 * Throws for statements that have no safe mechanical cluster form (INSERT, OPTIMIZE, ...).
 */
export function toClusterStatement(statement: string, cluster: string): string {
  const text = statement.trim().replace(/;\s*$/, '');
  const { kind, name, nameEnd } = parseHeader(text);
  let out = `${text.slice(0, nameEnd)} ${onCluster(cluster)}${text.slice(nameEnd)}`;
  if (/^CREATE (TABLE|MATERIALIZED VIEW)\b/.test(kind)) {
    const engine = findEngine(out);
    if (engine && MERGE_TREE.test(engine.name))
      out = `${out.slice(0, engine.start)}${replicated(engine, splitName(name).table, out)}${out.slice(engine.end)}`;
  }
  return out;
}

/** The columns of a top-level `ORDER BY` clause: `(source, post_id)` → ['source', 'post_id']. */
function sortKey(statement: string): string[] {
  const masked = topLevel(statement);
  const match = /\bORDER\s+BY\s+/i.exec(masked);
  if (!match) return [];
  const rest = masked.slice(match.index + match[0].length);
  const next = /\b(PRIMARY\s+KEY|SAMPLE\s+BY|SETTINGS|TTL|PARTITION\s+BY)\b/i.exec(rest);
  let key = statement
    .slice(match.index + match[0].length, match.index + match[0].length + (next?.index ?? rest.length))
    .trim();
  if (key.startsWith('(') && closingParen(key, 0) === key.length - 1) key = key.slice(1, -1);
  return splitTopLevel(key).filter((k) => k !== 'tuple()');
}

/**
 * For a CREATE TABLE of the MergeTree family: `CREATE TABLE <x>_all ON CLUSTER ... ENGINE = Distributed(...)`
 * over it, else undefined. Sharded by a hash of the whole sort key: every version of a row then lands on the
 * same shard, so ReplacingMergeTree dedup (FINAL, merges) stays exact, and a low-cardinality leading column
 * (posts: `source`) cannot skew the shards. The database is explicit because `currentDatabase()` in engine
 * arguments evaluates to the remote's default database under ON CLUSTER (ClickHouse issue #8170).
 */
export function toDistributedStatement(
  statement: string,
  cluster: string,
  database: string,
): string | undefined {
  const text = statement.trim().replace(/;\s*$/, '');
  const header = HEADER.exec(topLevel(text));
  if (!header || !/^CREATE\s+TABLE\b/i.test(header[1]!)) return undefined;
  const engine = findEngine(text);
  if (!engine || !MERGE_TREE.test(engine.name)) return undefined;
  const { nameEnd, name } = parseHeader(text);
  const open = text.indexOf('(', nameEnd);
  if (open < 0 || text.slice(nameEnd, open).trim() !== '')
    throw new Error(`a Distributed table needs an explicit column list: ${text.slice(0, 80)}`);
  const columns = text.slice(open, closingParen(text, open) + 1);
  const { database: db = sqlIdentifier(database), table } = splitName(name);
  const key = sortKey(text);
  const shardBy = key.length > 0 ? `cityHash64(${key.join(', ')})` : 'rand()';
  const args = [sqlString(cluster), sqlString(db), sqlString(table), shardBy].join(', ');
  const target = name.includes('.') ? `${db}.${table}_all` : `${table}_all`;
  return `CREATE TABLE IF NOT EXISTS ${target} ${onCluster(cluster)}\n${columns}\nENGINE = Distributed(${args})`;
}

const COLUMN_COMMAND = /^(ADD|DROP|MODIFY|RENAME|COMMENT)\s+COLUMN\b/i;

/** Column changes of `ALTER TABLE x` repeated on `x_all`, which must keep the same columns. */
function mirrorAlter(statement: string, cluster: string, distributed: Set<string>): string | undefined {
  const text = statement.trim().replace(/;\s*$/, '');
  const { kind, name, nameEnd } = parseHeader(text);
  if (kind !== 'ALTER TABLE' || !distributed.has(splitName(name).table)) return undefined;
  const commands = splitTopLevel(text.slice(nameEnd)).filter((c) => COLUMN_COMMAND.test(c));
  if (commands.length === 0) return undefined;
  return `ALTER TABLE ${name.replace(/`?$/, (q) => `_all${q}`)} ${onCluster(cluster)} ${commands.join(', ')}`;
}

/**
 * Every statement of the cluster variant, in order: the database, then each migration statement rewritten,
 * each MergeTree-family table followed by its Distributed table. Idempotent like the migrations themselves.
 */
const BACKFILL = new RegExp(
  `^INSERT\\s+INTO\\s+(${NAME})\\s*(\\([^()]*\\))\\s*(SELECT\\b[\\s\\S]*?\\bFROM\\s+)(${NAME})(\\s[\\s\\S]*)?$`,
  'i',
);

/**
 * A migration's backfill, `INSERT INTO t (columns) SELECT … FROM source …` with one plain source table, as the
 * same statement between the Distributed tables (`t_all`, `source_all`), which spread the rows over the shards
 * like any other insert; undefined for anything else. A re-applied script repeats it, so a backfill must be
 * harmless twice (ours fill ReplacingMergeTree tables or keep a maximum).
 */
export function toClusterBackfill(statement: string): string | undefined {
  const text = statement.trim().replace(/;\s*$/, '');
  const m = BACKFILL.exec(text);
  if (!m || /\b(JOIN|FROM)\b/i.test(topLevel(m[5] ?? '')) || /\bSELECT\b[\s\S]*\bSELECT\b/i.test(text))
    return undefined;
  const all = (name: string) => name.replace(/`?$/, (q) => `_all${q}`);
  return `INSERT INTO ${all(m[1]!)} ${m[2]} ${m[3]}${all(m[4]!)}${m[5] ?? ''}`;
}

export function clusterMigrations(
  cluster: string,
  database = 'lateral',
  migrations: Migration[] = loadMigrations(),
): string[] {
  const out = [toClusterStatement(`CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(database)}`, cluster)];
  const distributed = new Set<string>();
  for (const migration of migrations) {
    for (const statement of migration.statements) {
      const backfill = /^\s*INSERT\b/i.test(statement) ? toClusterBackfill(statement) : undefined;
      if (backfill) {
        out.push(backfill);
        continue;
      }
      out.push(toClusterStatement(statement, cluster));
      const all = toDistributedStatement(statement, cluster, database);
      if (all) {
        out.push(all);
        distributed.add(splitName(parseHeader(statement.trim()).name).table);
      }
      const mirrored = mirrorAlter(statement, cluster, distributed);
      if (mirrored) out.push(mirrored);
    }
  }
  return out;
}

/** The cluster variant as one script for `clickhouse-client --multiquery` (what print-ddl.ts prints). */
export function clusterScript(cluster: string, database = 'lateral'): string {
  const [createDatabase, ...rest] = clusterMigrations(cluster, database);
  // Unqualified names in ON CLUSTER DDL resolve to the initiator's current database, hence the USE.
  return [createDatabase, `USE ${sqlIdentifier(database)}`, ...rest].map((s) => `${s};\n`).join('\n');
}
