import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { mastodonStatus } from './fixtures.ts';

/**
 * A Mastodon instance: hashtag timelines and account statuses newest first, `limit`, `max_id`/`since_id`/
 * `min_id` filters, and `Link` headers (rel="next" with max_id, rel="prev" with min_id) as the API sends them.
 */
export function fakeMastodon(): { store: FakeStore; route: Route } {
  const store = new FakeStore((id, time) => mastodonStatus(id, new Date(time).toISOString()));
  const timeOfId = (id: string | null) => (id ? store.items.find((i) => i.id === id)?.time : undefined);
  const route: Route = (req, base) => {
    if (req.path === '/api/v1/accounts/lookup') {
      return req.query.get('acct') === 'kettlebrew'
        ? { body: { id: '77', username: 'kettlebrew', acct: 'kettlebrew' } }
        : { status: 404, body: { error: 'Record not found' } };
    }
    if (!/^\/api\/v1\/(timelines\/tag\/[^/]+|accounts\/77\/statuses)$/.test(req.path))
      return { status: 404, body: { error: 'Record not found' } };
    const limit = Math.min(40, Number(req.query.get('limit') ?? 20));
    const max = timeOfId(req.query.get('max_id'));
    const since = timeOfId(req.query.get('since_id')) ?? timeOfId(req.query.get('min_id'));
    const entries = store
      .listing()
      .filter((e) => (max === undefined || e.time < max) && (since === undefined || e.time > since));
    const page = entries.slice(0, limit);
    const ids = page.map((e) => e.item?.id).filter(Boolean);
    const link =
      entries.length > limit && ids.length > 0
        ? `<${base}${req.path}?limit=${limit}&max_id=${ids.at(-1)}>; rel="next", <${base}${req.path}?limit=${limit}&min_id=${ids[0]}>; rel="prev"`
        : undefined;
    return {
      body: page.map((e) => e.payload),
      headers: {
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '299',
        'x-ratelimit-reset': new Date(Date.now() + 300_000).toISOString(),
        ...(link ? { link } : {}),
      },
    };
  };
  return { store, route: store.route(route) };
}
