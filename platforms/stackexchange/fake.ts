import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { seAnswer, seQuestion, seWrapper } from './fixtures.ts';

/**
 * api.stackexchange.com/2.3: `/questions` (tagged, sort=creation, order=desc, fromdate, page/pagesize) and
 * `/questions/{ids}/answers`, in the wrapper object, gzip-compressed as the real API always is.
 */
export function fakeStackExchange(): { store: FakeStore; route: Route } {
  const store = new FakeStore(
    (id, time) => seQuestion(Number(id), time),
    (n) => String(9000 + n),
  );
  const route: Route = (req) => {
    if (req.query.get('site') !== 'coffee')
      return {
        status: 400,
        gzip: true,
        body: { error_id: 400, error_message: 'site is required', error_name: 'bad_parameter' },
      };
    const answers = /^\/questions\/([\d;]+)\/answers$/.exec(req.path);
    if (answers) {
      const ids = answers[1]!.split(';').map(Number);
      const items = store.items
        .filter((i) => ids.includes(Number(i.id)))
        .map((i) => seAnswer(Number(i.id) * 10, Number(i.id), i.time + 60_000));
      return { gzip: true, body: seWrapper(items, false) };
    }
    if (req.path !== '/questions')
      return {
        status: 404,
        gzip: true,
        body: { error_id: 404, error_message: 'no method found with this name', error_name: 'no_method' },
      };
    const from = Number(req.query.get('fromdate') ?? 0) * 1000;
    const size = Number(req.query.get('pagesize') ?? 30);
    const page = Number(req.query.get('page') ?? 1);
    const entries = store.listing().filter((e) => e.time >= from);
    const items = entries.slice((page - 1) * size, page * size).map((e) => e.payload);
    return { gzip: true, body: seWrapper(items, page * size < entries.length) };
  };
  return { store, route: store.route(route) };
}
