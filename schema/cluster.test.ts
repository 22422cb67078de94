import { describe, expect, it } from 'vitest';
import {
  clusterMigrations,
  clusterScript,
  toClusterStatement,
  toClusterBackfill,
  toDistributedStatement,
} from './cluster.ts';
import { loadMigrations, type Migration } from './migrate.ts';

const all = loadMigrations().flatMap((m) =>
  m.statements.map((sql, i) => ({ name: `${m.name} #${i + 1}`, sql })),
);
const statements = all.filter((s) => !/^INSERT\b/.test(s.sql));
const backfills = all.filter((s) => /^INSERT\b/.test(s.sql));
const REPLICATED =
  /ENGINE = Replicated(\w*MergeTree)\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/(\w+)', '\{replica\}'(?:, )?/;

/** Undoes the rewrite, so each test can check that nothing else in the statement changed. */
function undo(rewritten: string): string {
  return rewritten.replace(" ON CLUSTER 'c'", '').replace(REPLICATED, 'ENGINE = $1(');
}

const migration = (...sql: string[]): Migration[] => [
  { version: 1, name: '0001_t', checksum: '', statements: sql },
];

describe('toClusterStatement on every migration statement', () => {
  it.each(statements)('$name', ({ sql }) => {
    const out = toClusterStatement(sql, 'c');
    expect(out).toMatch(/^(CREATE|ALTER|DROP) [A-Z ]*?\w+ ON CLUSTER 'c'/);
    expect(undo(out)).toBe(sql);
    const create = /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(sql);
    if (create && /MergeTree/.test(sql)) {
      expect(out).toMatch(REPLICATED);
      expect(REPLICATED.exec(out)?.[2]).toBe(create[1]);
      expect(out).not.toMatch(/ENGINE = (?!Replicated)\w*MergeTree/);
    }
  });
});

