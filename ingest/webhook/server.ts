import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Producer } from 'kafkajs';
import { createLogger } from '../../core/logger.ts';
import { metrics, setHealth } from '../../core/metrics.ts';
import { produce } from '../../core/kafka.ts';
import { formatIssues } from '../../core/config.ts';
import { boundPost } from '../../platforms/shared/bounds.ts';
import { normalizers as defaultNormalizers } from '../../platforms/index.ts';
import { runNormalizer, type Normalizer } from '../../platforms/shared/normalizer.ts';
import type { WebhookSourceConfig } from '../../platforms/webhook/config.ts';
import { Post } from '../../schema/post.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';
import type { IngestProgress } from '../framework/ingestor.ts';
import { authorized, isLoopback, resolveToken } from './auth.ts';
import { parseBody } from './body.ts';

export interface RawMessage {
  key: string;
  value: string;
}

export interface WebhookDeps {
  /**
   * Resolves once every message is acknowledged by all in-sync replicas (acks=all); chunking for the broker is
   * the produce path's (core/kafka.ts), separate from the request's `maxBodyBytes`.
   */
  produce(messages: RawMessage[]): Promise<void>;
  normalizers?: Record<string, Normalizer>;
  env?: Record<string, string | undefined>;
  /** Items not to produce: those only about erased people (processors/erasure/edge.ts); accepted, counted. */
  erased?: (item: { source: string; payload: unknown; origin?: string }) => boolean;
  /** Time allowed for the request line and headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time allowed for the whole body once the headers are in (default 30 s). */
  bodyTimeoutMs?: number;
}

/** Media types of the bodies accepted: a JSON value, or JSON Lines. */
const ACCEPTED_TYPES = new Set(['application/json', 'application/x-ndjson']);

