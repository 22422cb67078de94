import { describe, expect, it } from 'vitest';
import { parseFeed } from '@rowanmanning/feed-parser';
import { hnComment, hnStory } from './hackernews/fixtures.ts';
import { mastodonAccount, mastodonStatus } from './mastodon/fixtures.ts';
import { redditComment, redditSubmission } from './reddit/fixtures.ts';
import { atom } from './rss/fixtures.ts';
import { type RssPayload } from './rss/source.ts';
import { rssKey } from './rss/keys.ts';
import { seAnswer, seQuestion } from './stackexchange/fixtures.ts';
import { Post } from '../schema/post.ts';
import type { RawEnvelope } from '../schema/raw-envelope.ts';
import type { Normalizer } from './shared/normalizer.ts';
import { normalizeHackerNews } from './hackernews/normalize.ts';
import { normalizeMastodon } from './mastodon/normalize.ts';
import { normalizeReddit } from './reddit/normalize.ts';
import { normalizeRss } from './rss/normalize.ts';
import { normalizeStackExchange } from './stackexchange/normalize.ts';

const fetchedAt = '2026-03-05T12:00:00.000Z';
const T = Date.parse('2026-03-05T10:00:00Z');

/** Normalises and validates against the Post contract, as the normalize processor does. */
function posts(normalize: Normalizer, payload: unknown, envelope: Partial<RawEnvelope> = {}): Post[] {
  const result = normalize(payload, { source: 'x', fetchedAt, payload, ...envelope });
  if ('error' in result) throw new Error(result.error);
  return result.posts.map((p) => Post.parse(p));
}
function error(normalize: Normalizer, payload: unknown, envelope: Partial<RawEnvelope> = {}): string {
  const result = normalize(payload, { source: 'x', fetchedAt, payload, ...envelope });
  return 'error' in result ? result.error : '';
}

describe('mastodon normaliser', () => {
  const origin = 'https://social.example';
  it('keeps author data, text, tags, links and the reply structure', () => {
    const reply = mastodonStatus('110', '2026-03-05T10:00:00.000Z', {
      in_reply_to_id: '100',
      in_reply_to_account_id: '2002',
      mentions: [
        {
          id: '2002',
          username: 'kettlebrew',
          acct: 'kettlebrew@brand.example',
          url: 'https://brand.example/@kettlebrew',
        },
      ],
      account: mastodonAccount('1001', 'ana', { bot: false, followers_count: 120, following_count: 80 }),
    });
    const [post] = posts(normalizeMastodon, reply, { origin });
    expect(post!.postId).toBe('mastodon:social.example:110');
    expect(post!.author).toMatchObject({
      id: 'mastodon:ana@social.example',
      handle: 'ana@social.example',
      followers: 120,
      following: 80,
      bot: false,
      createdAt: '2022-11-04T00:00:00.000Z',
    });
    expect(post!.replyTo).toEqual({
      postId: 'mastodon:social.example:100',
      authorId: 'mastodon:kettlebrew@brand.example',
    });
    expect(post!.mentions).toEqual(['kettlebrew@brand.example']);
    expect(post!.hashtags).toEqual(['kettlebrew']);
    expect(post!.text).toContain('#kettlebrew descaled itself again & the coffee');
    expect(post!.metrics).toEqual({ likes: 5, reposts: 2, replies: 1 });
  });
  it('counts: a missing or malformed count (a non-conforming server) is absent, a reported 0 stays 0', () => {
    const { favourites_count: _f, ...noLikes } = mastodonStatus('113', '2026-03-05T10:00:00.000Z');
    expect(posts(normalizeMastodon, { ...noLikes, replies_count: null }, { origin })[0]!.metrics).toEqual({
      reposts: 2,
    });
    const zeros = mastodonStatus('114', '2026-03-05T10:00:00.000Z', {
      favourites_count: 0,
      reblogs_count: 0,
      replies_count: -1,
    });
    expect(posts(normalizeMastodon, zeros, { origin })[0]!.metrics).toEqual({ likes: 0, reposts: 0 });
  });
  it('a reply whose parent author is not mentioned names no parent author: a local account id is none', () => {
    const reply = mastodonStatus('111', '2026-03-05T10:00:00.000Z', {
      in_reply_to_id: '101',
      in_reply_to_account_id: '2003',
      mentions: [],
    });
    const [post] = posts(normalizeMastodon, reply, { origin });
    expect(post!.replyTo).toEqual({ postId: 'mastodon:social.example:101' });
    const self = mastodonStatus('112', '2026-03-05T10:01:00.000Z', {
      in_reply_to_id: '111',
      in_reply_to_account_id: '1001',
      account: mastodonAccount('1001', 'ana'),
    });
    expect(posts(normalizeMastodon, self, { origin })[0]!.replyTo).toEqual({
      postId: 'mastodon:social.example:111',
      authorId: 'mastodon:ana@social.example',
    });
  });
  it('a boost is a repost of the original, which is a post too', () => {
    const original = mastodonStatus('90', '2026-03-05T09:00:00.000Z', {
      account: mastodonAccount('3', 'kettlebrew@brand.example'),
    });
    const boost = mastodonStatus('120', '2026-03-05T10:00:00.000Z', { reblog: original, content: '' });
    const [repost, orig] = posts(normalizeMastodon, boost, { origin });
    expect(repost!.repostOf).toEqual({
      postId: 'mastodon:social.example:90',
      authorId: 'mastodon:kettlebrew@brand.example',
    });
    expect(orig!.author.handle).toBe('kettlebrew@brand.example');
    expect(repost!.text).toBe(orig!.text);
  });
  it('rejects statuses without an id or an envelope without origin', () => {
    expect(error(normalizeMastodon, { content: 'x' }, { origin })).toMatch(/mastodon status: id/);
    expect(error(normalizeMastodon, mastodonStatus('1', '2026-03-05T10:00:00Z'))).toMatch(/origin/);
  });
});

