import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { hnStory } from './fixtures.ts';

/** hn.algolia.com `/api/v1/search_by_date`: newest first, `numericFilters=created_at_i>=…`, `page`/`nbPages`. */
export function fakeHackerNews(): { store: FakeStore; route: Route } {
  const store = new FakeStore(
    (id, time) => hnStory(id, time),
    (n) => String(40_000_000 + n),
  );
  const route: Route = (req) => {
    if (req.path !== '/api/v1/search_by_date')
      return { status: 404, body: { message: 'Not Found', status: 404 } };
    const min = /created_at_i>=(\d+)/.exec(req.query.get('numericFilters') ?? '');
    const entries = store.listing().filter((e) => !min || e.time / 1000 >= Number(min[1]));
    const perPage = Number(req.query.get('hitsPerPage') ?? 20);
    const page = Number(req.query.get('page') ?? 0);
    return {
      body: {
        hits: entries.slice(page * perPage, (page + 1) * perPage).map((e) => e.payload),
        nbHits: entries.length,
        page,
        nbPages: Math.ceil(entries.length / perPage),
        hitsPerPage: perPage,
        exhaustiveNbHits: true,
        query: req.query.get('query'),
        params: req.query.toString(),
        processingTimeMS: 1,
      },
    };
  };
  return { store, route: store.route(route) };
}
