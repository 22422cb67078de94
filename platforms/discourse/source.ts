import { z } from 'zod';
import type { DiscourseSourceConfig } from './config.ts';
import { ParsableTime, splitValid } from '../shared/items.ts';
import {
  MalformedResponseError,
  pollingSource,
  type ListingPage,
  type PolledQuery,
  type Watermark,
} from '../shared/polling.ts';
import type { RejectedItem } from '../shared/rejects.ts';
import type { Source, SourceItem } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { secretFromEnv, sharedHttpClient } from '../shared/http/shared.ts';
import { discourseKey } from './keys.ts';

/** `/t/{id}/posts.json` takes this many `post_ids[]` per request (Discourse's chunk size). */
const POSTS_PER_REQUEST = 20;
/**
 * Moderator actions (staff notices) and small actions (topic events with an `action_code`: "pinned.enabled",
 * "closed.enabled", …, usually with empty `cooked`) are forum events, not posts anyone wrote to the community
 * (`post_type` 2 and 3; 1 is a regular post, 4 a staff whisper).
 */
export const NOT_POSTS = new Set([2, 3, 4]);

const PostHead = z.object({
  id: z.number().int(),
  topic_id: z.number().int(),
  post_number: z.number().int().positive(),
  created_at: ParsableTime,
  username: z.string().min(1),
  post_type: z.number().int().optional(),
});
type PostHead = z.infer<typeof PostHead>;

/** A topic as listed by `/latest.json` or `/search.json`. */
const TopicHead = z.looseObject({
  id: z.number().int(),
  title: z.string().default(''),
  slug: z.string().default(''),
  bumped_at: z.string().nullish(),
  last_posted_at: z.string().nullish(),
  pinned: z.boolean().optional(),
  pinned_globally: z.boolean().optional(),
});
type TopicHead = z.infer<typeof TopicHead>;

interface TopicRef {
  id: number;
  title: string;
  slug: string;
}

interface ForumPost {
  head: PostHead;
  raw: unknown;
  topic: TopicRef;
}

/**
 * What the connector produces per post: the post object untouched plus the topic it belongs to (title and
 * slug are not in the post itself; the title is what the opening post is about).
 */
export interface DiscoursePostPayload {
  topic: TopicRef;
  post: unknown;
}

export interface DiscourseDeps {
  http?: HttpClient;
  now?: () => number;
  env?: Record<string, string | undefined>;
}

/** Last activity of a listed topic (ms): a new post bumps it. */
const activityOf = (t: TopicHead) => Date.parse(t.bumped_at ?? t.last_posted_at ?? '') || 0;

/**
 * A Discourse forum: topics with new posts (`/latest.json`, by last activity) and/or searches
 * (`/search.json?q=… order:latest`), then each such topic's posts newer than the mark (`/t/{id}.json`, the
 * rest of a long topic via `/t/{id}/posts.json`). Posts are keyed by topic and post number, so a reply's
 * parent (`reply_to_post_number`) and the thread's root (post 1) are known without fetching them.
 */