export interface WebhookServer {
  url: string;
  /** Items acknowledged since start. */
  produced(): number;
  close(): Promise<void>;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What a pushed item becomes, decided before anything is produced: its key (the postId of its first post, or
 * a digest of its content for an item that makes no post, such as a skipped moderator notice), or the reason
 * it is refused. An item is refused when its normaliser rejects it or a post it makes fails the Post contract,
 * exactly as the normalize processor would dead-letter it, so the sender learns it now, per item.
 */
function check(
  source: string,
  payload: Record<string, unknown>,
  normalizer: Normalizer,
  fetchedAt: string,
  origin: string | undefined,
): { key: string } | { error: string } {
  const envelope: RawEnvelope = { source, fetchedAt, payload, ...(origin ? { origin } : {}) };
  const result = runNormalizer(normalizer, payload, envelope);
  if ('error' in result) return { error: result.error };
  let key: string | undefined;
  for (const input of result.posts) {
    const bounded = boundPost(input);
    if ('error' in bounded) return { error: bounded.error };
    const post = Post.safeParse(bounded.post);
    if (!post.success) return { error: `post: ${formatIssues(post.error).replace(/\n/g, '; ')}` };
    key ??= post.data.postId;
  }
  if (key) return { key };
  // A removal travels under the removed post's key, so it stays behind that post in its partition.
  const erased = result.erasures?.[0]?.postId;
  if (erased) return { key: erased };
  const digest = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 24);
  return { key: `${source}:webhook-${digest}` };
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The host name of a `Host` header (`127.0.0.1:8787`, `[::1]:8787`, `localhost`). */
function hostName(header: string | undefined): string {
  const value = (header ?? '').trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.replace(/:\d+$/, '');
}

function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(new HttpProblem(413, `body of ${declared} bytes is over the ${limit}-byte limit`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A body that trickles in holds a connection and memory: it has a deadline, not just a size limit.
    const timer = setTimeout(() => {
      req.removeAllListeners('data');
      reject(new HttpProblem(408, `body not received within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        clearTimeout(timer);
        req.removeAllListeners('data');
        req.resume(); // discard the rest; the answer is already decided
        reject(new HttpProblem(413, `body is over the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  // After a refusal the rest of what the client sends is not read: the connection ends with the answer.
  if (status === 401 || status === 403 || status === 408 || status === 413 || status === 421)
    headers.connection = 'close';
  if (status === 503) headers['retry-after'] = '5';
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * `POST /ingest/:source[?origin=<instance URL>]` with `Authorization: Bearer <token>` and a body of type
 * `application/json` or `application/x-ndjson`: the body's items (platform payloads of any source type with a
 * normaliser, or normalised posts as `import`) are checked one by one, the good ones produced to the raw
 * topic as RawEnvelopes; only once Kafka acknowledged them does the sender get `202 {"accepted": n}`, or
 * `207 {"accepted": n, "rejected": [{"index", "error"}]}` when some items were refused (those are not
 * produced; the sender fixes and resends them).
 *
 * Browsers are kept out: a request with an `Origin` header is refused (webhook senders are servers; a web page
 * open on the machine is not one), and on a loopback bind the `Host` must be a loopback name too (no DNS
 * rebinding). Headers and body have deadlines; a refused request's connection is closed.
 */
export async function startWebhookServer(
  config: WebhookSourceConfig,
  deps: WebhookDeps,
): Promise<WebhookServer> {
  const log = createLogger(`ingest.${config.id}`, { source: 'webhook' });
  const token = resolveToken(config, deps.env ?? process.env);
  if (!token)
    log.warn({ host: config.host }, 'webhook without a token: accepting unauthenticated loopback requests');
  const normalizers = deps.normalizers ?? defaultNormalizers;
  const loopbackOnly = isLoopback(config.host);
  const bodyTimeoutMs = deps.bodyTimeoutMs ?? 30_000;
  let produced = 0;

  const handle = async (req: IncomingMessage): Promise<{ status: number; body: Record<string, unknown> }> => {
    const url = new URL(req.url ?? '/', 'http://webhook');
    const path = url.pathname;
    const match = /^\/ingest\/([a-z0-9_-]+)\/?$/.exec(path);
    if (!match) throw new HttpProblem(404, 'not found: POST /ingest/<source>');
    if (req.method !== 'POST') throw new HttpProblem(405, 'method not allowed: use POST');
    if (loopbackOnly && !isLoopback(hostName(req.headers.host)))
      throw new HttpProblem(
        421,
        `host "${String(req.headers.host ?? '').slice(0, 200)}" is not this webhook`,
      );
    if (req.headers.origin !== undefined)
      throw new HttpProblem(403, 'requests from web pages (with an Origin header) are not accepted');
    if (!authorized(req.headers.authorization, token))
      throw new HttpProblem(401, 'missing or wrong bearer token');
    const type = mediaType(req.headers['content-type']);
    if (!ACCEPTED_TYPES.has(type))
      throw new HttpProblem(
        415,
        `content-type must be application/json or application/x-ndjson, got "${type.slice(0, 100) || 'none'}"`,
      );
    const source = match[1]!;
    const normalizer = normalizers[source];
    if (!normalizer) {
      throw new HttpProblem(
        404,
        `unknown source "${source}"; accepted: ${Object.keys(normalizers).sort().join(', ')}`,
      );
    }
    // Instance-local ids (Lemmy, Discourse) need the instance: `?origin=https://lemmy.example`.
    const origin = url.searchParams.get('origin') ?? undefined;
    if (origin !== undefined && !/^https?:\/\/[^\s/]+/.test(origin))
      throw new HttpProblem(400, `origin must be an http(s) URL, got "${origin.slice(0, 200)}"`);
    const parsed = parseBody(await readBody(req, config.maxBodyBytes, bodyTimeoutMs));
    if ('error' in parsed) throw new HttpProblem(400, parsed.error);
    const fetchedAt = new Date().toISOString();
    const messages: RawMessage[] = [];
    const rejected: { index: number; error: string }[] = [];
    for (const [index, payload] of parsed.items.entries()) {
      const checked = check(source, payload, normalizer, fetchedAt, origin);
      if ('error' in checked) {
        rejected.push({ index, error: checked.error.slice(0, 2000) });
        continue;
      }
      if (deps.erased?.({ source, payload, ...(origin ? { origin } : {}) })) {
        metrics.ingestErased.inc({ source: config.id });
        continue;
      }
      const envelope: RawEnvelope = {
        source,
        sourceId: config.id,
        fetchedAt,
        ...(origin ? { origin } : {}),
        payload,
      };
      messages.push({ key: checked.key, value: JSON.stringify(envelope) });
    }
    try {
      if (messages.length > 0) await deps.produce(messages);
    } catch (err) {
      metrics.ingestErrors.inc({ source: config.id });
      log.error({ err: (err as Error).message }, 'produce failed');
      throw new HttpProblem(503, 'could not store the items now; retry later');
    }
    produced += messages.length;
    metrics.ingestItems.inc({ source: config.id }, messages.length);
    if (rejected.length > 0) metrics.ingestErrors.inc({ source: config.id }, rejected.length);
    log.info({ source, items: messages.length, rejected: rejected.length }, 'webhook items produced');
    if (rejected.length === 0) return { status: 202, body: { accepted: messages.length } };
    return { status: 207, body: { accepted: messages.length, rejected } };
  };

  const server: Server = createServer(
    // Node checks its request deadlines on this interval; the default (30 s) would let them run far over.
    { headersTimeout: deps.headersTimeoutMs ?? 10_000, connectionsCheckingInterval: 1000 },
    (req, res) => {
      handle(req)
        .then(({ status, body }) => {
          metrics.webhookRequests.inc({ source: config.id, status: String(status) });
          answer(res, status, body);
        })
        .catch((err: unknown) => {
          const status = err instanceof HttpProblem ? err.status : 500;
          metrics.webhookRequests.inc({ source: config.id, status: String(status) });
          if (status >= 500) log.warn({ err: (err as Error).message }, 'webhook request failed');
          answer(res, status, { error: (err as Error).message });
        });
    },
  );
  // The whole request (headers and body) must arrive within both deadlines together.
  server.requestTimeout = (deps.headersTimeoutMs ?? 10_000) + bodyTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log.info({ url: `${url}/ingest/<source>` }, 'webhook listening');
  setHealth(`ingest.${config.id}`, 'ok');
  return {
    url,
    produced: () => produced,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/**
 * Runs a configured webhook for `lateral ingest` / `lateral run`: listens until `signal` aborts, producing
 * with the process's producer (acks=all, a few retries before answering 503).
 */
export async function serveWebhook(
  config: WebhookSourceConfig,
  options: {
    producer: Producer;
    rawTopic: string;
    signal: AbortSignal;
    erased?: WebhookDeps['erased'];
  },
): Promise<IngestProgress> {
  const server = await startWebhookServer(config, {
    ...(options.erased ? { erased: options.erased } : {}),
    produce: async (messages) => {
      // A few attempts per chunk, then the sender gets 503 and retries itself.
      await produce(
        options.producer,
        messages.map((m) => ({ topic: options.rawTopic, ...m })),
        { attempts: 3, signal: options.signal },
      );
    },
  });
  if (!options.signal.aborted)
    await new Promise<void>((resolve) =>
      options.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  await server.close();
  setHealth(`ingest.${config.id}`, 'stopped');
  return { sourceId: config.id, produced: server.produced(), total: server.produced(), cursor: '' };
}
