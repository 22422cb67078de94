import WebSocket from 'ws';

export type NextMessage =
  | { type: 'message'; data: string }
  /** Nothing arrived within the wait: time to flush a partial page. */
  | { type: 'idle' }
  /** The socket closed or failed; the caller reconnects. */
  | { type: 'closed'; reason: string };

export interface StreamConnection {
  next(waitMs: number): Promise<NextMessage>;
  close(): void;
}

export interface ConnectOptions {
  userAgent?: string;
  /** Messages buffered while the consumer is busy (producing to Kafka) before the socket is paused. */
  highWater?: number;
  /** No message at all for this long means a dead connection (the firehose never goes quiet). */
  silenceMs?: number;
}

/**
 * One WebSocket connection read as a pull queue: messages buffer while the consumer produces a page, and the
 * socket is paused when the buffer is full, so TCP flow control slows the server instead of memory growing.
 */
export function openStream(url: string, options: ConnectOptions = {}): StreamConnection {
  const { highWater = 10_000, silenceMs = 60_000 } = options;
  const socket = new WebSocket(url, {
    handshakeTimeout: 30_000,
    ...(options.userAgent ? { headers: { 'user-agent': options.userAgent } } : {}),
  });
  const buffer: string[] = [];
  let closed: string | undefined;
  let wake: (() => void) | undefined;
  let lastMessageAt = Date.now();
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  socket.on('message', (data, isBinary) => {
    lastMessageAt = Date.now();
    buffer.push(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
    if (buffer.length >= highWater && !socket.isPaused) socket.pause();
    notify();
  });
  socket.on('error', (err) => {
    closed ??= err.message;
    notify();
  });
  socket.on('close', (code, reason) => {
    closed ??= `closed (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`;
    notify();
  });
  socket.on('unexpected-response', (_req, res) => {
    closed ??= `HTTP ${res.statusCode} on upgrade`;
    socket.terminate();
    notify();
  });

  return {
    async next(waitMs) {
      for (;;) {
        const data = buffer.shift();
        if (data !== undefined) {
          if (socket.isPaused && buffer.length < highWater / 2) socket.resume();
          return { type: 'message', data };
        }
        if (closed !== undefined) return { type: 'closed', reason: closed };
        if (socket.readyState === WebSocket.OPEN && Date.now() - lastMessageAt > silenceMs) {
          closed = `no message for ${Math.round(silenceMs / 1000)} s`;
          socket.terminate();
          continue;
        }
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => {
            wake = undefined;
            resolve(false);
          }, waitMs);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        if (!woken) return { type: 'idle' };
      }
    },
    close() {
      closed ??= 'closed by us';
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN)
        socket.terminate();
      notify();
    },
  };
}
