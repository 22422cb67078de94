import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '@rowanmanning/feed-parser';
import { appStoreReview } from '../../platforms/appstore/fixtures.ts';
import { discoursePost } from '../../platforms/discourse/fixtures.ts';
import { hnComment, hnStory } from '../../platforms/hackernews/fixtures.ts';
import { lemmyCommentView, lemmyPostView } from '../../platforms/lemmy/fixtures.ts';
import { mastodonAccount, mastodonStatus } from '../../platforms/mastodon/fixtures.ts';
import { redditComment, redditSubmission } from '../../platforms/reddit/fixtures.ts';
import { atom, rss2 } from '../../platforms/rss/fixtures.ts';
import type { RssPayload } from '../../platforms/rss/source.ts';
import { seAnswer, seQuestion } from '../../platforms/stackexchange/fixtures.ts';
import { createSimulator } from '../../platforms/simulator/generator.ts';
import { rawExamples } from '../../schema/examples.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';

/**
 * The fuzzer's seed corpus: one or more well-formed raw envelopes per source, built from the fixtures the
 * connector and normaliser tests use (so a new fixture shape is fuzzed as soon as it is added there).
 */
const fetchedAt = '2026-03-05T12:00:00.000Z';
const T = Date.parse('2026-03-05T10:00:00Z');

const json = (path: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../platforms/${path}`, import.meta.url)), 'utf8'));

const env = (source: string, payload: unknown, extra: Partial<RawEnvelope> = {}): RawEnvelope => ({
  source,
  sourceId: 'fuzz',
  fetchedAt,
  payload,
  ...extra,
});

function rssPayloads(): RawEnvelope[] {
  const out: RawEnvelope[] = [];
  for (const [url, xml] of [
    ['https://kettlebrew.example/news.atom', atom([{ id: 'fw-2.3', time: T }])],
    ['https://blog.example/feed.xml', rss2([{ id: 'k2-review', time: T }])],
  ] as const) {
    const feed = parseFeed(xml);
    for (const entry of feed.items) {
      const item = entry.toJSON();
      const payload: RssPayload = {
        id: item.id ?? item.url ?? 'x',
        feed: { url, title: feed.title, link: feed.url },
        item,
      };
      out.push(env('rss', payload));
    }
  }
  return out;
}

export function seedEnvelopes(): RawEnvelope[] {
  const seeds: RawEnvelope[] = rawExamples.map((e) => structuredClone(e) as RawEnvelope);

  const sim = createSimulator({ seed: 'fuzz-seeds', count: 40 });
  for (const item of sim.items()) seeds.push(env('simulator', item.payload));

  const masto = { origin: 'https://social.example' };
  seeds.push(
    env(
      'mastodon',
      mastodonStatus('110', '2026-03-05T10:00:00.000Z', {
        in_reply_to_id: '100',
        in_reply_to_account_id: '2002',
        mentions: [
          { id: '2002', username: 'kettlebrew', acct: 'kettlebrew@brand.example', url: 'https://x.example' },
        ],
        account: mastodonAccount('1001', 'ana'),
      }),
      masto,
    ),
    env(
      'mastodon',
      mastodonStatus('120', '2026-03-05T10:00:00.000Z', {
        reblog: mastodonStatus('90', '2026-03-05T09:00:00.000Z', {
          account: mastodonAccount('3', 'kettlebrew@brand.example'),
        }),
        content: '',
      }),
      masto,
    ),
  );

  seeds.push(
    env('reddit', redditSubmission('abc', T)),
    env('reddit', redditComment('c2', T, 't1_c1', 't3_abc')),
    env('hackernews', hnStory('4001', T)),
    env('hackernews', hnComment('4003', T, 4001, 4002)),
  );

  const se = { origin: 'https://api.stackexchange.com/2.3?site=coffee' };
  seeds.push(
    env('stackexchange', seQuestion(9001, T), se),
    env('stackexchange', seAnswer(90010, 9001, T), se),
  );

  seeds.push(...rssPayloads());

  for (const page of ['bluesky/fixtures/search-page-1.json', 'bluesky/fixtures/search-page-2.json']) {
    for (const post of (json(page) as { posts: unknown[] }).posts) seeds.push(env('bluesky', post));
  }
  const events = readFileSync(
    fileURLToPath(new URL('../../platforms/jetstream/fixtures/events.jsonl', import.meta.url)),
    'utf8',
  );
  for (const line of events.split('\n').filter(Boolean)) {
    // The fixture holds a truncated event on purpose; it is a seed as the text it is.
    let payload: unknown = line;
    try {
      payload = JSON.parse(line);
    } catch {
      /* keep the text */
    }
    seeds.push(env('jetstream', payload));
  }

  const app = { id: '1450000000', country: 'us', name: 'Kettlebrew' };
  for (const entry of (json('appstore/fixtures/reviews-page-1.json') as { feed: { entry: unknown[] } }).feed
    .entry) {
    seeds.push(env('appstore', { app, entry }));
  }
  seeds.push(env('appstore', { app, entry: appStoreReview('777', '2026-03-05T10:00:00-07:00') }));

  const forum = { origin: 'https://forum.kettlebrew.example' };
  const topic = json('discourse/fixtures/topic-123.json') as {
    title: string;
    slug: string;
    post_stream: { posts: unknown[] };
  };
  const ref = { id: 123, title: topic.title, slug: topic.slug };
  for (const post of topic.post_stream.posts) seeds.push(env('discourse', { topic: ref, post }, forum));
  seeds.push(
    env('discourse', { topic: ref, post: discoursePost(900, 123, 9, '2026-03-05T10:00:00.000Z') }, forum),
  );

  const lemmy = { origin: 'https://lemmy.example' };
  for (const post of (json('lemmy/fixtures/post-list.json') as { posts: unknown[] }).posts) {
    seeds.push(env('lemmy', post, lemmy));
  }
  for (const c of (json('lemmy/fixtures/comment-list.json') as { comments: unknown[] }).comments) {
    seeds.push(env('lemmy', c, lemmy));
  }
  seeds.push(
    env('lemmy', lemmyPostView(77, '2026-03-05T10:00:00.000Z'), lemmy),
    env('lemmy', lemmyCommentView(78, 77, '0.78', '2026-03-05T10:00:00.000Z'), lemmy),
  );
  return seeds;
}
