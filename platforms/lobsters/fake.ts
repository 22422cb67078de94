import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { lobstersComment, lobstersStory } from './fixtures.ts';

/** Every third item is a story; the two after it are a comment on it and a reply to that comment. */
const storyOf = (n: number) => n - ((n - 1) % 3);
const isStory = (n: number) => (n - 1) % 3 === 0;
const shortId = (n: number) => `x${n.toString(36).padStart(5, '0')}`;
const nOf = (native: string) => parseInt(native.split('/')[1]!.slice(1), 36);
/** Stories per listing page: the site serves 25; fewer here, so a handful of items spans pages. */
const PER_PAGE = 5;

/**
 * A Lobsters site: `/newest.json` and `/newest/page/<n>.json` (stories newest first, each with its current
 * `comment_count`), and `/s/<short_id>.json` (the story with its comments in thread order). A malformed entry
 * is served in the story listing.
 */
export function fakeLobsters(): { store: FakeStore; route: Route } {
  const store = new FakeStore(
    (_id, time, n) => {
      const at = new Date(time).toISOString();
      if (isStory(n)) return lobstersStory(shortId(n), at);
      const parent = isStory(n - 1) ? null : shortId(n - 1);
      return lobstersComment(shortId(n), shortId(storyOf(n)), at, parent);
    },
    (n) => `${isStory(n) ? 's' : 'c'}/${shortId(n)}`,
  );
  const commentsOf = (story: number) =>
    store.items.filter((i) => i.id.startsWith('c/') && storyOf(nOf(i.id)) === story);
  const storyView = (item: { id: string; time: number }) =>
    lobstersStory(shortId(nOf(item.id)), new Date(item.time).toISOString(), {
      comment_count: commentsOf(nOf(item.id)).length,
    });
  const route: Route = (req) => {
    const listing = /^\/newest(?:\/page\/(\d+))?\.json$/.exec(req.path);
    if (listing) {
      const page = Number(listing[1] ?? 1);
      const entries = store
        .listing((i) => i.id.startsWith('s/'))
        .map((e) => (e.item ? storyView(e.item) : e.payload));
      return { body: entries.slice((page - 1) * PER_PAGE, page * PER_PAGE) };
    }
    const story = /^\/s\/(\w+)\.json$/.exec(req.path);
    const item = story && store.items.find((i) => i.id === `s/${story[1]}`);
    if (item)
      return {
        body: {
          ...storyView(item),
          comments: commentsOf(nOf(item.id))
            .sort((a, b) => a.time - b.time)
            .map((c) => c.payload),
        },
      };
    return { status: 404, body: { error: 'not found' } };
  };
  return { store, route: store.route(route) };
}