export function createDiscourseSource(config: DiscourseSourceConfig, deps: DiscourseDeps = {}): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const base = config.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  const apiKey = secretFromEnv(config.apiKeyEnv, `source ${config.id}`, deps.env);
  const apiUser = secretFromEnv(config.apiUsernameEnv, `source ${config.id}`, deps.env);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(apiKey ? { 'api-key': apiKey } : {}),
    ...(apiUser ? { 'api-username': apiUser } : {}),
  };
  const getJson = async (path: string, signal: AbortSignal) =>
    (await http.get(`${base}${path}`, { headers, signal })).json();

  /** Posts of one topic created at or after `sinceMs`, oldest first. */
  const topicPosts = async (
    topic: TopicHead,
    sinceMs: number,
    signal: AbortSignal,
  ): Promise<{ posts: ForumPost[]; rejected: RejectedItem[] }> => {
    const body = await getJson(`/t/${topic.id}.json`, signal);
    const shaped = z
      .object({
        title: z.string().optional(),
        slug: z.string().optional(),
        post_stream: z.object({ posts: z.array(z.unknown()), stream: z.array(z.number().int()).optional() }),
      })
      .safeParse(body);
    if (!shaped.success) throw new MalformedResponseError(`topic ${topic.id} is not a Discourse topic`, body);
    const ref: TopicRef = {
      id: topic.id,
      title: shaped.data.title ?? topic.title,
      slug: shaped.data.slug ?? topic.slug,
    };
    const entries = [...shaped.data.post_stream.posts];
    const loaded = new Set(entries.map((p) => (p as { id?: unknown }).id));
    const missing = (shaped.data.post_stream.stream ?? []).filter((id) => !loaded.has(id));
    // A long topic: fetch the rest newest chunk first, and stop once a chunk reaches back past the mark.
    for (let end = missing.length; end > 0; end -= POSTS_PER_REQUEST) {
      const ids = missing.slice(Math.max(0, end - POSTS_PER_REQUEST), end);
      const query = ids.map((id) => `post_ids[]=${id}`).join('&');
      const more = await getJson(`/t/${topic.id}/posts.json?${query}`, signal);
      const chunk = z.object({ post_stream: z.object({ posts: z.array(z.unknown()) }) }).safeParse(more);
      if (!chunk.success)
        throw new MalformedResponseError(`posts of topic ${topic.id} are not a post stream`, more);
      entries.push(...chunk.data.post_stream.posts);
      const oldest = Math.min(
        ...chunk.data.post_stream.posts.map((p) =>
          Date.parse(String((p as { created_at?: unknown }).created_at)),
        ),
      );
      if (oldest < sinceMs) break;
    }
    const { valid, rejected } = splitValid(entries, PostHead, `post of topic ${topic.id}`, (e) =>
      typeof e.post_number === 'number' ? discourseKey(host, topic.id, e.post_number) : undefined,
    );
    const posts = valid
      .filter(
        (v) =>
          (v.item.post_type === undefined || !NOT_POSTS.has(v.item.post_type)) &&
          Date.parse(v.item.created_at) >= sinceMs,
      )
      .map((v) => ({ head: v.item, raw: v.raw, topic: ref }));
    return { posts, rejected };
  };

  /**
   * One "page" for the poller: listing pages of topics by activity, each topic with activity since the mark
   * expanded into its new posts; listing pages whose topics brought nothing new are skipped over.
   */
  const threadQuery = (
    key: string,
    listing: (
      page: number,
      signal: AbortSignal,
    ) => Promise<{ topics: TopicHead[]; oldestMs: number; more: boolean }>,
  ): PolledQuery<ForumPost> => ({
    key,
    idOf: (p) => `${p.head.topic_id}/${p.head.post_number}`,
    timeOf: (p) => Date.parse(p.head.created_at),
    toItem: (p): SourceItem => {
      const payload: DiscoursePostPayload = { topic: p.topic, post: p.raw };
      return {
        key: discourseKey(host, p.head.topic_id, p.head.post_number),
        source: 'discourse',
        payload,
        createdAt: p.head.created_at,
        origin: base,
      };
    },
    fetchPage: async (next, since: Watermark | undefined, signal): Promise<ListingPage<ForumPost>> => {
      const sinceMs = since?.t ?? 0;
      let page = Number(next ?? 0);
      for (;;) {
        const { topics, oldestMs, more } = await listing(page, signal);
        const items: ForumPost[] = [];
        const rejected: RejectedItem[] = [];
        for (const topic of topics) {
          if (activityOf(topic) < sinceMs) continue;
          const found = await topicPosts(topic, sinceMs, signal);
          items.push(...found.posts);
          rejected.push(...found.rejected);
        }
        const hasNext = more && oldestMs >= sinceMs && topics.length > 0;
        items.sort((a, b) => Date.parse(b.head.created_at) - Date.parse(a.head.created_at));
        if (items.length > 0 || rejected.length > 0 || !hasNext)
          return { items, rejected, next: hasNext ? String(page + 1) : undefined };
        page++;
      }
    },
  });

  const latest = threadQuery('latest', async (page, signal) => {
    const body = await getJson(`/latest.json?page=${page}`, signal);
    const shaped = z
      .object({
        topic_list: z.object({ topics: z.array(z.unknown()), more_topics_url: z.string().nullish() }),
      })
      .safeParse(body);
    if (!shaped.success) throw new MalformedResponseError('response is not a Discourse topic list', body);
    const topics = shaped.data.topic_list.topics.flatMap((t) => {
      const parsed = TopicHead.safeParse(t);
      return parsed.success ? [parsed.data] : [];
    });
    // Pinned topics lead the list whatever their age: they do not say where the listing is in time.
    const unpinned = topics.filter((t) => !t.pinned && !t.pinned_globally);
    const oldestMs = unpinned.length > 0 ? Math.min(...unpinned.map(activityOf)) : Infinity;
    return { topics, oldestMs, more: Boolean(shaped.data.topic_list.more_topics_url) };
  });

  const search = (q: string) =>
    threadQuery(`search:${q}`, async (page, signal) => {
      const body = await getJson(
        `/search.json?q=${encodeURIComponent(`${q} order:latest`)}&page=${page + 1}`,
        signal,
      );
      const shaped = z
        .object({
          posts: z.array(z.looseObject({ topic_id: z.number().int(), created_at: z.string() })).default([]),
          topics: z.array(z.unknown()).default([]),
          grouped_search_result: z.looseObject({ more_full_page_results: z.boolean().nullish() }).optional(),
        })
        .safeParse(body);
      if (!shaped.success)
        throw new MalformedResponseError('response is not a Discourse search result', body);
      const topics = shaped.data.topics.flatMap((t) => {
        const parsed = TopicHead.safeParse(t);
        return parsed.success ? [parsed.data] : [];
      });
      const times = shaped.data.posts.map((p) => Date.parse(p.created_at)).filter((t) => !Number.isNaN(t));
      return {
        topics,
        oldestMs: times.length > 0 ? Math.min(...times) : Infinity,
        more: Boolean(shaped.data.grouped_search_result?.more_full_page_results),
      };
    });

  const queries = [
    ...(config.latest ? [latest] : []),
    ...config.searches.map(search),
  ] as PolledQuery<unknown>[];
  return pollingSource('discourse', config, queries, deps.now);
}
