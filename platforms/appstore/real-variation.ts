import { expect } from 'vitest';
import { AppStoreSourceConfig } from './config.ts';
import { longText, readFixture, type RealVariation, testSource } from '../shared/contract/real-variation.ts';
import { FAKE_APP_ID } from './fake.ts';
import { createAppStoreSource } from './source.ts';
import { appStoreKey } from './keys.ts';

/**
 * Customer-review feeds as Apple serves them: entries without their own `updated` (only the feed has one),
 * the same `link` (the app's review page) on every entry, no `im:voteSum`, an empty title, no reviewer URI,
 * non-Latin names and emoji, a 6,000-character review, an entry without a rating; and a storefront whose feed
 * has no `updated` either.
 */
function feed(): unknown {
  return readFixture(new URL('./fixtures/real-variation.json', import.meta.url), {
    APP: FAKE_APP_ID,
    LONG: longText(6000, 'Die App ist okay, aber die Timer-Funktion vergisst ihre Einstellungen.'),
  });
}

/** A storefront's feed with no times at all. */
const untimed = {
  feed: {
    author: { name: { label: 'iTunes Store' } },
    entry: {
      author: {
        name: { label: 'Camille' },
        uri: { label: 'https://itunes.apple.com/fr/reviews/id5544332211' },
      },
      'im:rating': { label: '4' },
      id: { label: '12000000009' },
      title: { label: 'Très bien' },
      content: { label: 'Silencieuse et rapide.', attributes: { type: 'text' } },
    },
    title: { label: 'iTunes Store : Avis' },
  },
};

const FETCHED = '2026-03-05T12:00:00.000Z';

/** The connector against a test server, a day of backfill (contract.ts and the recording). */
export const appStoreTestSource = testSource(AppStoreSourceConfig, createAppStoreSource, {
  type: 'appstore',
  backfill: '1d',
});

export const appstoreRealVariation = (): RealVariation => ({
  now: Date.parse(FETCHED),
  createSource: appStoreTestSource({
    apps: [{ id: FAKE_APP_ID, countries: ['de', 'fr'], name: 'Kettlebrew' }],
  }),
  route: (req) => {
    const first = req.path.includes('/page=1/');
    if (req.path.startsWith('/de/') && first) return { body: feed() };
    if (req.path.startsWith('/fr/') && first) return { body: untimed };
    return { body: { feed: { author: { name: { label: 'iTunes Store' } } } } };
  },
  rejected: [/im:rating/],
  expect: () => ({
    // No time of its own: the feed's `updated`, flagged approximate. No per-review URL exists: none.
    [appStoreKey('12000000001')]: {
      posts: [
        {
          createdAt: '2026-03-05T10:55:12.000Z',
          approximateTime: true,
          url: '',
          author: { id: 'appstore:id1122334455', handle: 'Jürgen_K' },
          review: { rating: 2, product: 'Kettlebrew', title: 'Verbindung bricht ständig ab 😤' },
        },
      ],
      // The feed carries no reposts or replies: those counts are unknown, not 0.
      check: ([post]) => expect(post!.metrics).toEqual({ likes: 4 }),
    },
    [appStoreKey('12000000002')]: {
      posts: [{ approximateTime: true, text: '最高. 毎朝使っています。☕' }],
      // No `im:voteSum`: the helpful votes are unknown, not 0.
      check: ([post]) => expect(post!.metrics).toEqual({}),
    },
    [appStoreKey('12000000003')]: {
      posts: [{ createdAt: '2026-03-05T10:10:00.000Z', author: { id: 'appstore:name:LongReviewer' } }],
      check: ([post]) => {
        expect(post!.approximateTime).toBeUndefined();
        expect(post!.review!.title).toBeUndefined();
        expect(post!.text).toHaveLength(6000);
        // `im:voteSum` "0" is reported: a real 0.
        expect(post!.metrics).toEqual({ likes: 0 });
      },
    },
    // Neither the entry nor the feed has a time: the fetch time, flagged approximate.
    [appStoreKey('12000000009')]: { posts: [{ createdAt: FETCHED, approximateTime: true, url: '' }] },
  }),
});
