import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ConfigError, parseConfig } from '../core/config.ts';
import { analyzerFromConfig } from '../processors/enrich/pipeline/analyzer-from-config.ts';
import { Post } from './post.ts';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const yamlBlocks = (path: string): unknown[] =>
  [...readFileSync(root(path), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => YAML.parse(m[1]!));

const example = YAML.parse(readFileSync(root('deploy/examples/lateral.example.yaml'), 'utf8')) as Record<
  string,
  unknown
>;
/** Every configuration shown to users: the README's examples, the brand-query README's brand, the example file. */
const shown: { where: string; config: unknown }[] = [
  ...yamlBlocks('README.md').map((config, i) => ({ where: `README.md block ${i}`, config })),
  ...yamlBlocks('processors/enrich/brand-query/README.md').map((brand, i) => ({
    where: `brand-query README block ${i}`,
    config: { brands: [brand] },
  })),
  { where: 'deploy/examples/lateral.example.yaml', config: example },
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Paths of every mapping in a document (`['clickhouse']`, `['sources', 0, 'http']`, …), the root included. */
function mappings(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => mappings(v, [...path, i]));
  if (!isObject(value)) return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => mappings(v, [...path, k]))];
}
/** Paths of every value set in a document. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.length === 0 ? [path] : value.flatMap((v, i) => leaves(v, [...path, i]));
  if (!isObject(value)) return [path];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
}
const at = (value: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
const name = (path: (string | number)[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

function error(input: unknown): string {
  try {
    parseConfig(input);
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('the configuration refuses what it cannot run', () => {
  it('a typo is an error wherever it is, naming the field', () => {
    expect(error({ clickhouse: { pasword: 'x' } })).toMatch(/clickhouse: Unrecognized key: "pasword"/);
    expect(error({ sinks: {} })).toMatch(/\(root\): Unrecognized key: "sinks"/);
    expect(error({ alerts: { rules: [{ name: 'x', series: 'volume', windowMinute: 5 }] } })).toMatch(
      /alerts\.rules\[0\]: Unrecognized key: "windowMinute"/,
    );
    expect(error({ dashboard: { prot: 8080 } })).toMatch(/dashboard: Unrecognized key: "prot"/);
    expect(error({ brands: [{ name: 'a', query: 'a', exclude: 'b', excludes: 'c' }] })).toMatch(
      /brands\[0\]: Unrecognized key: "excludes"/,
    );
    // Every mapping of the complete example, one at a time.
    for (const path of mappings(example)) {
      const doc = structuredClone(example);
      const target = path.length === 0 ? doc : (at(doc, path) as Json);
      target.tyop = 1;
      expect({ path: name(path), error: error(doc) }).toEqual({
        path: name(path),
        // A key of a record (accounts per source) is a name, so there the value's type is what fails.
        error: expect.stringMatching(/Unrecognized key: "tyop"|\.tyop: /),
      });
    }
  });

  it('URLs must be absolute http(s) URLs', () => {
    expect(error({ clickhouse: { url: 'localhost:8123' } })).toMatch(/clickhouse\.url: must be an http/);
    expect(error({ clickhouse: { url: 'ftp://x.example' } })).toMatch(/clickhouse\.url/);
    expect(error({ clickhouse: { url: 'http://localhost:8123' } })).toBe('');
    const rss = { type: 'rss', id: 'r', feeds: ['blog.example/feed'] };
    expect(error({ sources: [rss] })).toMatch(/sources\[0\]\.feeds\[0\]: must be an http/);
  });

  it('brand queries and exclusions are parsed at load, the error pointing at the position', () => {
    const brand = (query: string, exclude?: string) => ({
      brands: [{ name: 'apple', query, ...(exclude !== undefined ? { exclude } : {}) }],
    });
    expect(error(brand('apple AND (iphone'))).toMatch(
      /brands\[0\]\.query: expected '\)' to close '\(' at position 10, found end of query \(at position 17\)\n\s+apple AND \(iphone\n\s+\^/,
    );
    expect(error(brand('apple', 'pie OR'))).toMatch(/brands\[0\]\.exclude: .*\(at position 6\)/);
    expect(error(brand('apple NEAR/x iphone'))).toMatch(/brands\[0\]\.query: .*position/);
    expect(error(brand('apple', '"apple pie" OR recipe'))).toBe('');
  });
});

describe('every option shown to users is accepted and has an effect', () => {
  for (const { where, config } of shown) {
    it(`${where}: valid, and no value it sets is dropped`, () => {
      const parsed = parseConfig(config, where);
      for (const path of leaves(config)) {
        const value = at(config, path);
        // Parsing may normalise a value (a default filled in) but never loses one that was written.
        expect({ path: name(path), kept: at(parsed, path) !== undefined || value === undefined }).toEqual({
          path: name(path),
          kept: true,
        });
      }
    });
  }

  const post = (text: string, lang = 'en') =>
    Post.parse({
      postId: 'social:1',
      source: 'social',
      author: { id: 'social:u1', handle: 'ann' },
      text,
      lang,
      createdAt: '2026-03-01T10:00:00Z',
      fetchedAt: '2026-03-01T10:00:00Z',
    });
  const apple = { name: 'apple', query: 'apple', accounts: { social: ['apple'] } };

  it('brand exclude: "my grandma\'s apple pie recipe" is not a mention of apple; the brand\'s own post is', async () => {
    const text = "my grandma's apple pie recipe";
    const without = await analyzerFromConfig(parseConfig({ brands: [apple] }));
    expect(without.match(post(text))).toEqual(['apple']);
    const withExclude = await analyzerFromConfig(
      parseConfig({ brands: [{ ...apple, exclude: '"apple pie" OR recipe' }] }),
    );
    expect(withExclude.match(post(text))).toEqual([]);
    expect(withExclude.match(post('apple announced a new iphone'))).toEqual(['apple']);
    const own = Post.parse({ ...post(text), author: { id: 'social:b1', handle: 'apple' } });
    expect(withExclude.match(own)).toEqual(['apple']);
  });

  it('brand languages: only posts in those languages become mentions', async () => {
    const analyzer = await analyzerFromConfig(parseConfig({ brands: [{ ...apple, languages: ['de'] }] }));
    expect(
      analyzer.analyze(post('Apple hat ein neues Telefon vorgestellt, und es ist wirklich gut', 'de')),
    ).toHaveLength(1);
    expect(
      analyzer.analyze(post('Apple announced a new phone today and it is really good', 'en')),
    ).toHaveLength(0);
  });

  it('the example brand query and accounts decide what the example brand matches', async () => {
    const analyzer = await analyzerFromConfig(parseConfig(example));
    expect(analyzer.match(post('my kettlebrew broke again'))).toEqual(['kettlebrew']);
    expect(analyzer.match(post('the kettle is the best tea brewing guide'))).toEqual([]);
  });
});
