import { describe, expect, it } from 'vitest';
import { QueryParseError } from './lexer.ts';
import { compileBrands, type BrandQueryConfig, type MatchablePost } from './matcher.ts';

/** Does `query` match `text` (or a full post)? */
function hits(query: string, post: string | MatchablePost, exclude?: string): boolean {
  const brand: BrandQueryConfig = { name: 'b', query };
  if (exclude !== undefined) brand.exclude = exclude;
  const m = compileBrands([brand]);
  return m.match(typeof post === 'string' ? { text: post } : post).length === 1;
}

describe('operators and precedence', () => {
  it('evaluates AND, OR, NOT, -term and implicit AND', () => {
    expect(hits('apple AND iphone', 'my apple iphone')).toBe(true);
    expect(hits('apple AND iphone', 'an apple a day')).toBe(false);
    expect(hits('apple OR pear', 'a pear')).toBe(true);
    expect(hits('apple NOT pie', 'apple pie')).toBe(false);
    expect(hits('apple -pie', 'apple store')).toBe(true);
    expect(hits('apple iphone', 'iphone by apple')).toBe(true);
    expect(hits('apple iphone', 'apple only')).toBe(false);
  });

  it('binds AND tighter than OR', () => {
    // a OR (b AND c)
    expect(hits('a OR b AND c', 'a')).toBe(true);
    expect(hits('a OR b AND c', 'b')).toBe(false);
    expect(hits('(a OR b) AND c', 'b c')).toBe(true);
    expect(hits('(a OR b) AND c', 'a')).toBe(false);
  });

  it('binds NOT tighter than AND, and NEAR tighter than AND', () => {
    // (NOT a) AND b
    expect(hits('NOT a b', 'b')).toBe(true);
    expect(hits('NOT a b', 'a b')).toBe(false);
    expect(hits('NOT (a b)', 'a')).toBe(true);
    // x AND (a NEAR/0 b)
    expect(hits('x a NEAR/0 b', 'x a b')).toBe(true);
    expect(hits('x a NEAR/0 b', 'x a z b')).toBe(false);
  });

  it('supports context terms for ambiguous names', () => {
    const q = 'apple AND (iphone OR mac OR ios)';
    expect(hits(q, 'Apple released iOS 18')).toBe(true);
    expect(hits(q, 'apple crumble')).toBe(false);
  });
});

describe('phrases and proximity', () => {
  it('matches exact phrases in order, across punctuation', () => {
    expect(hits('"lumora buds"', 'I love my Lumora Buds!')).toBe(true);
    expect(hits('"lumora buds"', 'I love my Lumora-Buds')).toBe(true);
    expect(hits('"lumora buds"', 'buds from lumora')).toBe(false);
    expect(hits('"lumora buds"', 'lumora pro buds')).toBe(false);
    expect(hits('"lumora buds pro"', 'lumora buds lumora buds pro')).toBe(true);
  });

  it('matches terms the tokenizer splits as phrases', () => {
    expect(hits('e-bike', 'my new E-Bike')).toBe(true);
    expect(hits('e-bike', 'my new e bike')).toBe(true);
    expect(hits('e-bike', 'e-mail your bike shop')).toBe(false);
    expect(hits("mcdonald's", 'lunch at McDonald’s')).toBe(true);
  });

  it('implements NEAR/n in either order with at most n words between', () => {
    expect(hits('apple NEAR/0 iphone', 'apple iphone')).toBe(true);
    expect(hits('apple NEAR/0 iphone', 'iphone apple')).toBe(true);
    expect(hits('apple NEAR/0 iphone', 'apple new iphone')).toBe(false);
    expect(hits('apple NEAR/1 iphone', 'apple new iphone')).toBe(true);
    expect(hits('logitech NEAR/2 keyboard', 'Logitech Bluetooth Solar Keyboard')).toBe(true);
    expect(hits('logitech NEAR/2 keyboard', 'Logitech Bluetooth Solar Pro Keyboard')).toBe(false);
    expect(hits('apple NEAR/2 iphone', 'iphone is not an apple')).toBe(false);
    expect(hits('apple NEAR/3 iphone', 'iphone is not an apple')).toBe(true);
    // The same token does not satisfy both sides.
    expect(hits('apple NEAR/3 apple', 'apple')).toBe(false);
    expect(hits('apple NEAR/3 apple', 'apple and apple')).toBe(true);
  });

  it('finds the near pair among many occurrences', () => {
    const text = 'apple ' + 'x '.repeat(50) + 'iphone ' + 'y '.repeat(50) + 'apple iphone';
    expect(hits('apple NEAR/0 iphone', text)).toBe(true);
    expect(hits('apple NEAR/0 iphone', 'apple ' + 'x '.repeat(50) + 'iphone')).toBe(false);
  });

  it('treats "a b"~n like a NEAR/n b', () => {
    expect(hits('"apple iphone"~1', 'iphone from apple')).toBe(true);
    expect(hits('"apple iphone"~0', 'iphone from apple')).toBe(false);
    expect(hits('"apple iphone"~0', 'iphone apple')).toBe(true);
    // Three words: at most n foreign words interleaved in total.
    expect(hits('"lumora buds battery"~1', 'battery of the lumora buds')).toBe(false);
    expect(hits('"lumora buds battery"~2', 'battery of the lumora buds')).toBe(true);
    expect(hits('"buds buds"~2', 'buds')).toBe(false);
    expect(hits('"buds buds"~2', 'buds and buds')).toBe(true);
  });

  it('uses phrases, OR-groups and chains as NEAR operands', () => {
    const q = '"lumora buds" NEAR/3 (battery OR charging)';
    expect(hits(q, 'the charging case of my lumora buds')).toBe(true);
    expect(hits(q, 'lumora buds are nice, and the case has good charging')).toBe(false);
    expect(hits('a NEAR/0 b NEAR/0 c', 'a b c')).toBe(true);
    expect(hits('a NEAR/0 b NEAR/0 c', 'c a b')).toBe(true);
    expect(hits('a NEAR/0 b NEAR/0 c', 'a b x c')).toBe(false);
    expect(hits('a NEAR/0 b NEAR/1 c', 'a b x c')).toBe(true);
  });

  it('does not let metadata-only mentions satisfy positional operators', () => {
    expect(hits('@lumora', { text: 'hello', mentions: ['lumora'] })).toBe(true);
    expect(hits('@lumora NEAR/2 hello', { text: 'hello', mentions: ['lumora'] })).toBe(false);
    expect(hits('@lumora NEAR/2 hello', { text: '@lumora hello' })).toBe(true);
  });
});