describe('toClusterBackfill on every migration backfill', () => {
  it.each(backfills)('$name', ({ sql }) => {
    const out = toClusterBackfill(sql);
    expect(out).toMatch(/^INSERT INTO \w+_all \(/);
    expect(out).toMatch(/ FROM \w+_all\b/);
  });
});

describe('clusterMigrations', () => {
  const all = clusterMigrations('c');

  it('creates the database first, then each migration statement followed by its Distributed table', () => {
    expect(all[0]).toBe("CREATE DATABASE IF NOT EXISTS lateral ON CLUSTER 'c'");
    const tables = statements.filter((s) => /^CREATE TABLE\b[\s\S]*MergeTree/.test(s.sql));
    const names = new Set(tables.map((t) => /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(t.sql)![1]!));
    // Column changes of a distributed table are repeated on its `_all` table.
    const alters = statements.filter((s) => {
      const m = /^ALTER TABLE (\w+) (ADD|DROP|MODIFY|RENAME|COMMENT) COLUMN\b/.exec(s.sql);
      return m !== null && names.has(m[1]!);
    });
    expect(all).toHaveLength(1 + statements.length + backfills.length + tables.length + alters.length);
    for (const { sql } of tables) {
      const name = /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(sql)![1]!;
      const local = all.findIndex((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${name} ON CLUSTER`));
      expect(all[local + 1]).toMatch(
        new RegExp(`^CREATE TABLE IF NOT EXISTS ${name}_all ON CLUSTER 'c'\\n\\(`),
      );
      expect(all[local + 1]).toContain(`ENGINE = Distributed('c', 'lateral', '${name}', cityHash64(`);
    }
  });

  it('shards posts by its whole sort key, so all versions of a post share a shard', () => {
    const posts = all.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS posts_all'));
    expect(posts).toMatch(/ENGINE = Distributed\('c', 'lateral', 'posts', cityHash64\(source, post_id\)\)$/);
    // Same columns as the local table.
    const columns = (s: string) => s.slice(s.indexOf('('), s.indexOf('\nENGINE'));
    const local = all.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS posts ON CLUSTER'))!;
    expect(columns(posts!)).toBe(columns(local).trimEnd());
  });

  it('puts the database into the Distributed engine and validates it', () => {
    expect(clusterMigrations('c', 'analytics').join('\n')).toContain("Distributed('c', 'analytics', 'posts'");
    expect(() => clusterMigrations('c', 'x; DROP')).toThrow(/invalid SQL identifier/);
  });

  it('repeats column changes on the Distributed table', () => {
    const out = clusterMigrations(
      'c',
      'db',
      migration(
        'CREATE TABLE IF NOT EXISTS t (id String, v UInt64) ENGINE = ReplacingMergeTree(v) ORDER BY id',
        "ALTER TABLE t ADD COLUMN IF NOT EXISTS note String DEFAULT 'a, b', DELETE WHERE id = ''",
      ),
    );
    expect(out.slice(3)).toEqual([
      "ALTER TABLE t ON CLUSTER 'c' ADD COLUMN IF NOT EXISTS note String DEFAULT 'a, b', DELETE WHERE id = ''",
      "ALTER TABLE t_all ON CLUSTER 'c' ADD COLUMN IF NOT EXISTS note String DEFAULT 'a, b'",
    ]);
  });

  it('is one script for clickhouse-client: database, USE, statements', () => {
    const script = clusterScript('c', 'db');
    expect(
      script.startsWith("CREATE DATABASE IF NOT EXISTS db ON CLUSTER 'c';\n\nUSE db;\n\nCREATE TABLE"),
    ).toBe(true);
    expect(script.trimEnd().endsWith(';')).toBe(true);
  });
});

describe('toClusterStatement', () => {
  it('rewrites every MergeTree family engine and keeps its arguments', () => {
    for (const [engine, args] of [
      ['MergeTree()', ''],
      ['ReplacingMergeTree(version)', ', version'],
      ['AggregatingMergeTree()', ''],
      ['SummingMergeTree((likes, reposts))', ', (likes, reposts)'],
    ] as const) {
      const out = toClusterStatement(
        `CREATE TABLE IF NOT EXISTS db.t (x UInt8) ENGINE = ${engine} ORDER BY x`,
        'c',
      );
      const name = engine.slice(0, engine.indexOf('('));
      expect(out).toBe(
        `CREATE TABLE IF NOT EXISTS db.t ON CLUSTER 'c' (x UInt8) ENGINE = Replicated${name}('/clickhouse/tables/{shard}/{database}/t', '{replica}'${args}) ORDER BY x`,
      );
    }
  });

  it('handles materialized views (TO target or own engine), views, databases, drops', () => {
    expect(
      toClusterStatement(
        'CREATE MATERIALIZED VIEW IF NOT EXISTS mv TO r AS SELECT a, count() AS n FROM t GROUP BY a',
        'c',
      ),
    ).toBe(
      "CREATE MATERIALIZED VIEW IF NOT EXISTS mv ON CLUSTER 'c' TO r AS SELECT a, count() AS n FROM t GROUP BY a",
    );
    expect(
      toClusterStatement(
        'CREATE MATERIALIZED VIEW IF NOT EXISTS mv ENGINE = AggregatingMergeTree() ORDER BY a AS SELECT a, countState() AS n FROM t GROUP BY a',
        'c',
      ),
    ).toBe(
      "CREATE MATERIALIZED VIEW IF NOT EXISTS mv ON CLUSTER 'c' ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/mv', '{replica}') ORDER BY a AS SELECT a, countState() AS n FROM t GROUP BY a",
    );
    expect(toClusterStatement('CREATE VIEW IF NOT EXISTS v AS SELECT 1', '{cluster}')).toBe(
      "CREATE VIEW IF NOT EXISTS v ON CLUSTER '{cluster}' AS SELECT 1",
    );
    expect(toClusterStatement('DROP TABLE IF EXISTS t;', 'c')).toBe("DROP TABLE IF EXISTS t ON CLUSTER 'c'");
  });

  it('leaves engine-like text in strings and non-MergeTree engines alone', () => {
    const sql =
      "CREATE TABLE IF NOT EXISTS t (x String DEFAULT 'ENGINE = MergeTree() ORDER BY x') ENGINE = Log";
    expect(toClusterStatement(sql, 'c')).toBe(sql.replace('t (', "t ON CLUSTER 'c' ("));
    expect(toDistributedStatement(sql, 'c', 'db')).toBeUndefined();
  });

  it('refuses what it cannot rewrite safely', () => {
    expect(() => toClusterStatement('INSERT INTO t SELECT 1', 'c')).toThrow(/no cluster form/);
    expect(toClusterBackfill('INSERT INTO t (a) SELECT a FROM x WHERE a > 1')).toBe(
      'INSERT INTO t_all (a) SELECT a FROM x_all WHERE a > 1',
    );
    expect(toClusterBackfill('INSERT INTO t SELECT 1')).toBeUndefined();
    expect(toClusterBackfill('INSERT INTO t (a) SELECT a FROM x JOIN y USING (a)')).toBeUndefined();
    expect(
      toClusterBackfill('INSERT INTO t (a) SELECT a FROM x WHERE a IN (SELECT b FROM y)'),
    ).toBeUndefined();
    expect(() => toClusterStatement("CREATE TABLE t ON CLUSTER 'x' (a UInt8) ENGINE = Log", 'c')).toThrow(
      /already has ON CLUSTER/,
    );
    expect(() => toClusterStatement('DROP TABLE t', "c' --")).toThrow(/invalid cluster name/);
    expect(() =>
      toClusterStatement('CREATE TABLE t (d Date, x UInt8) ENGINE = MergeTree(d, (x), 8192)', 'c'),
    ).toThrow(/old syntax/);
  });
});
