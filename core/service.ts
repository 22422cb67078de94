import { createLogger } from './logger.ts';
import { startMetricsServer } from './metrics.ts';
import type { Runtime } from './runtime.ts';

const log = createLogger('pipeline');

/** Stops `stop` on SIGTERM/SIGINT once; a second signal exits at once. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}

/** Serves /metrics and /healthz; returns a function that closes the server (one-shot commands must). */
export async function startMetrics(rt: Runtime): Promise<() => Promise<void>> {
  const { host, port } = rt.config.metrics;
  try {
    const { server, port: bound } = await startMetricsServer(host, port);
    log.info(
      { url: `http://${host}:${bound}/metrics`, health: `http://${host}:${bound}/healthz` },
      'metrics and health',
    );
    return () => new Promise<void>((resolve) => server.close(() => resolve()));
  } catch (err) {
    log.warn({ err: (err as Error).message, port }, 'metrics server not started (port in use?)');
    return async () => undefined;
  }
}
