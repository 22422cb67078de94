import { describe, expect, it } from 'vitest';
import { Post, type PostInput } from '../../schema/post.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import { HARD_FIELD_MAX, boundPost, cut } from '../../platforms/shared/bounds.ts';
import { runNormalizer } from '../../platforms/shared/normalizer.ts';
import { normalizers } from './registry.ts';
import { createNormalizeChain } from './steps.ts';

const chain = createNormalizeChain();
const fetchedAt = '2026-03-05T12:00:00.000Z';
const message = (source: string, payload: unknown, origin?: string): MessageOrigin => ({
  topic: 'lateral.raw.v1',
  partition: 0,
  offset: '1',
  key: 'k',
  value: Buffer.from(JSON.stringify({ source, fetchedAt, payload, ...(origin ? { origin } : {}) })),
});
const imported = (patch: Record<string, unknown>): PostInput => ({
  postId: 'forum:1',
  source: 'forum',
  author: { id: 'forum:u1', handle: 'u1' },
  text: 'hello',
  createdAt: '2026-03-05T10:00:00Z',
  fetchedAt,
  ...patch,
});
const rssItem = (description: string) => ({
  id: 'urn:x',
  feed: { url: 'https://kettlebrew.example/feed.xml', title: 'Kettlebrew' },
  item: { title: 'News', description, published: '2026-03-05T10:00:00Z' },
});

describe('text bounds at normalisation', () => {
  it('a feed description of 110 KiB of "<" normalises quickly (it stalled the consumer for seconds)', async () => {
    const started = performance.now();
    const result = await chain.run(message('rss', rssItem('<'.repeat(110 * 1024))));
    expect(performance.now() - started).toBeLessThan(4000);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.value[0]!.text.length).toBe(100_000);
    expect(result.value[0]!.truncated).toBe(true);
  });

  it('cuts text over the limit without splitting a surrogate pair, and flags the post', () => {
    const text = `${'a'.repeat(99_999)}😀 and more`;
    const bounded = boundPost(imported({ text }));
    if ('error' in bounded) throw new Error(bounded.error);
    expect(bounded.post.text).toBe('a'.repeat(99_999));
    expect(bounded.post.truncated).toBe(true);
    expect(cut('ab😀', 3)).toBe('ab');
    const short = boundPost(imported({}));
    expect('post' in short && short.post.truncated).toBeFalsy();
  });

  it('leaves out over-long links and tags rather than cutting them, and flags the post', () => {
    const bounded = boundPost(
      imported({
        links: ['https://ok.example', `https://x.example/${'a'.repeat(5000)}`],
        hashtags: ['#'.repeat(600)],
      }),
    );
    if ('error' in bounded) throw new Error(bounded.error);
    expect(bounded.post.links).toEqual(['https://ok.example']);
    expect(bounded.post.hashtags).toEqual([]);
    expect(bounded.post.truncated).toBe(true);
  });

  it('dead-letters a field beyond the hard limit with its name and length', async () => {
    const result = await chain.run(message('import', imported({ text: 'x'.repeat(HARD_FIELD_MAX + 1) })));
    expect(result).toMatchObject({
      kind: 'dlq',
      step: 'normalize',
      reason: expect.stringMatching(/payload\.text is 1000001 characters, over the hard limit/),
    });
  });
});

describe('lists past the hard limit', () => {
  it('a payload with a list of more than 2,000 entries is refused before its normaliser parses it', async () => {
    const result = await chain.run(
      message('import', imported({ mentions: Array.from({ length: 50_000 }, () => 'a') })),
    );
    expect(result).toMatchObject({
      kind: 'dlq',
      step: 'normalize',
      reason: expect.stringMatching(/payload\.mentions has 50000 entries, over the hard limit of 2000/),
    });
  });
});

describe('invalid UTF-16 is repaired before it can reach ClickHouse', () => {
  it('replaces a lone surrogate anywhere in the post by U+FFFD', async () => {
    const result = await chain.run(
      message(
        'import',
        imported({ text: 'x \ud83d', author: { id: 'forum:u1', handle: 'u\udc00', name: 'A\ud800' } }),
      ),
    );
    if (result.kind !== 'ok') throw new Error(JSON.stringify(result));
    const [post] = result.value;
    expect(post!.text).toBe('x \ufffd');
    expect(post!.author.handle).toBe('u\ufffd');
    expect(post!.author.name).toBe('A\ufffd');
    expect(Buffer.from(JSON.stringify(post), 'utf8').toString('utf8')).not.toMatch(
      /[\ud800-\udfff](?![\udc00-\udfff])/,
    );
  });
});

