import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface JetstreamTestServer {
  /** `ws://127.0.0.1:<port>/subscribe` */
  url: string;
  /** Query of every connection, in order (cursor, wantedCollections, ...). */
  connections: URLSearchParams[];
  close(): Promise<void>;
}

export interface JetstreamTestOptions {
  /** Close the first connection abruptly after this many messages (a dropped connection). */
  dropAfter?: number;
}

/**
 * A local Jetstream: replays the given lines (events in `time_us` order) to each subscriber from its
 * `cursor` on, the way the real service replays from a time, then stays open like a quiet firehose.
 * Lines that are not JSON are sent as they are (the stream is then expected to skip past them).
 */
export async function startJetstreamServer(
  lines: string[],
  options: JetstreamTestOptions = {},
): Promise<JetstreamTestServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const connections: URLSearchParams[] = [];
  const timeOf = (line: string): number => {
    const match = /"time_us":\s*(\d+)/.exec(line);
    return match ? Number(match[1]) : 0;
  };
  server.on('connection', (socket, req) => {
    const query = new URL(req.url ?? '/', 'ws://jetstream').searchParams;
    connections.push(query);
    const from = query.has('cursor') ? Number(query.get('cursor')) : 0;
    const drop = connections.length === 1 ? options.dropAfter : undefined;
    let sent = 0;
    for (const line of lines) {
      if (timeOf(line) < from) continue;
      if (drop !== undefined && sent >= drop) {
        socket.terminate();
        return;
      }
      socket.send(line);
      sent++;
    }
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
