import { createClickHouse } from '../../core/clickhouse.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import type { LateralConfig } from '../../schema/config.ts';
import { assertBindAllowed, credentialsFrom, isLoopback } from './auth.ts';
import { buildDashboard } from './app.ts';

export interface RunningDashboard {
  url: string;
  app: Awaited<ReturnType<typeof buildDashboard>>;
  close(): Promise<void>;
}

/** Words of each configured brand that are in every one of its mentions, kept out of the rising terms. */
function brandWords(config: LateralConfig): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const b of config.brands) {
    const words = [b.name, ...(b.displayName ?? '').split(/\s+/), ...Object.values(b.accounts).flat()];
    out[b.name] = words.map((w) => w.replace(/^@|^id:/, '').toLowerCase()).filter(Boolean);
  }
  return out;
}

/**
 * Serves the dashboard: reads ClickHouse as the read-only user of `dashboard.clickhouseUser`, refuses a
 * non-loopback address without credentials, and listens on `dashboard.host:port`.
 */
export async function startDashboard(
  config: LateralConfig,
  options: { env?: NodeJS.ProcessEnv; logger?: Logger } = {},
): Promise<RunningDashboard> {
  const env = options.env ?? process.env;
  const dash = config.dashboard;
  const credentials = credentialsFrom(dash, env);
  assertBindAllowed(dash.host, credentials, dash.tokenEnv);
  const clickhouse = createClickHouse(config, {
    username: dash.clickhouseUser,
    password: env[dash.clickhousePasswordEnv] ?? '',
  });
  const app = await buildDashboard({
    config: dash,
    clickhouse,
    credentials,
    logger: options.logger ?? createLogger('dashboard'),
    brands: config.brands.map((b) => b.name),
    brandWords: brandWords(config),
  });
  try {
    await app.listen({ host: dash.host, port: dash.port });
  } catch (err) {
    await clickhouse.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : dash.port;
  const shownHost = isLoopback(dash.host)
    ? '127.0.0.1'
    : dash.host.includes(':')
      ? `[${dash.host}]`
      : dash.host;
  return {
    url: `http://${shownHost}:${port}/`,
    app,
    async close() {
      await app.close();
      await clickhouse.close();
    },
  };
}
