import { z } from 'zod';
import type { LobstersSourceConfig } from './config.ts';
import { backfillStartMs } from '../shared/backfill.ts';
import { ParsableTime, splitValid } from '../shared/items.ts';
import {
  MalformedResponseError,
  pollingSource,
  type ListingPage,
  type PolledQuery,
} from '../shared/polling.ts';
import type { RejectedItem } from '../shared/rejects.ts';
import type { Source, SourceItem } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { sharedHttpClient } from '../shared/http/shared.ts';
import { lobstersKey } from './keys.ts';

/** What the connector needs from a story of a listing; the story travels untouched. */
const StoryHead = z.object({
  short_id: z.string().min(1),
  created_at: ParsableTime,
  comment_count: z.number().int().nonnegative().default(0),
});

/** What the connector needs from a comment of `/s/<short_id>.json`. */
const CommentHead = z.object({ short_id: z.string().min(1), created_at: ParsableTime });

/**
 * The payload of a comment: the comment as served, with the short id of its story (a comment's own JSON does
 * not name its story, and the story is its thread's root).
 */
export interface LobstersCommentPayload {
  story_short_id: string;
  comment: unknown;
}

type Found = { kind: 's' | 'c'; id: string; time: number; payload: unknown };

/**
 * A Lobsters site: the newest stories (`/newest.json`, or `/t/<tag>.json` per configured tag; older pages at
 * `…/page/<n>.json`, 25 stories each), newest first; and the comments of every story submitted within
 * `commentWindow` before the mark (`/s/<short_id>.json`, a flat list in thread order, each naming its
 * `parent_comment`). New stories and new comments move one mark.
 */
export function createLobstersSource(
  config: LobstersSourceConfig,
  deps: { http?: HttpClient; now?: () => number } = {},
): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const base = config.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  const getJson = async (path: string, signal: AbortSignal) =>
    (await http.get(`${base}${path}`, { headers: { accept: 'application/json' }, signal })).json();

  /** The comments of one story created at or after `sinceMs`. */
  const newComments = async (story: string, sinceMs: number, signal: AbortSignal) => {
    const body = await getJson(`/s/${encodeURIComponent(story)}.json`, signal);
    const shaped = z.object({ comments: z.array(z.unknown()) }).safeParse(body);
    if (!shaped.success)
      throw new MalformedResponseError(`story ${story} is not a story with comments`, body);
    const { valid, rejected } = splitValid(
      shaped.data.comments,
      CommentHead,
      `comment of story ${story}`,
      (e) => (typeof e.short_id === 'string' ? lobstersKey(host, 'c', e.short_id) : undefined),
    );
    const found: Found[] = [];
    for (const { item, raw } of valid) {
      const time = Date.parse(item.created_at);
      const payload: LobstersCommentPayload = { story_short_id: story, comment: raw };
      if (time >= sinceMs) found.push({ kind: 'c', id: item.short_id, time, payload });
    }
    return { found, rejected };
  };

  const listing = (path: string, key: string): PolledQuery<Found> => ({
    key,
    idOf: (f) => `${f.kind}/${f.id}`,
    timeOf: (f) => f.time,
    toItem: (f): SourceItem => ({
      key: lobstersKey(host, f.kind, f.id),
      source: 'lobsters',
      payload: f.payload,
      createdAt: new Date(f.time).toISOString(),
      origin: base,
    }),
    fetchPage: async (next, since, signal): Promise<ListingPage<Found>> => {
      const sinceMs = since?.t ?? 0;
      // Stories this old are still re-read for comments; older ones end the walk.
      const oldestRead = config.comments ? backfillStartMs(config.commentWindow, sinceMs) : sinceMs;
      for (let page = Number(next ?? 1); ; page++) {
        const body = await getJson(page === 1 ? `${path}.json` : `${path}/page/${page}.json`, signal);
        const shaped = z.array(z.unknown()).safeParse(body);
        if (!shaped.success) throw new MalformedResponseError(`${key} is not a list of stories`, body);
        const { valid, rejected } = splitValid(shaped.data, StoryHead, 'story', (e) =>
          typeof e.short_id === 'string' ? lobstersKey(host, 's', e.short_id) : undefined,
        );
        const items: Found[] = [];
        const rejectedAll: RejectedItem[] = [...rejected];
        for (const { item, raw } of valid) {
          const time = Date.parse(item.created_at);
          if (time >= sinceMs) items.push({ kind: 's', id: item.short_id, time, payload: raw });
          if (config.comments && item.comment_count > 0 && time >= oldestRead) {
            const comments = await newComments(item.short_id, sinceMs, signal);
            items.push(...comments.found);
            rejectedAll.push(...comments.rejected);
          }
        }
        const oldest =
          valid.length > 0 ? Math.min(...valid.map((v) => Date.parse(v.item.created_at))) : -Infinity;
        const hasNext = shaped.data.length > 0 && oldest >= oldestRead;
        items.sort((a, b) => b.time - a.time);
        if (items.length > 0 || rejectedAll.length > 0 || !hasNext)
          return { items, rejected: rejectedAll, next: hasNext ? String(page + 1) : undefined };
      }
    },
  });

  const queries = (
    config.tags ? config.tags.map((t) => listing(`/t/${t}`, `t:${t}`)) : [listing('/newest', 'newest')]
  ) as PolledQuery<unknown>[];
  return pollingSource('lobsters', config, queries, deps.now);
}