describe('reddit normaliser', () => {
  it('submissions carry title, self text, subreddit and mentioned users', () => {
    const [post] = posts(normalizeReddit, redditSubmission('abc', T));
    expect(post).toMatchObject({
      postId: 'reddit:t3_abc',
      author: { id: 'reddit:beanlover', handle: 'beanlover' },
      hashtags: ['r/kettlebrew'],
      mentions: ['brewmaster'],
      createdAt: '2026-03-05T10:00:00.000Z',
    });
    // Reddit has no reposts: the count is unknown, not 0.
    expect(post!.metrics).toEqual({ likes: 12, replies: 2 });
    expect(post!.text).toMatch(/^Kettlebrew K2 keeps asking/);
    expect(post!.links).toContain('https://example.com/manual.pdf');
  });
  it('comments reply to their parent within the submission thread', () => {
    const [post] = posts(normalizeReddit, redditComment('c2', T, 't1_c1', 't3_abc'));
    expect(post!.replyTo).toEqual({ postId: 'reddit:t1_c1' });
    expect(post!.rootId).toBe('reddit:t3_abc');
  });
  it('a comment by a deleted account has no author id, so deleted authors never merge into one', () => {
    const deleted = (id: string) =>
      posts(normalizeReddit, redditComment(id, T, 't3_abc', 't3_abc', { author: '[deleted]' }))[0]!;
    const [a, b] = [deleted('c3'), deleted('c4')];
    expect(a.author).toEqual({ handle: '', name: '' });
    expect(a.author).not.toHaveProperty('id');
    expect(b.author).not.toHaveProperty('id');
    expect(a.text).not.toBe('');
  });
  it('counts: a hidden or missing score and a comment reply count are absent, a reported 0 stays 0', () => {
    const comment = (extra: Record<string, unknown>) =>
      posts(normalizeReddit, redditComment('c5', T, 't3_abc', 't3_abc', extra))[0]!.metrics;
    expect(comment({ score_hidden: true, score: 1 })).toEqual({});
    expect(comment({ score: null })).toEqual({});
    expect(comment({ score: 'n/a' })).toEqual({});
    expect(comment({ score: 0 })).toEqual({ likes: 0 });
    expect(comment({ score: -4 })).toEqual({ likes: 0 });
    const submission = (extra: Record<string, unknown>) =>
      posts(normalizeReddit, redditSubmission('abd', T, extra))[0]!.metrics;
    expect(submission({ num_comments: null })).toEqual({ likes: 12 });
    expect(submission({ num_comments: 0, score: 0 })).toEqual({ likes: 0, replies: 0 });
  });
  it('rejects things of other kinds', () => {
    expect(error(normalizeReddit, { kind: 'more', data: {} })).toMatch(/reddit thing/);
  });
});

