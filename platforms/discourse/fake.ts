import { FakeStore, type FakeItem } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { discoursePost, discourseTopic, discourseTopicListItem } from './fixtures.ts';

const POSTS_PER_TOPIC = 4;
/** Topics per `/latest.json` page and posts inlined in `/t/{id}.json` here (Discourse: 30 and 20). */
const TOPICS_PER_PAGE = 2;
const INLINE_POSTS = 3;

const topicOf = (n: number) => 100 + Math.floor((n - 1) / POSTS_PER_TOPIC);
const numberOf = (n: number) => ((n - 1) % POSTS_PER_TOPIC) + 1;

/**
 * A Discourse forum: posts are grouped four to a topic (native id `topic/post_number`); `/latest.json` lists
 * topics by last activity with `more_topics_url`, `/t/{id}.json` inlines the first posts and lists all ids in
 * `stream`, `/t/{id}/posts.json?post_ids[]=…` serves the rest. A malformed entry carries its own `topic_id`.
 */
export function fakeDiscourse(): { store: FakeStore; route: Route } {
  const store = new FakeStore(
    (_id, time, n) => discoursePost(5000 + n, topicOf(n), numberOf(n), new Date(time).toISOString()),
    (n) => `${topicOf(n)}/${numberOf(n)}`,
  );
  const topicIdOf = (payload: unknown) => (payload as { topic_id?: number }).topic_id ?? 0;
  const postIdOf = (payload: unknown) => (payload as { id?: number }).id ?? 0;
  /** Topic → entries (valid or not), in post order. */
  const topics = () => {
    const byTopic = new Map<number, { time: number; payload: unknown; item?: FakeItem }[]>();
    for (const e of store.listing()) {
      const list = byTopic.get(topicIdOf(e.payload)) ?? [];
      list.push(e);
      byTopic.set(topicIdOf(e.payload), list);
    }
    for (const list of byTopic.values()) list.sort((a, b) => a.time - b.time);
    return byTopic;
  };
  const route: Route = (req) => {
    if (req.path === '/latest.json') {
      const page = Number(req.query.get('page') ?? 0);
      const all = [...topics()]
        .map(([id, entries]) => ({ id, bumped: Math.max(...entries.map((e) => e.time)) }))
        .sort((a, b) => b.bumped - a.bumped);
      const slice = all.slice(page * TOPICS_PER_PAGE, (page + 1) * TOPICS_PER_PAGE);
      const more = (page + 1) * TOPICS_PER_PAGE < all.length;
      return {
        body: {
          users: [],
          primary_groups: [],
          topic_list: {
            can_create_topic: false,
            per_page: TOPICS_PER_PAGE,
            topics: slice.map((t) => discourseTopicListItem(t.id, new Date(t.bumped).toISOString())),
            ...(more ? { more_topics_url: `/latest?page=${page + 1}` } : {}),
          },
        },
      };
    }
    const topic = /^\/t\/(\d+)\.json$/.exec(req.path);
    const posts = /^\/t\/(\d+)\/posts\.json$/.exec(req.path);
    const id = Number((topic ?? posts)?.[1]);
    const entries = topics().get(id);
    if (!entries)
      return { status: 404, body: { errors: ['The requested URL or resource could not be found.'] } };
    if (topic) {
      const payloads = entries.map((e) => e.payload);
      return { body: discourseTopic(id, payloads.slice(0, INLINE_POSTS), payloads.map(postIdOf)) };
    }
    const wanted = new Set(req.query.getAll('post_ids[]').map(Number));
    return {
      body: {
        post_stream: { posts: entries.map((e) => e.payload).filter((p) => wanted.has(postIdOf(p))) },
        id,
      },
    };
  };
  return { store, route: store.route(route) };
}
