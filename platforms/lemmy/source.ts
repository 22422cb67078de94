import { z } from 'zod';
import type { LemmySourceConfig } from './config.ts';
import { splitValid } from '../shared/items.ts';
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
import { lemmyTime } from './time.ts';
import { lemmyKey } from './keys.ts';

const LemmyTime = z.string().refine((v) => !Number.isNaN(lemmyTime(v)), 'not a readable date-time');

/** What the connector needs from a PostView; the view travels untouched. */
const PostViewHead = z.object({
  post: z.object({
    id: z.number().int(),
    published: LemmyTime,
    featured_community: z.boolean().optional(),
    featured_local: z.boolean().optional(),
  }),
  creator: z.object({ actor_id: z.string().min(1) }),
  counts: z.object({
    comments: z.number().int().nonnegative().default(0),
    newest_comment_time: LemmyTime.optional(),
  }),
});
type PostViewHead = z.infer<typeof PostViewHead>;

const CommentViewHead = z.object({
  comment: z.object({
    id: z.number().int(),
    post_id: z.number().int(),
    published: LemmyTime,
    path: z.string(),
  }),
  creator: z.object({ actor_id: z.string().min(1) }),
});
type CommentViewHead = z.infer<typeof CommentViewHead>;

type Found =
  | { kind: 'post'; id: number; time: number; raw: unknown }
  | { kind: 'comment'; id: number; time: number; raw: unknown };

export interface LemmyDeps {
  http?: HttpClient;
  now?: () => number;
  env?: Record<string, string | undefined>;
}

/** Last activity of a post: its newest comment, or itself. */
const activityOf = (p: PostViewHead) =>
  Math.max(
    lemmyTime(p.post.published),
    p.counts.newest_comment_time ? lemmyTime(p.counts.newest_comment_time) : 0,
  );

/**
 * A Lemmy instance (API v3): per community, posts by newest comment activity (`/api/v3/post/list?sort=
 * NewComments`, which lists a new post by its own time too), then the new comments of each active post
 * (`/api/v3/comment/list?sort=New`). Comments keep their tree: `path` ("0.12.34") names the parent.
 */
export function createLemmySource(config: LemmySourceConfig, deps: LemmyDeps = {}): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const base = config.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  const jwt = secretFromEnv(config.jwtEnv, `source ${config.id}`, deps.env);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
  };
  const getJson = async (path: string, signal: AbortSignal) =>
    (await http.get(`${base}${path}`, { headers, signal })).json();

  /** Comments of one post created at or after `sinceMs`. */
  const newComments = async (postId: number, sinceMs: number, signal: AbortSignal) => {
    const found: Found[] = [];
    const rejected: RejectedItem[] = [];
    for (let page = 1; ; page++) {
      const body = await getJson(
        `/api/v3/comment/list?post_id=${postId}&sort=New&type_=All&limit=${config.pageSize}&page=${page}`,
        signal,
      );
      const shaped = z.object({ comments: z.array(z.unknown()) }).safeParse(body);
      if (!shaped.success)
        throw new MalformedResponseError(`comments of post ${postId} are not a comment list`, body);
      const { valid, rejected: bad } = splitValid(
        shaped.data.comments,
        CommentViewHead,
        `comment of post ${postId}`,
        (e) => {
          const id = (e.comment as { id?: unknown } | undefined)?.id;
          return typeof id === 'number' ? lemmyKey(host, 'comment', id) : undefined;
        },
      );
      rejected.push(...bad);
      let older = false;
      for (const { item, raw } of valid) {
        const time = lemmyTime(item.comment.published);
        if (time < sinceMs) older = true;
        else found.push({ kind: 'comment', id: item.comment.id, time, raw });
      }
      if (older || shaped.data.comments.length < config.pageSize) return { found, rejected };
    }
  };

  const community = (name: string): PolledQuery<Found> => ({
    key: `c:${name}`,
    idOf: (f) => `${f.kind}/${f.id}`,
    timeOf: (f) => f.time,
    toItem: (f): SourceItem => ({
      key: lemmyKey(host, f.kind, f.id),
      source: 'lemmy',
      payload: f.raw,
      createdAt: new Date(f.time).toISOString(),
      origin: base,
    }),
    fetchPage: async (next, since: Watermark | undefined, signal): Promise<ListingPage<Found>> => {
      const sinceMs = since?.t ?? 0;
      for (let page = Number(next ?? 1); ; page++) {
        const body = await getJson(
          `/api/v3/post/list?community_name=${encodeURIComponent(name)}&sort=NewComments&type_=All&limit=${config.pageSize}&page=${page}`,
          signal,
        );
        const shaped = z.object({ posts: z.array(z.unknown()) }).safeParse(body);
        if (!shaped.success) throw new MalformedResponseError('response is not a Lemmy post list', body);
        const { valid, rejected } = splitValid(shaped.data.posts, PostViewHead, 'post view', (e) => {
          const id = (e.post as { id?: unknown } | undefined)?.id;
          return typeof id === 'number' ? lemmyKey(host, 'post', id) : undefined;
        });
        const items: Found[] = [];
        for (const { item, raw } of valid) {
          if (activityOf(item) < sinceMs) continue;
          const published = lemmyTime(item.post.published);
          if (published >= sinceMs) items.push({ kind: 'post', id: item.post.id, time: published, raw });
          if (config.comments && item.counts.comments > 0) {
            const comments = await newComments(item.post.id, sinceMs, signal);
            items.push(...comments.found);
            rejected.push(...comments.rejected);
          }
        }
        // Pinned posts lead the list whatever their activity: they do not say where the listing is in time.
        const unpinned = valid.filter((v) => !v.item.post.featured_community && !v.item.post.featured_local);
        const oldest = unpinned.length > 0 ? Math.min(...unpinned.map((v) => activityOf(v.item))) : Infinity;
        const hasNext = shaped.data.posts.length >= config.pageSize && oldest >= sinceMs;
        items.sort((a, b) => b.time - a.time);
        if (items.length > 0 || rejected.length > 0 || !hasNext)
          return { items, rejected, next: hasNext ? String(page + 1) : undefined };
      }
    },
  });

  const queries = config.communities.map(community) as PolledQuery<unknown>[];
  return pollingSource('lemmy', config, queries, deps.now);
}