describe('hacker news normaliser', () => {
  it('stories keep title, link and points', () => {
    const [post] = posts(normalizeHackerNews, hnStory('4001', T));
    expect(post).toMatchObject({
      postId: 'hackernews:4001',
      author: { handle: 'pg_fan' },
    });
    expect(post!.metrics).toEqual({ likes: 42, replies: 7 });
    expect(post!.links).toEqual(['https://blog.example/kettlebrew-k2']);
    expect(post!.replyTo).toBeUndefined();
  });
  it('comments reply to parent_id in the story thread, text decoded', () => {
    const [post] = posts(normalizeHackerNews, hnComment('4003', T, 4001, 4002));
    expect(post!.replyTo).toEqual({ postId: 'hackernews:4002' });
    expect(post!.rootId).toBe('hackernews:4001');
    expect(post!.text).toBe('The K2 firmware talks to their API & phones home.');
    expect(post!.links).toContain('https://api.example.com');
  });
  it('counts: null or missing points and comment counts are absent, a reported 0 stays 0', () => {
    // The fixture comment has `points: null, num_comments: null`, as Algolia serves comments.
    expect(posts(normalizeHackerNews, hnComment('4004', T, 4001, 4001))[0]!.metrics).toEqual({});
    const { points: _p, num_comments: _n, ...story } = hnStory('4005', T);
    expect(posts(normalizeHackerNews, story)[0]!.metrics).toEqual({});
    expect(
      posts(normalizeHackerNews, hnStory('4006', T, { points: 0, num_comments: 0 }))[0]!.metrics,
    ).toEqual({
      likes: 0,
      replies: 0,
    });
  });
});

describe('stack exchange normaliser', () => {
  const origin = 'https://api.stackexchange.com/2.3?site=coffee';
  it('questions and answers, the answer replying to its question', () => {
    const [q] = posts(normalizeStackExchange, seQuestion(9001, T), { origin });
    const [a] = posts(normalizeStackExchange, seAnswer(90010, 9001, T + 60_000), { origin });
    expect(q).toMatchObject({
      postId: 'stackexchange:coffee:q9001',
      hashtags: ['kettlebrew', 'descaling'],
      author: { id: 'stackexchange:coffee:501', handle: 'Barista' },
    });
    expect(q!.text).toMatch(
      /^Why does the Kettlebrew K2.*\n\nMy Kettlebrew K2 asks to descale every week & I use/s,
    );
    expect(a).toMatchObject({
      postId: 'stackexchange:coffee:a90010',
      replyTo: { postId: 'stackexchange:coffee:q9001' },
      rootId: 'stackexchange:coffee:q9001',
    });
  });
  it('counts: fields the API leaves out are absent (an answer has no answer_count), a reported 0 stays 0', () => {
    const [a] = posts(normalizeStackExchange, seAnswer(90011, 9001, T), { origin });
    expect(a!.metrics).toEqual({ likes: 5 });
    const { score: _s, answer_count: _a, view_count: _v, ...bare } = seQuestion(9002, T);
    expect(posts(normalizeStackExchange, bare, { origin })[0]!.metrics).toEqual({});
    const zero = seQuestion(9003, T, { score: 0, answer_count: 0, view_count: 0 });
    expect(posts(normalizeStackExchange, zero, { origin })[0]!.metrics).toEqual({
      likes: 0,
      replies: 0,
      views: 0,
    });
  });
  it('needs the site', () => {
    expect(error(normalizeStackExchange, seQuestion(1, T))).toMatch(/site/);
  });
});

describe('rss normaliser', () => {
  it('atom entries through the feed parser the connector uses', () => {
    const feedUrl = 'https://kettlebrew.example/news.atom';
    const feed = parseFeed(atom([{ id: 'fw-2.3', time: T }]));
    const item = feed.items[0]!.toJSON();
    const payload: RssPayload = {
      id: item.id!,
      feed: { url: feedUrl, title: feed.title, link: feed.url },
      item,
    };
    const [post] = posts(normalizeRss, payload);
    expect(post!.postId).toBe(rssKey(feedUrl, item.id!));
    expect(post).toMatchObject({
      url: 'https://kettlebrew.example/news/fw-2.3',
      author: { handle: 'Kettlebrew' },
      createdAt: '2026-03-05T10:00:00.000Z',
    });
    expect(post!.text).toBe('Release fw-2.3\n\nFirmware fw-2.3 for the K2.');
    // A feed counts nothing: no metric is invented.
    expect(post!.metrics).toEqual({});
  });
});
