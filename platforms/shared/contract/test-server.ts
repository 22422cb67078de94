import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** One request the test server saw, for assertions on paging parameters, headers and timing. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  /** Compress the body (Stack Exchange always does). */
  gzip?: boolean;
}

export type Route = (req: SeenRequest, base: string) => Reply | Promise<Reply>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A local HTTP server that replays documented platform responses: the route decides each reply from the
 * request (path, query), so a test scripts pagination, rate limits, 5xx and malformed bodies without the
 * internet. Every request is recorded with its arrival time.
 */
export async function startTestServer(route: Route): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let base = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      at: Date.now(),
    };
    requests.push(seen);
    Promise.resolve(route(seen, base))
      .then((reply) => {
        const raw =
          typeof reply.body === 'string' || reply.body === undefined
            ? (reply.body ?? '')
            : JSON.stringify(reply.body);
        const headers: Record<string, string> = {
          'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
          ...reply.headers,
        };
        let payload: Buffer = Buffer.from(raw, 'utf8');
        if (reply.gzip) {
          payload = gzipSync(payload);
          headers['content-encoding'] = 'gzip';
        }
        res.writeHead(reply.status ?? 200, headers);
        res.end(payload);
      })
      .catch((err: Error) => {
        res.writeHead(500);
        res.end(err.message);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
