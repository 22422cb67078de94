import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { lemmyCommentView, lemmyPostView } from './fixtures.ts';

/** Every third item opens a post; the two after it are a comment and a reply to that comment. */
const postOf = (n: number) => n - ((n - 1) % 3);
const isPost = (n: number) => (n - 1) % 3 === 0;
const idOf = (native: string) => Number(native.split('/')[1]);

/**
 * A Lemmy instance: `/api/v3/post/list?sort=NewComments` (by newest comment, a new post by its own time),
 * `/api/v3/comment/list?post_id=…&sort=New`, both paged with `page` and `limit`. A malformed entry is served
 * in the post list.
 */
export function fakeLemmy(): { store: FakeStore; route: Route } {
  const store = new FakeStore(
    (id, time, n) => {
      const at = new Date(time).toISOString();
      if (isPost(n)) return lemmyPostView(n, at);
      const parentComment = n - 1;
      const path = isPost(parentComment) ? `0.${n}` : `0.${parentComment}.${n}`;
      return lemmyCommentView(n, postOf(n), path, at);
    },
    (n) => (isPost(n) ? `post/${n}` : `comment/${n}`),
  );
  const page = <T>(list: T[], query: URLSearchParams) => {
    const limit = Math.min(50, Number(query.get('limit') ?? 10));
    const n = Number(query.get('page') ?? 1);
    return list.slice((n - 1) * limit, n * limit);
  };
  const route: Route = (req) => {
    if (req.path === '/api/v3/post/list') {
      if (req.query.get('community_name') !== 'kettles')
        return { status: 404, body: { error: 'couldnt_find_community' } };
      const comments = store.items.filter((i) => i.id.startsWith('comment/'));
      const views = store.items
        .filter((i) => i.id.startsWith('post/'))
        .map((p) => {
          const own = comments.filter((c) => postOf(idOf(c.id)) === idOf(p.id));
          const newest = Math.max(p.time, ...own.map((c) => c.time));
          const view = lemmyPostView(idOf(p.id), new Date(p.time).toISOString(), {
            counts: { comments: own.length, newest_comment_time: new Date(newest).toISOString() },
          });
          return { time: newest, payload: view as unknown };
        });
      const listed = [...views, ...store.malformed].sort((a, b) => b.time - a.time);
      return { body: { posts: page(listed, req.query).map((v) => v.payload) } };
    }
    if (req.path === '/api/v3/comment/list') {
      const postId = Number(req.query.get('post_id'));
      const comments = store
        .listing((i) => i.id.startsWith('comment/') && postOf(idOf(i.id)) === postId)
        .filter((e) => e.item);
      return { body: { comments: page(comments, req.query).map((c) => c.payload) } };
    }
    return { status: 404, body: { error: 'unknown' } };
  };
  return { store, route: store.route(route) };
}
