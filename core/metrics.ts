import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; every component registers its typed metrics here. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'lateral_' });

export const metrics = {
  messagesIn: new Counter({
    name: 'lateral_messages_in_total',
    help: 'Messages consumed by a processor',
    labelNames: ['component'] as const,
    registers: [registry],
  }),
  messagesOut: new Counter({
    name: 'lateral_messages_out_total',
    help: 'Messages produced or rows written by a processor',
    labelNames: ['component'] as const,
    registers: [registry],
  }),
  dropped: new Counter({
    name: 'lateral_dropped_total',
    help: 'Messages dropped on purpose (logged with the reason)',
    labelNames: ['component', 'step'] as const,
    registers: [registry],
  }),
  deadLetters: new Counter({
    name: 'lateral_dead_letters_total',
    help: 'Messages sent to the dead-letter topic',
    labelNames: ['component', 'step'] as const,
    registers: [registry],
  }),
  retries: new Counter({
    name: 'lateral_retries_total',
    help: 'Transient failures retried with backoff',
    labelNames: ['component', 'step'] as const,
    registers: [registry],
  }),
  batchSeconds: new Histogram({
    name: 'lateral_batch_seconds',
    help: 'Time to process one consumed batch or write one sink batch',
    labelNames: ['component'] as const,
    buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  sinkRows: new Counter({
    name: 'lateral_sink_rows_total',
    help: 'Rows inserted into ClickHouse',
    labelNames: ['table'] as const,
    registers: [registry],
  }),
  sinkInFlight: new Gauge({
    name: 'lateral_sink_in_flight_batches',
    help: 'ClickHouse insert batches in flight',
    labelNames: ['table'] as const,
    registers: [registry],
  }),
  threadPosts: new Gauge({
    name: 'lateral_thread_posts',
    help: 'Posts held in thread state by the threads stage (after the last rebuild)',
    registers: [registry],
  }),
  ingestItems: new Counter({
    name: 'lateral_ingest_items_total',
    help: 'Items produced to the raw topic by a source',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  ingestErrors: new Counter({
    name: 'lateral_ingest_errors_total',
    help: 'Errors while fetching or producing from a source',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  webhookRequests: new Counter({
    name: 'lateral_webhook_requests_total',
    help: 'Requests to a webhook source, by HTTP status answered',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
  }),
  ingestLagSeconds: new Gauge({
    name: 'lateral_ingest_lag_seconds',
    help: 'Age of the newest item produced by a source',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  ingestDuplicates: new Counter({
    name: 'lateral_ingest_duplicates_total',
    help: 'Items a source fetched again and skipped (same native id already produced)',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  ingestErased: new Counter({
    name: 'lateral_ingest_erased_total',
    help: 'Items a source did not produce because they are only about erased authors (lateral forget-author)',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  ingestRejected: new Counter({
    name: 'lateral_ingest_rejected_total',
    help: 'Malformed or unexpected items a source sent to the dead-letter topic',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  commits: new Counter({
    name: 'lateral_commits_total',
    help: 'Offset commits that succeeded',
    labelNames: ['component'] as const,
    registers: [registry],
  }),
  commitFailures: new Counter({
    name: 'lateral_commit_failures_total',
    help: 'Offset commit calls that failed (retried, then covered by the next commit)',
    labelNames: ['component'] as const,
    registers: [registry],
  }),
  uncommittedSeconds: new Gauge({
    name: 'lateral_uncommitted_seconds',
    help: 'Age of the oldest consumed input whose offset is not committed yet (0: all committed); a growing value means the component is not committing',
    labelNames: ['component'] as const,
    registers: [registry],
  }),
  rejoins: new Counter({
    name: 'lateral_consumer_rejoins_total',
    help: 'Times a processor left and rejoined its consumer group to recover from failing commits or a crashed consumer',
    labelNames: ['component'] as const,
    registers: [registry],
  }),
  sinkUnreachableSeconds: new Gauge({
    name: 'lateral_sink_unreachable_seconds',
    help: 'Seconds since ClickHouse inserts of a sink started failing (0: the last insert succeeded)',
    labelNames: ['table'] as const,
    registers: [registry],
  }),
  healthy: new Gauge({
    name: 'lateral_component_healthy',
    help: '1 when the component reports ok (consuming and committing), else 0',
    labelNames: ['component'] as const,
    registers: [registry],
  }),
  httpRetries: new Counter({
    name: 'lateral_http_retries_total',
    help: 'HTTP requests of connectors retried after 429/5xx/network errors',
    labelNames: ['host', 'status'] as const,
    registers: [registry],
  }),
};

export type HealthState = 'starting' | 'ok' | 'degraded' | 'stopped';

const health = new Map<string, { state: HealthState; detail?: string }>();
/** Problems a component has right now, by name ("commits", "clickhouse"): each makes it degraded while set. */
const conditions = new Map<string, Map<string, string>>();

export function setHealth(component: string, state: HealthState, detail?: string): void {
  health.set(component, detail === undefined ? { state } : { state, detail });
  metrics.healthy.set({ component }, effectiveHealth(component)?.state === 'ok' ? 1 : 0);
}

/** Sets (`detail`) or clears (`undefined`) one named problem of a component, independently of its state. */
export function setHealthCondition(component: string, name: string, detail: string | undefined): void {
  const own = conditions.get(component) ?? new Map<string, string>();
  if (detail === undefined) own.delete(name);
  else own.set(name, detail);
  conditions.set(component, own);
  if (health.has(component))
    metrics.healthy.set({ component }, effectiveHealth(component)?.state === 'ok' ? 1 : 0);
}

function effectiveHealth(component: string): { state: HealthState; detail?: string } | undefined {
  const base = health.get(component);
  if (!base) return undefined;
  const problems = [...(conditions.get(component)?.values() ?? [])];
  if (problems.length === 0 || base.state === 'stopped' || base.state === 'starting') return base;
  const detail = [...(base.detail ? [base.detail] : []), ...problems].join('; ');
  return { state: 'degraded', detail };
}

export function healthReport(): {
  ok: boolean;
  components: Record<string, { state: HealthState; detail?: string }>;
} {
  const components = Object.fromEntries([...health.keys()].map((c) => [c, effectiveHealth(c)!]));
  const ok = Object.values(components).every((c) => c.state === 'ok' || c.state === 'stopped');
  return { ok, components };
}

/** Serves `/metrics` (Prometheus text) and `/healthz` (JSON; 503 until every component is ok). */
export async function startMetricsServer(
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        })
        .catch((err: Error) => {
          res.writeHead(500);
          res.end(err.message);
        });
      return;
    }
    if (req.url === '/healthz') {
      const report = healthReport();
      res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
