import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { DashboardConfig } from '../../schema/dashboard-config.ts';

/** Who may read the dashboard: a bearer token and/or a user with an scrypt password hash. */
export interface Credentials {
  token?: string | undefined;
  user?: string | undefined;
  passwordHash?: string | undefined;
}

const N = 16384;
const R = 8;
const P = 1;

/** `scrypt$N$r$p$salt$hash`, the form `dashboard.passwordHash` takes (node:crypto's scrypt). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * Number(n) * Number(r) + 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

export function credentialsFrom(config: DashboardConfig, env: NodeJS.ProcessEnv): Credentials {
  const token = env[config.tokenEnv];
  return { token: token || undefined, user: config.user, passwordHash: config.passwordHash };
}

export function hasCredentials(c: Credentials): boolean {
  return Boolean(c.token || (c.user && c.passwordHash));
}

export class BindRefused extends Error {
  override name = 'BindRefused';
}

/** A dashboard reachable from other machines must ask who is asking. */
export function assertBindAllowed(host: string, credentials: Credentials, tokenEnv: string): void {
  if (isLoopback(host) || hasCredentials(credentials)) return;
  throw new BindRefused(
    `refusing to serve the dashboard on ${host} without credentials: set ${tokenEnv}, or dashboard.user with dashboard.passwordHash (lateral dashboard hash-password), or bind 127.0.0.1`,
  );
}

/**
 * Checks an Authorization header: `Bearer <token>`, or Basic with the configured user and password (or any
 * user and the token as password, so a browser's login prompt works with a token too).
 */
export function authorized(header: string | undefined, c: Credentials): boolean {
  if (!hasCredentials(c)) return true;
  if (!header) return false;
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return Boolean(c.token) && sameText(value, c.token!);
  if (scheme?.toLowerCase() !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (c.token && sameText(password, c.token)) return true;
  return Boolean(
    c.user && c.passwordHash && sameText(user, c.user) && verifyPassword(password, c.passwordHash),
  );
}
