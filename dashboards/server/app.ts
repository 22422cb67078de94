import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Fastify, { type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { clickHouseErrorCode, queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import type { Logger } from '../../core/logger.ts';
import { queries } from '../../schema/queries.ts';
import {
  dashboardQueries as dq,
  DIRECTIONS,
  EMOTIONS,
  MODES,
  SENTIMENT_LABELS,
  type PostRef,
} from '../../schema/queries/dashboard.ts';
import type { DashboardConfig } from '../../schema/dashboard-config.ts';
import { authorized, type Credentials } from './auth.ts';
import {
  AuthorQuery,
  BadParameter,
  BrandQuery,
  decodeCursor,
  encodeCursor,
  Id,
  MentionQuery,
  mentionFilter,
  OptionalBrandTimeQuery,
  parse,
  PeopleQuery,
  ThreadQuery,
  TimeQuery,
  timeWindow,
} from './params.ts';
import { risingTerms, type TermCount } from './terms.ts';
import { readSettled } from './settled.ts';
import { explorerPage } from './explorer.ts';

const here = dirname(fileURLToPath(import.meta.url));
const PUBLIC_DIR = resolve(here, '../public');
const ECHARTS_DIR = dirname(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'));

/** Pages of the single-page app; each is served index.html and the URL's query string holds the state. */
export const PAGES = ['overview', 'explorer', 'thread', 'people', 'author', 'care', 'alerts'] as const;

const UNKNOWN_TABLE = 60;

export interface DashboardDeps {
  config: DashboardConfig;
  clickhouse: ClickHouseClient;
  credentials: Credentials;
  logger: Logger;
  /** Brands from the config, listed even before they have data. */
  brands?: string[];
  /** Words never shown as rising terms per brand (its names and handles). */
  brandWords?: Record<string, string[]>;
}

const num = (v: unknown): number => Number(v ?? 0);
type Row = Record<string, unknown>;

export async function buildDashboard(deps: DashboardDeps) {
  const { clickhouse: ch, config } = deps;
  const app = Fastify({ loggerInstance: deps.logger });
  const rows = <T = Record<string, unknown>>(query: string) => queryRows<T>(ch, query);

  await app.register(rateLimit, { max: config.rateLimitPerMinute, timeWindow: 60_000 });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    if (!authorized(request.headers.authorization, deps.credentials)) {
      reply.header('WWW-Authenticate', 'Basic realm="lateral", charset="UTF-8"');
      await reply.code(401).send({ error: 'unauthorized' });
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
    );
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  app.setErrorHandler(async (err, request, reply) => {
    if (err instanceof BadParameter)
      return reply.code(400).send({ error: 'invalid parameter', field: err.field, message: err.message });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return reply.code(status).send({ error: (err as Error).message });
    request.log.error({ err }, 'dashboard request failed');
    return reply.code(500).send({ error: 'internal error' });
  });
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: 'not found' }));

  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', index: false });
  await app.register(fastifyStatic, {
    root: ECHARTS_DIR,
    prefix: '/vendor/echarts/',
    decorateReply: false,
    index: false,
    allowedPath: (p) => p === '/echarts.min.js',
  });

  const page = async (_r: unknown, reply: FastifyReply) => reply.type('text/html').sendFile('index.html');
  app.get('/', page);
  for (const p of PAGES) app.get(`/${p}`, page);
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/api/v1/brands', async () => {
    const stored = (await rows<{ brand: string }>(dq.brands())).map((r) => r.brand);
    return { brands: [...new Set([...(deps.brands ?? []), ...stored])].sort() };
  });

  app.get('/api/v1/facets', async (request) => {
    const q = parse(BrandQuery, request.query);
    const [f] = await rows<{ langs: string[]; sources: string[]; last_hour: number }>(dq.facets(q.brand));
    return {
      langs: f?.langs ?? [],
      sources: f?.sources ?? [],
      emotions: EMOTIONS,
      directions: DIRECTIONS,
      modes: MODES,
      sentiments: SENTIMENT_LABELS,
      lastHour: num(f?.last_hour),
    };
  });

  app.get('/api/v1/overview/timeline', async (request) => {
    const q = parse(TimeQuery, request.query);
    const w = timeWindow(q);
    const found = await readSettled(rows, { brand: q.brand, from: w.from, to: w.to }, (live) =>
      rows<Record<string, unknown>>(dq.timeline(q.brand, w.from, w.to, w.step, live)),
    );
    const points = found.map((r) => ({
      ts: num(r.ts),
      direction: r.direction,
      mentions: num(r.mentions),
      positive: num(r.positive),
      negative: num(r.negative),
      authentic: num(r.authentic),
      authentic_positive: num(r.authentic_positive),
      authentic_negative: num(r.authentic_negative),
    }));
    return { from: w.from, to: w.to, step: w.step, points };
  });

  app.get('/api/v1/overview/modes', async (request) => {
    const q = parse(TimeQuery, request.query);
    const w = timeWindow(q);
    const found = await readSettled(rows, { brand: q.brand, from: w.from, to: w.to }, (live) =>
      rows<Record<string, unknown>>(dq.modeTimeline(q.brand, w.from, w.to, w.step, live)),
    );
    const points = found.map((r) => ({
      ts: num(r.ts),
      mode: r.mode,
      mentions: num(r.mentions),
    }));
    return { from: w.from, to: w.to, step: w.step, points };
  });

  app.get('/api/v1/overview/share-of-voice', async (request) => {
    const q = parse(OptionalBrandTimeQuery, request.query);
    const w = timeWindow(q);
    const found = await readSettled(rows, { brand: null, from: w.from, to: w.to }, (live) =>
      rows<{ brand: string; mentions: string }>(dq.shareOfVoice(w.from, w.to, w.step, live)),
    );
    const brands = found.map((r) => ({
      brand: r.brand,
      mentions: num(r.mentions),
    }));
    return { from: w.from, to: w.to, brands };
  });

  app.get('/api/v1/overview/reach', async (request) => {
    const q = parse(BrandQuery, request.query);
    const [row] = await rows<Record<string, unknown>>(dq.reach(q.brand));
    return {
      brand: q.brand,
      brandReach: num(row?.brand_reach),
      customerReach: num(row?.customer_reach),
      lateralShare: row ? num(row.lateral_share) : null,
      customers: num(row?.customers),
      flaggedAccounts: num(row?.flagged_accounts),
    };
  });

  app.get('/api/v1/overview/care', async (request) => {
    const q = parse(TimeQuery, request.query);
    const w = timeWindow(q);
    const [row] = await rows<Record<string, unknown>>(dq.care(q.brand, w.from));
    const addressed = num(row?.addressed);
    const answered = num(row?.answered);
    return {
      brand: q.brand,
      addressed,
      answered,
      unanswered: addressed - answered,
      responseRate: addressed > 0 ? num(row?.response_rate) : null,
      medianResponseSeconds: answered > 0 ? num(row?.median_response_seconds) : null,
    };
  });

  app.get('/api/v1/overview/terms', async (request) => {
    const q = parse(TimeQuery, request.query);
    const w = timeWindow(q);
    // The last day at most, against the same length before it: text is the most expensive column to scan.
    const len = Math.min(w.to.getTime() - w.from.getTime(), 86_400_000);
    const currentFrom = new Date(w.to.getTime() - len);
    const previousFrom = new Date(currentFrom.getTime() - len);
    const counts = await readSettled(
      rows,
      { brand: q.brand, from: previousFrom, to: w.to, edges: [previousFrom, currentFrom, w.to] },
      (live) => rows<TermCount>(dq.termCounts(q.brand, previousFrom, currentFrom, w.to, live)),
    );
    const exclude = deps.brandWords?.[q.brand] ?? [q.brand];
    return { currentFrom, previousFrom, to: w.to, terms: risingTerms(counts, exclude) };
  });

  app.get('/api/v1/alerts', async (request) => {
    const q = parse(TimeQuery, request.query);
    const w = timeWindow(q);
    try {
      const alerts = (await rows<Record<string, unknown>>(dq.alerts(q.brand, w.from, w.to))).map((a) => ({
        ...a,
        start_ts: num(a.start_ts),
        end_ts: num(a.end_ts),
        at_ts: num(a.at_ts),
        observed: num(a.observed),
        expected: num(a.expected),
      }));
      return { available: true, alerts };
    } catch (err) {
      if (clickHouseErrorCode(err) === UNKNOWN_TABLE) return { available: false, alerts: [] };
      throw err;
    }
  });

  /** How many mentions match: without filters over whole minutes, from the rollups and settled hours. */
  const mentionCount = async (f: ReturnType<typeof mentionFilter>): Promise<number> => {
    const { brand, from, to, ...rest } = f;
    const unfiltered = Object.values(rest).every((v) => v === undefined || v === false || v === '');
    const wholeMinutes = from.getTime() % 60_000 === 0 && to.getTime() % 60_000 === 0;
    const [row] =
      unfiltered && wholeMinutes
        ? await readSettled(rows, { brand, from, to }, (live) =>
            rows<{ n: string }>(dq.mentionTotal(brand, from, to, live)),
          )
        : await rows<{ n: string }>(dq.mentionsCount(f));
    return num(row?.n);
  };

  app.get('/api/v1/mentions', async (request) => {
    const q = parse(MentionQuery, request.query);
    const w = timeWindow(q);
    const filter = mentionFilter(q, w);
    const cursor = decodeCursor(q.cursor);
    const [page, count] = await Promise.all([
      explorerPage(rows, filter, q.sort, q.limit, cursor),
      mentionCount(filter),
    ]);
    const more = page.length > q.limit;
    const shown = page.slice(0, q.limit).map((r): Row => ({
      ...r,
      ts: num(r.ts),
      score: num(r.score),
      author_is_brand: num(r.author_is_brand),
    }));
    const last = shown.at(-1);
    const key = q.sort === 'newest' || q.sort === 'oldest' ? 'ts' : 'score';
    return {
      from: w.from,
      to: w.to,
      total: count,
      rows: shown,
      next: more && last ? encodeCursor({ v: last[key] as number, id: String(last.post_id) }) : null,
    };
  });

  app.get('/api/v1/mentions.csv', async (request, reply) => {
    const q = parse(MentionQuery, request.query);
    const w = timeWindow(q);
    const query = `${dq.mentionsExport(mentionFilter(q, w), q.sort, config.exportMaxRows)} FORMAT CSVWithNames`;
    const result = await ch.exec({ query });
    const name = `lateral-${q.brand}-${w.from.toISOString().slice(0, 16)}.csv`.replace(/:/g, '');
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="${name}"`);
    return reply.send(result.stream);
  });

  app.get('/api/v1/threads/:postId', async (request) => {
    const { postId } = parse(z.object({ postId: Id }), request.params);
    const q = parse(ThreadQuery, request.query);
    const [found] = await rows<{ root_id: string; post_ts: number }>(dq.threadOf(q.brand, postId));
    if (!found) return { brand: q.brand, postId, found: false, messages: [] };
    const members = await rows<PostRef>(dq.threadMembers(q.brand, found.root_id));
    const messages = (await rows<Row>(dq.threadMessages(q.brand, found.root_id, members))).map((m): Row => ({
      ...m,
      ts: num(m.ts),
      score: num(m.score),
      author_is_brand: num(m.author_is_brand),
      scored: num(m.scored),
      influence: m.scored ? num(m.influence) : null,
      trust: m.scored ? num(m.trust) : null,
      influence_confidence: m.scored ? num(m.influence_confidence) : null,
      has_evidence: num(m.has_evidence),
    }));
    return {
      brand: q.brand,
      postId,
      found: true,
      rootId: found.root_id,
      mode: messages.at(-1)?.mode ?? null,
      messages,
    };
  });

  const people = (build: (brand: string, limit: number) => string) => async (request: { query: unknown }) => {
    const q = parse(PeopleQuery, request.query);
    const found = await rows<Row>(build(q.brand, q.limit));
    const ids = found.map((r) => String(r.author_id));
    const handles = ids.length
      ? new Map(
          (await rows<{ author_id: string; handle: string }>(dq.authorHandles(q.brand, ids))).map((h) => [
            h.author_id,
            h.handle,
          ]),
        )
      : new Map<string, string>();
    return {
      brand: q.brand,
      rows: found.map((r) => ({ ...r, handle: handles.get(String(r.author_id)) ?? null })),
    };
  };
  app.get('/api/v1/people/influencers', people(dq.influencers));
  app.get('/api/v1/people/trusted', people(dq.trustedVoices));
  app.get('/api/v1/people/flagged', people(dq.flagged));

  /** An author's latest mentions of a brand: the lookup by author, then their newest versions. */
  const authorMentions = async (brand: string, authorId: string) => {
    const recent = await rows<PostRef>(dq.authorRecent(brand, authorId));
    return recent.length ? rows(dq.mentionsByRefs(brand, recent)) : [];
  };

  app.get('/api/v1/authors/:authorId', async (request) => {
    const { authorId } = parse(z.object({ authorId: Id }), request.params);
    const q = parse(AuthorQuery, request.query);
    const [scores, evidence, reactions, interactions, mentions] = await Promise.all([
      rows<Record<string, unknown>>(queries.authorScores(authorId)),
      rows<Record<string, unknown>>(dq.authorEvidence(authorId)),
      rows(queries.authorReactionCounts(authorId)),
      rows(queries.authorInteractions(authorId, 20)),
      q.brand ? authorMentions(q.brand, authorId) : Promise.resolve([]),
    ]);
    const byBrand = new Map(evidence.map((e) => [e.brand, e]));
    return {
      authorId,
      scores: scores.map((s) => {
        let components: unknown;
        try {
          components = JSON.parse(String(s.components));
        } catch {
          components = null;
        }
        return { ...s, components, ...(byBrand.get(s.brand) ?? {}) };
      }),
      reactions,
      interactions,
      mentions,
    };
  });

  app.get('/api/v1/care/queue', async (request) => {
    const q = parse(TimeQuery, request.query);
    const w = timeWindow(q);
    return { brand: q.brand, from: w.from, rows: await rows(dq.careQueue(q.brand, w.from, 200)) };
  });

  return app;
}
