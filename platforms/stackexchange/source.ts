import { setTimeout as timerSleep } from 'node:timers/promises';
import { z } from 'zod';
import { createLogger } from '../../core/logger.ts';
import type { StackExchangeSourceConfig } from './config.ts';
import { splitValid } from '../shared/items.ts';
import { MalformedResponseError, pollingSource, type PolledQuery } from '../shared/polling.ts';
import type { RejectedItem } from '../shared/rejects.ts';
import type { Source, SourceItem } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { secretFromEnv, sharedHttpClient } from '../shared/http/shared.ts';
import { stackExchangeKey } from './keys.ts';

const Question = z.object({
  question_id: z.number().int().positive(),
  creation_date: z.number().int().positive(),
});
const Answer = z.object({
  answer_id: z.number().int().positive(),
  question_id: z.number().int().positive(),
  creation_date: z.number().int().positive(),
});
type Question = z.infer<typeof Question>;
interface Item {
  q: Question;
  raw: unknown;
}

/** The common wrapper of every Stack Exchange API response. */
const Wrapper = z.object({
  items: z.array(z.unknown()),
  has_more: z.boolean(),
  quota_remaining: z.number().int().optional(),
  backoff: z.number().int().positive().optional(),
});

export interface StackExchangeDeps {
  http?: HttpClient;
  now?: () => number;
  env?: Record<string, string | undefined>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Stack Exchange API 2.3: questions per tag (`/questions?tagged=…&sort=creation&order=desc&fromdate=…`, paged
 * with `page` while `has_more`), and the answers of each new question (`/questions/{ids}/answers`). The
 * wrapper's `backoff` (seconds) is honoured per method before its next call, and a spent `quota_remaining`
 * stops the query until the next pass. Responses are gzip-compressed; fetch inflates them.
 */
export function createStackExchangeSource(
  config: StackExchangeSourceConfig,
  deps: StackExchangeDeps = {},
): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const log = createLogger(`ingest.${config.id}`, { source: 'stackexchange' });
  const key = secretFromEnv(config.keyEnv, `source ${config.id}`, deps.env);
  const base = config.baseUrl.replace(/\/+$/, '');
  const sleep = deps.sleep ?? ((ms: number, signal?: AbortSignal) => timerSleep(ms, undefined, { signal }));
  /** Per method (path with ids replaced), when it may be called again. */
  const notBefore = new Map<string, number>();
  const origin = `${base}?site=${encodeURIComponent(config.site)}`;

  const call = async (path: string, params: Record<string, string>, signal: AbortSignal) => {
    const method = path.replace(/\/[\d;]+(?=\/|$)/g, '/{ids}');
    const wait = (notBefore.get(method) ?? 0) - Date.now();
    if (wait > 0) await sleep(wait, signal);
    const url = new URL(`${base}${path}`);
    const all = { site: config.site, filter: config.filter, ...params, ...(key ? { key } : {}) };
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    const body = (await http.get(url.toString(), { signal })).json();
    const wrapper = Wrapper.safeParse(body);
    if (!wrapper.success)
      throw new MalformedResponseError('response is not a Stack Exchange wrapper object', body);
    if (wrapper.data.backoff) {
      log.info({ method, seconds: wrapper.data.backoff }, 'API asked to back off');
      notBefore.set(method, Date.now() + wrapper.data.backoff * 1000);
    }
    if (wrapper.data.quota_remaining === 0) notBefore.set('*quota', Date.now() + 3_600_000);
    return wrapper.data;
  };

  const toQuestion = (i: Item): SourceItem => ({
    key: stackExchangeKey(config.site, 'q', i.q.question_id),
    source: 'stackexchange',
    payload: i.raw,
    createdAt: new Date(i.q.creation_date * 1000).toISOString(),
    origin,
  });

  /** Answers of new questions (100 ids per call, the API's limit). */
  const answersOf = async (questions: Item[], signal: AbortSignal) => {
    const items: SourceItem[] = [];
    const rejected: RejectedItem[] = [];
    for (let i = 0; i < questions.length; i += 100) {
      const ids = questions
        .slice(i, i + 100)
        .map((q) => q.q.question_id)
        .join(';');
      for (let page = 1; ; page++) {
        const res = await call(
          `/questions/${ids}/answers`,
          { sort: 'creation', order: 'asc', pagesize: '100', page: String(page) },
          signal,
        );
        const split = splitValid(res.items, Answer, 'answer', (e) =>
          typeof e.answer_id === 'number' ? stackExchangeKey(config.site, 'a', e.answer_id) : undefined,
        );
        rejected.push(...split.rejected);
        for (const a of split.valid)
          items.push({
            key: stackExchangeKey(config.site, 'a', a.item.answer_id),
            source: 'stackexchange',
            payload: a.raw,
            createdAt: new Date(a.item.creation_date * 1000).toISOString(),
            origin,
          });
        if (!res.has_more) break;
      }
    }
    return { items, rejected };
  };

  const tagQuery = (tag: string): PolledQuery<Item> => ({
    key: `tag:${tag}`,
    idOf: (i) => String(i.q.question_id),
    timeOf: (i) => i.q.creation_date * 1000,
    toItem: toQuestion,
    fetchPage: async (page, since, signal) => {
      if ((notBefore.get('*quota') ?? 0) > Date.now())
        throw new Error('daily quota used up (quota_remaining 0); next try in an hour');
      const current = Number(page ?? 1);
      const res = await call(
        '/questions',
        {
          tagged: tag,
          sort: 'creation',
          order: 'desc',
          pagesize: String(config.pageSize),
          page: String(current),
          ...(since ? { fromdate: String(Math.floor(since.t / 1000)) } : {}),
        },
        signal,
      );
      const { valid, rejected } = splitValid(res.items, Question, 'question', (e) =>
        typeof e.question_id === 'number' ? stackExchangeKey(config.site, 'q', e.question_id) : undefined,
      );
      return {
        items: valid.map((v) => ({ q: v.item, raw: v.raw })),
        rejected,
        next: res.has_more ? String(current + 1) : undefined,
      };
    },
    ...(config.answers
      ? { expand: (items: Item[], _since: unknown, signal: AbortSignal) => answersOf(items, signal) }
      : {}),
  });

  const queries = config.tags.map(tagQuery) as PolledQuery<unknown>[];
  return pollingSource('stackexchange', config, queries, deps.now);
}
