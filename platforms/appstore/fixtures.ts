/**
 * App Store customer-review feed entries as Apple's JSON feed serves them (every value wrapped in `label`,
 * attributes beside it), used by the fake feed and the tests.
 */
export function appStoreReview(
  id: string,
  updated: string,
  extra: { rating?: number; title?: string; content?: string; author?: string; authorId?: string } = {},
) {
  const author = extra.author ?? 'KettleFan88';
  return {
    author: {
      uri: { label: `https://itunes.apple.com/us/reviews/id${extra.authorId ?? '1200300400'}` },
      name: { label: author },
      label: '',
    },
    updated: { label: updated },
    'im:rating': { label: String(extra.rating ?? 4) },
    'im:version': { label: '3.2.1' },
    id: { label: id },
    title: { label: extra.title ?? 'Good but the kettle app crashes' },
    content: {
      label:
        extra.content ?? `Review ${id}: pairing works, but the Kettlebrew app crashes when I set a timer.`,
      attributes: { type: 'text' },
    },
    link: {
      attributes: {
        rel: 'related',
        href: 'https://itunes.apple.com/us/review?id=1450000000&type=Purple%20Software',
      },
    },
    'im:voteSum': { label: '2' },
    'im:contentType': { attributes: { term: 'Application', label: 'Application' } },
    'im:voteCount': { label: '3' },
  };
}

/** The app's own entry some feeds open page 1 with (no rating): metadata, not a review. */
export function appStoreAppEntry(appId: string, name: string) {
  return {
    'im:name': { label: name },
    rights: { label: '© Kettlebrew B.V.' },
    'im:price': { label: 'Get', attributes: { amount: '0.00000', currency: 'USD' } },
    id: { label: `https://apps.apple.com/us/app/kettlebrew/id${appId}?uo=2`, attributes: { 'im:id': appId } },
    'im:artist': { label: 'Kettlebrew B.V.' },
  };
}

/** A feed page: `{ feed: { author, entry, updated, rights, title, icon, link[], id } }`. */
export function appStoreFeed(
  appId: string,
  country: string,
  page: number,
  entries: unknown[],
  lastPage = 10,
) {
  const self = (n: number) =>
    `https://itunes.apple.com/${country}/rss/customerreviews/page=${n}/id=${appId}/sortby=mostrecent/xml`;
  return {
    feed: {
      author: { name: { label: 'iTunes Store' }, uri: { label: 'http://www.apple.com/us/itunes/' } },
      ...(entries.length === 0 ? {} : { entry: entries.length === 1 ? entries[0] : entries }),
      updated: { label: '2026-03-05T04:00:00-07:00' },
      rights: { label: 'Copyright 2008 Apple Inc.' },
      title: { label: 'iTunes Store: Customer Reviews' },
      icon: { label: 'http://itunes.apple.com/favicon.ico' },
      link: [
        {
          attributes: {
            rel: 'alternate',
            type: 'text/html',
            href: `https://apps.apple.com/WebObjects/MZStore.woa/wa/viewGrouping?cc=${country}&id=1`,
          },
        },
        { attributes: { rel: 'self', href: self(page) } },
        { attributes: { rel: 'first', href: self(1) } },
        { attributes: { rel: 'last', href: self(lastPage) } },
        { attributes: { rel: 'previous', href: self(Math.max(1, page - 1)) } },
        { attributes: { rel: 'next', href: self(Math.min(lastPage, page + 1)) } },
      ],
      id: { label: self(page) },
    },
  };
}