describe('wildcards', () => {
  it('matches word prefixes', () => {
    expect(hits('lumo*', 'Lumora rocks')).toBe(true);
    expect(hits('lumo*', 'lumo')).toBe(true);
    expect(hits('lumo*', 'the lum')).toBe(false);
    expect(hits('lumo*', '#LumoraBuds')).toBe(true);
    expect(hits('lumo*', '@lumora')).toBe(false);
  });

  it('matches handle and tag prefixes, and prefixes inside phrases', () => {
    expect(hits('#lumo*', 'love #LumoraBuds')).toBe(true);
    expect(hits('#lumo*', 'love lumora')).toBe(false);
    expect(hits('@lumo*', 'cc @lumora_support')).toBe(true);
    expect(hits('"lumora bud*"', 'lumora buddy')).toBe(true);
    expect(hits('"lumora bud*"', 'buddy lumora')).toBe(false);
  });

  it('combines several wildcards sharing a prefix', () => {
    const m = compileBrands([
      { name: 'a', query: 'fiets*' },
      { name: 'b', query: 'fietsfab*' },
      { name: 'c', query: 'fietsfabriek' },
    ]);
    expect(m.match({ text: 'De Fietsfabriek!' })).toEqual(['a', 'b', 'c']);
    expect(m.match({ text: 'fietsen' })).toEqual(['a']);
  });
});