describe('dates and counts the columns cannot hold are dead-lettered with the reason', () => {
  it.each([
    ['1900', { createdAt: '1900-01-01T00:00:00Z' }, /createdAt.*storable range/],
    ['2200', { createdAt: '2200-01-01T00:00:00Z' }, /createdAt.*storable range/],
    ['9999', { createdAt: '9999-12-31T00:00:00Z' }, /createdAt.*storable range/],
    ['the epoch itself', { createdAt: '1970-01-01T00:00:00Z' }, /storable range/],
    [
      'an author created in 1850',
      { author: { id: 'forum:u1', handle: 'u1', createdAt: '1850-01-01T00:00:00Z' } },
      /author\.createdAt/,
    ],
    ['likes over UInt32', { metrics: { likes: 2 ** 32, reposts: 0, replies: 0 } }, /metrics\.likes/],
    [
      'followers over UInt32',
      { author: { id: 'forum:u1', handle: 'u1', followers: 5e9 } },
      /author\.followers/,
    ],
    ['views over 2^53', { metrics: { likes: 0, reposts: 0, replies: 0, views: 2 ** 60 } }, /metrics\.views/],
  ])('%s', async (_name, patch, reason) => {
    const result = await chain.run(message('import', imported(patch)));
    expect(result).toMatchObject({
      kind: 'dlq',
      step: 'validate-post',
      reason: expect.stringMatching(reason),
    });
  });

  it('keeps the edges of the range', () => {
    expect(Post.safeParse({ ...imported({ createdAt: '2105-12-31T23:59:59Z' }), fetchedAt }).success).toBe(
      true,
    );
    expect(Post.safeParse({ ...imported({ createdAt: '1970-01-01T00:00:01Z' }), fetchedAt }).success).toBe(
      true,
    );
    const max = { likes: 4_294_967_295, reposts: 0, replies: 0, quotes: 4_294_967_295 };
    expect(Post.safeParse({ ...imported({ metrics: max }), fetchedAt }).success).toBe(true);
  });
});

describe('normalisers never throw', () => {
  const se = 'https://api.stackexchange.com/2.3?site=coffee';
  it.each([
    ['stackexchange', { question_id: 1, creation_date: 1e20, body: '<p>x</p>', title: 't' }, se],
    ['stackexchange', { question_id: 1, creation_date: 1, body: 'x' }, 'not a url'],
    ['rss', { id: 'x', feed: { url: 'not a url' }, item: { description: 'x' } }, undefined],
    ['hackernews', { objectID: '1', created_at_i: 1e20, author: 'a', comment_text: 'x' }, undefined],
    [
      'reddit',
      {
        kind: 't1',
        data: {
          id: 'c',
          name: 't1_c',
          author: 'a',
          created_utc: 1e20,
          body: 'x',
          parent_id: 't3_a',
          link_id: 't3_a',
        },
      },
      undefined,
    ],
    [
      'jetstream',
      {
        did: 'did:plc:x',
        time_us: 1e25,
        kind: 'commit',
        commit: {
          operation: 'create',
          collection: 'app.bsky.feed.post',
          rkey: 'r',
          record: { text: 'x', createdAt: 'never' },
        },
      },
      undefined,
    ],
    [
      'lemmy',
      {
        post: { id: 1, name: 'x', published: '+275760-09-13T00:00:00Z', ap_id: 'x' },
        creator: { id: 1, name: 'a', actor_id: 'https://l.example/u/a' },
      },
      'https://l.example',
    ],
    [
      'discourse',
      {
        topic: { id: 1, title: 't', slug: 's' },
        post: { id: 1, topic_id: 1, post_number: 1, created_at: '2026-01-01', username: 'a', cooked: '<p>x' },
      },
      '::',
    ],
    [
      'mastodon',
      { id: '1', created_at: '2026-03-05T10:00:00Z', account: { id: '1', acct: 'a' } },
      'http://[',
    ],
    [
      'appstore',
      {
        app: { id: '1', country: 'us' },
        entry: {
          id: { label: '1' },
          'im:rating': { label: '5' },
          content: { label: 'x' },
          author: { name: { label: 'a' } },
        },
      },
      undefined,
    ],
  ])('%s with values no check foresaw returns an error or a post', (source, payload, origin) => {
    const envelope = { source, fetchedAt, payload, ...(origin ? { origin } : {}) };
    const run = () => normalizers[source]!(payload, envelope);
    expect(run).not.toThrow();
    const result = runNormalizer(normalizers[source]!, payload, envelope);
    if ('error' in result) expect(result.error.length).toBeGreaterThan(5);
  });

  it('a throwing normaliser becomes an error result', () => {
    const result = runNormalizer(
      () => {
        throw new RangeError('Invalid time value');
      },
      {},
      { source: 'x', fetchedAt, payload: {} },
    );
    expect(result).toEqual({ error: 'x normaliser failed: Invalid time value' });
  });
});
