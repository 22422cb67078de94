import { createInterface } from 'node:readline';
import { ConfigError } from '../core/config.ts';
import { BindRefused, hashPassword } from '../dashboards/server/auth.ts';
import { startDashboard, type RunningDashboard } from '../dashboards/server/start.ts';
import type { LateralConfig } from '../schema/config.ts';
import { say } from './context.ts';
import { onShutdown } from '../core/service.ts';

/** Starts the dashboard server; a refused bind is a configuration error (exit 2 with the reason). */
export async function openDashboard(config: LateralConfig): Promise<RunningDashboard> {
  try {
    return await startDashboard(config);
  } catch (err) {
    if (err instanceof BindRefused) throw new ConfigError(err.message);
    throw err;
  }
}

/** `lateral dashboard`: serves until SIGINT/SIGTERM. */
export async function serveDashboard(
  config: LateralConfig,
  options: { host?: string; port?: number },
): Promise<void> {
  if (options.host) config.dashboard.host = options.host;
  if (options.port !== undefined) config.dashboard.port = options.port;
  const dashboard = await openDashboard(config);
  say(`dashboard: ${dashboard.url} (ClickHouse user ${config.dashboard.clickhouseUser}); Ctrl-C to stop`);
  onShutdown(() => dashboard.close());
}

/** `lateral dashboard --hash-password`: reads a password from stdin, prints the `dashboard.passwordHash`. */
export async function printPasswordHash(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line) continue;
    process.stdout.write(`${hashPassword(line)}\n`);
    lines.close();
    return;
  }
  throw new ConfigError('no password on stdin');
}