describe('folding', () => {
  it('is case- and diacritics-insensitive on both sides', () => {
    expect(hits('creme brulee', 'Crème Brûlée')).toBe(true);
    expect(hits('"Crème Brûlée"', 'CREME BRULEE')).toBe(true);
    expect(hits('müller', 'Muller')).toBe(true);
    expect(hits('strasse', 'Straße')).toBe(true);
    expect(hits('Café*', 'cafeteria')).toBe(true);
    expect(hits('lumora', 'ＬＵＭＯＲＡ')).toBe(true);
    expect(hits('lumora', 'Lumora™')).toBe(true);
    expect(hits('lumora', 'lu\u00admora')).toBe(true);
  });

  it('folds decomposed (NFD) input, including inside tags and handles', () => {
    expect(hits('creme', 'Cre\u0300me')).toBe(true);
    expect(hits('#lumora', '#Lumo\u0308ra')).toBe(true);
    expect(hits('@lumora', '@lumo\u0308ra')).toBe(true);
    expect(hits('"café crème"', 'CAFE\u0301 CRE\u0300ME')).toBe(true);
  });

  it('does not let ©, ® or ™ break a name into separate positions', () => {
    expect(hits('"lumora buds"', 'Lumora® Buds')).toBe(true);
    expect(hits('"lumora buds"', 'Lumora™ Buds')).toBe(true);
    expect(hits('"lumora buds"', 'Lumora © Buds')).toBe(true);
  });

  it('matches symbol terms whole and only whole', () => {
    expect(hits('c++', 'I write C++.')).toBe(true);
    expect(hits('c++', 'vitamin c')).toBe(false);
    expect(hits('.net', 'hiring (.NET) devs')).toBe(true);
    expect(hits('.net', 'fishing net')).toBe(false);
    expect(hits('"c++ developer"', 'senior C++ developer')).toBe(true);
    expect(hits('c++ NEAR/1 developer', 'developer who knows c++')).toBe(false);
    expect(hits('c++ NEAR/2 developer', 'developer who knows c++')).toBe(true);
  });

  it('matches CJK names as character phrases and emoji as tokens', () => {
    expect(hits('苹果', '我爱苹果手机')).toBe(true);
    expect(hits('苹果', '苹 and 果')).toBe(false);
    expect(hits('lumora AND 🔥', 'lumora🔥🔥')).toBe(true);
  });
});

describe('handles and hashtags', () => {
  it('bare terms match words and hashtags, not handles', () => {
    expect(hits('lumora', 'love #Lumora')).toBe(true);
    expect(hits('lumora', 'cc @lumora')).toBe(false);
    expect(hits('lumora', { text: 'nice', hashtags: ['Lumora'] })).toBe(true);
    expect(hits('"lumora buds"', '#lumora_buds')).toBe(true);
  });

  it('#tag matches only hashtags', () => {
    expect(hits('#lumora', 'love #LUMORA')).toBe(true);
    expect(hits('#lumora', 'love lumora')).toBe(false);
    expect(hits('#lumora', { text: 'nice', hashtags: ['#lumora'] })).toBe(true);
    expect(hits('#lumora', 'cc @lumora')).toBe(false);
  });

  it('@handle matches only mentions (text or metadata), not words or the author', () => {
    expect(hits('@lumora', 'hey @Lumora!')).toBe(true);
    expect(hits('@lumora', 'hey lumora #lumora')).toBe(false);
    expect(hits('@lumora', 'mail info@lumora.com')).toBe(false);
    expect(hits('@lumora', { text: 'x', mentions: ['@Lumora'] })).toBe(true);
    expect(hits('@lumora', { text: 'x', authorHandle: 'lumora' })).toBe(false);
  });

  it('handles fediverse handles', () => {
    expect(hits('@anna', 'hi @anna@social.example')).toBe(true);
    expect(hits('@anna@social.example', 'hi @anna@social.example')).toBe(true);
    expect(hits('@anna@social.example', 'hi @anna')).toBe(false);
  });

  it('ignores words inside URLs', () => {
    expect(hits('lumora', 'see https://shop.example/lumora?ref=lumora')).toBe(false);
  });
});

