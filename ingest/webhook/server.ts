import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Producer } from 'kafkajs';
import { createLogger } from '../../core/logger.ts';
import { metrics, setHealth } from '../../core/metrics.ts';
import { retry } from '../../core/retry.ts';
import { normalizers as defaultNormalizers } from '../../processors/normalize/registry.ts';
import type { Normalizer } from '../../processors/normalize/normalizer.ts';
import type { WebhookSourceConfig } from '../../schema/config.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';
import type { IngestProgress } from '../framework/ingestor.ts';
import { authorized, resolveToken } from './auth.ts';
import { parseBody } from './body.ts';

export interface RawMessage {
  key: string;
  value: string;
}

export interface WebhookDeps {
  /** Resolves once every message is acknowledged by all in-sync replicas (acks=all). */
  produce(messages: RawMessage[]): Promise<void>;
  normalizers?: Record<string, Normalizer>;
  env?: Record<string, string | undefined>;
}

export interface WebhookServer {
  url: string;
  /** Items acknowledged since start. */
  produced(): number;
  close(): Promise<void>;
}

/** Kafka refuses record batches over ~1 MB by default: produce in slices well below. */
const MAX_SEND_BYTES = 512 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Key (postId) and creation time of a pushed item, taken from what its normaliser makes of it. An item the
 * normaliser rejects still goes to the raw topic (it is dead-lettered there, with the reason) under a key
 * derived from its content, so a resend lands on the same key.
 */
function describe(
  source: string,
  payload: Record<string, unknown>,
  normalizer: Normalizer,
  fetchedAt: string,
  origin: string | undefined,
): { key: string; createdAt?: string } {
  const result = normalizer(payload, { source, fetchedAt, payload, ...(origin ? { origin } : {}) });
  const first = 'posts' in result ? result.posts[0] : undefined;
  if (first && typeof first.postId === 'string')
    return {
      key: first.postId,
      ...(typeof first.createdAt === 'string' ? { createdAt: first.createdAt } : {}),
    };
  const digest = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 24);
  return { key: `${source}:webhook-${digest}` };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(new HttpProblem(413, `body of ${declared} bytes is over the ${limit}-byte limit`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // discard the rest; the answer is already decided
        reject(new HttpProblem(413, `body is over the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  if (status === 413) headers.connection = 'close';
  if (status === 503) headers['retry-after'] = '5';
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * `POST /ingest/:source[?origin=<instance URL>]` with `Authorization: Bearer <token>`: the body's items
 * (platform payloads of any source type with a normaliser, or normalised posts as `import`) are produced to
 * the raw topic as RawEnvelopes; only once Kafka acknowledged them does the sender get `202 {"accepted": n}`.
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
  let produced = 0;

  const handle = async (req: IncomingMessage): Promise<{ status: number; body: Record<string, unknown> }> => {
    const url = new URL(req.url ?? '/', 'http://webhook');
    const path = url.pathname;
    const match = /^\/ingest\/([a-z0-9_-]+)\/?$/.exec(path);
    if (!match) throw new HttpProblem(404, 'not found: POST /ingest/<source>');
    if (req.method !== 'POST') throw new HttpProblem(405, 'method not allowed: use POST');
    if (!authorized(req.headers.authorization, token))
      throw new HttpProblem(401, 'missing or wrong bearer token');
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
    const parsed = parseBody(await readBody(req, config.maxBodyBytes));
    if ('error' in parsed) throw new HttpProblem(400, parsed.error);
    const fetchedAt = new Date().toISOString();
    const messages = parsed.items.map((payload) => {
      const { key } = describe(source, payload, normalizer, fetchedAt, origin);
      const envelope: RawEnvelope = {
        source,
        sourceId: config.id,
        fetchedAt,
        ...(origin ? { origin } : {}),
        payload,
      };
      return { key, value: JSON.stringify(envelope) };
    });
    try {
      for (const slice of slices(messages)) await deps.produce(slice);
    } catch (err) {
      metrics.ingestErrors.inc({ source: config.id });
      log.error({ err: (err as Error).message }, 'produce failed');
      throw new HttpProblem(503, 'could not store the items now; retry later');
    }
    produced += messages.length;
    metrics.ingestItems.inc({ source: config.id }, messages.length);
    log.info({ source, items: messages.length }, 'webhook items produced');
    return { status: 202, body: { accepted: messages.length } };
  };

  const server: Server = createServer((req, res) => {
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
  });
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

function slices(messages: RawMessage[]): RawMessage[][] {
  const out: RawMessage[][] = [];
  let current: RawMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = m.key.length + m.value.length;
    if (current.length > 0 && bytes + size > MAX_SEND_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Runs a configured webhook for `lateral ingest` / `lateral run`: listens until `signal` aborts, producing
 * with the process's producer (acks=all, a few retries before answering 503).
 */
export async function serveWebhook(
  config: WebhookSourceConfig,
  options: { producer: Producer; rawTopic: string; signal: AbortSignal },
): Promise<IngestProgress> {
  const server = await startWebhookServer(config, {
    produce: async (messages) => {
      await retry(() => options.producer.send({ topic: options.rawTopic, acks: -1, messages }), {
        attempts: 3,
        signal: options.signal,
      });
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
