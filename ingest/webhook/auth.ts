import { registerSecret } from '../../core/redact.ts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Loopback only: `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/**
 * The webhook's bearer token, read from the environment variable the config names. A webhook reachable from
 * other machines must have one: without it, the source refuses to start.
 */
export function resolveToken(
  config: { id: string; host: string; tokenEnv?: string | undefined },
  env: Record<string, string | undefined>,
): string | undefined {
  if (config.tokenEnv) {
    const token = env[config.tokenEnv];
    if (!token)
      throw new Error(`webhook ${config.id}: environment variable ${config.tokenEnv} is empty or unset`);
    registerSecret(token);
    return token;
  }
  if (!isLoopback(config.host)) {
    throw new Error(
      `webhook ${config.id}: refusing to listen on ${config.host} without a token; set tokenEnv (or bind to 127.0.0.1)`,
    );
  }
  return undefined;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** `Authorization: Bearer <token>`, compared in constant time (digests have equal length whatever the input). */
export function authorized(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}