describe('exclusions and accounts', () => {
  const apple: BrandQueryConfig = {
    name: 'apple',
    query: 'apple',
    exclude: '"apple pie" OR recipe OR "apple juice"',
    accounts: { simulator: ['Apple'], mastodon: ['apple@mastodon.example'] },
  };
  const m = compileBrands([apple]);

  it('removes posts that match the exclude query', () => {
    expect(m.match({ text: 'Apple shares rise' })).toEqual(['apple']);
    expect(m.match({ text: 'Grandma’s apple pie' })).toEqual([]);
    expect(m.match({ text: 'apple recipe ideas' })).toEqual([]);
  });

  it('matches the brand’s own accounts (author or mention) on their source regardless of query and exclude', () => {
    expect(m.match({ text: 'our apple pie recipe', authorHandle: 'apple', source: 'simulator' })).toEqual([
      'apple',
    ]);
    expect(m.match({ text: 'hello', authorHandle: '@APPLE', source: 'simulator' })).toEqual(['apple']);
    expect(m.match({ text: 'hello', authorHandle: 'apple', source: 'mastodon' })).toEqual([]);
    expect(m.match({ text: 'hello', authorHandle: 'apple@mastodon.example', source: 'mastodon' })).toEqual([
      'apple',
    ]);
    expect(m.match({ text: 'hi @apple@mastodon.example', source: 'mastodon' })).toEqual(['apple']);
    expect(m.match({ text: 'hi', mentions: ['apple'], source: 'simulator' })).toEqual(['apple']);
    // No source on the post: any source's accounts count.
    expect(m.match({ text: 'hello', authorHandle: 'apple' })).toEqual(['apple']);
  });

  it('explains account, query, excluded and no-match outcomes', () => {
    expect(m.explain({ text: 'x', authorHandle: 'apple', source: 'simulator' }, 'apple')).toMatchObject({
      matched: true,
      reason: 'account',
      account: { handle: 'apple', role: 'author' },
    });
    expect(m.explain({ text: 'Apple earnings' }, 'apple')).toMatchObject({ matched: true, reason: 'query' });
    const ex = m.explain({ text: 'apple pie!' }, 'apple');
    expect(ex).toMatchObject({ matched: false, reason: 'excluded' });
    expect(ex.excludeTerms).toEqual([
      { term: '"apple pie"', field: 'phrase', matched: ['apple', 'pie'], positions: [0], negated: false },
    ]);
    expect(m.explain({ text: 'pears' }, 'apple')).toMatchObject({
      matched: false,
      reason: 'no-match',
      terms: [],
    });
    expect(() => m.explain({ text: '' }, 'nope')).toThrow(RangeError);
  });

  it('explains which terms matched, with wildcard surfaces and NOT parity', () => {
    const mm = compileBrands([{ name: 'l', query: '(lumo* OR #lumora) -spam' }]);
    const ex = mm.explain({ text: 'Lumora and #Lumora_Buds, lumos! spam' }, 'l');
    expect(ex.matched).toBe(false);
    expect(ex.terms).toEqual([
      { term: 'lumo*', field: 'word', matched: ['lumora', 'lumos'], positions: [0, 2, 4], negated: false },
      { term: 'spam', field: 'word', matched: ['spam'], positions: [5], negated: true },
    ]);
  });
});

describe('matchWithReasons', () => {
  const m = compileBrands([
    {
      name: 'apple',
      query: 'apple AND (iphone OR mac OR ios)',
      exclude: 'pie OR recipe',
      accounts: { simulator: ['apple'] },
    },
    { name: 'lumora', query: '(lumo* OR #lumora OR "lumora buds") -spam' },
    { name: 'dev', query: 'c++ NEAR/3 (developer OR engineer)' },
  ]);
  const posts: MatchablePost[] = [
    { text: 'My apple iPhone and the Lumora buds, lumora buds again' },
    { text: 'apple pie on my mac', source: 'simulator' },
    { text: 'hello', authorHandle: 'apple', source: 'simulator' },
    { text: 'Lumora spam lumos', hashtags: ['lumora'] },
    { text: 'c++ engineer, apple' },
    { text: 'nothing here' },
  ];

  it('gives match() and, per brand, the reason and not-negated terms explain() gives', () => {
    for (const post of posts) {
      for (const also of [[], ['dev', 'apple'], m.brands]) {
        const got = m.matchWithReasons(post, also);
        expect(got.brands).toEqual(m.match(post));
        const named = [...new Set([...got.brands, ...also])];
        expect(got.reasons.map((r) => r.brand)).toEqual(named);
        for (const r of got.reasons) {
          const ex = m.explain(post, r.brand);
          const terms = [...new Set(ex.terms.filter((t) => !t.negated).map((t) => t.term))];
          expect({ post, ...r }).toEqual({ post, brand: r.brand, reason: ex.reason, terms });
        }
      }
    }
    // Negated terms present are left out: 'spam' sits under a NOT.
    const spam = m.matchWithReasons(posts[3]!, ['lumora']).reasons[0];
    expect(spam).toEqual({ brand: 'lumora', reason: 'no-match', terms: ['lumo*', '#lumora'] });
    expect(() => m.matchWithReasons(posts[0]!, ['nope'])).toThrow(RangeError);
  });
});

describe('multiple brands and the index', () => {
  const brands: BrandQueryConfig[] = [
    { name: 'apple', query: 'apple AND (iphone OR mac OR ios)', exclude: 'pie OR recipe' },
    { name: 'lumora', query: 'lumora* OR "lumora buds" OR @lumora OR #lumora' },
    { name: 'fietsfabriek', query: 'fietsfabriek OR "fiets fabriek" OR @fietsfabriek' },
    { name: 'dev', query: 'c++ NEAR/3 (developer OR engineer)' },
  ];
  const m = compileBrands(brands);

  it('returns every matching brand in config order', () => {
    expect(
      m.match({ text: 'Typing on my iPhone: the Lumora buds and the Fietsfabriek are great. apple fan' }),
    ).toEqual(['apple', 'lumora', 'fietsfabriek']);
    expect(m.match({ text: 'c++ engineer @fietsfabriek' })).toEqual(['fietsfabriek', 'dev']);
    expect(m.brands).toEqual(['apple', 'lumora', 'fietsfabriek', 'dev']);
  });

  it('evaluates zero brand queries for a post with no brand term', () => {
    m.resetStats();
    expect(
      m.match({ text: 'The weather in Utrecht is lovely today, see https://lumora.example/x ☀️' }),
    ).toEqual([]);
    expect(m.match({ text: '', mentions: ['someone'], hashtags: ['weather'] })).toEqual([]);
    expect(m.stats()).toEqual({
      posts: 2,
      queryEvaluations: 0,
      excludeEvaluations: 0,
      accountMatches: 0,
      matches: 0,
    });
  });

  it('evaluates only the brands whose trigger terms occur', () => {
    m.resetStats();
    // "iphone" alone: apple's trigger is the cheaper side of its AND ("apple"), so nothing is evaluated.
    m.match({ text: 'new iphone and mac' });
    expect(m.stats().queryEvaluations).toBe(0);
    m.match({ text: 'apple pie' });
    expect(m.stats().queryEvaluations).toBe(1);
    m.match({ text: 'lumora apple iphone' });
    expect(m.stats()).toMatchObject({ queryEvaluations: 3, excludeEvaluations: 1, matches: 2 });
  });

  it('evaluates NOT-only queries for every post, and lists them', () => {
    const mm = compileBrands([
      { name: 'not-only', query: 'NOT spam' },
      { name: 'or-not', query: 'lumora OR NOT x' },
      { name: 'plain', query: 'lumora' },
    ]);
    expect(mm.unconditionalBrands).toEqual(['not-only', 'or-not']);
    expect(mm.match({ text: 'hello' })).toEqual(['not-only', 'or-not']);
    expect(mm.match({ text: 'spam x' })).toEqual([]);
    expect(mm.stats().queryEvaluations).toBe(4);
  });

  it('shares terms between brands and across query and exclude', () => {
    const mm = compileBrands([
      { name: 'a', query: 'lumora', exclude: 'fake' },
      { name: 'b', query: 'lumora fake' },
    ]);
    expect(mm.match({ text: 'fake lumora' })).toEqual(['b']);
    expect(mm.match({ text: 'lumora' })).toEqual(['a']);
  });
});

describe('compile errors and hostile posts', () => {
  it('reports the brand and field of a bad query', () => {
    let err: unknown;
    try {
      compileBrands([
        { name: 'ok', query: 'a' },
        { name: 'broken', query: 'a', exclude: 'pie OR' },
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryParseError);
    const qe = err as QueryParseError;
    expect(qe).toMatchObject({ brand: 'broken', field: 'exclude', position: 6 });
    expect(qe.message).toBe(
      "brand broken exclude: expected a term, phrase, @handle, #tag, NOT or '(', found end of query (at position 6)",
    );
    expect(qe.format()).toContain('pie OR\n      ^');
  });

  it('rejects duplicate and empty brand names', () => {
    expect(() =>
      compileBrands([
        { name: 'a', query: 'x' },
        { name: 'a', query: 'y' },
      ]),
    ).toThrow(/duplicate/);
    expect(() => compileBrands([{ name: '', query: 'x' }])).toThrow(/name/);
  });

  it('matches huge and repetitive posts in bounded time', () => {
    const mm = compileBrands([
      { name: 'n', query: 'apple NEAR/2 iphone' },
      { name: 'p', query: '"lumora buds"~3' },
      { name: 'w', query: 'lumo*' },
    ]);
    const text = 'apple lumora '.repeat(20_000) + 'iphone';
    const t0 = performance.now();
    expect(mm.match({ text })).toEqual(['n', 'w']);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('handles control characters, lone surrogates and regex metacharacters in posts', () => {
    expect(hits('lumora', 'x\u0000lumora\u0007 \ud800')).toBe(true);
    expect(hits('(a|b)', 'a|b')).toBe(true);
    expect(hits('(a|b)', 'ab')).toBe(false);
    expect(hits('lumora', '.*+?^${}()|[]\\')).toBe(false);
  });

  it('is unaffected by a previous post (scratch state is cleared)', () => {
    const mm = compileBrands([{ name: 'a', query: 'lumora' }]);
    expect(mm.match({ text: 'lumora' })).toEqual(['a']);
    expect(mm.match({ text: 'nothing' })).toEqual([]);
  });
});
