import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export class StackError extends Error {
  override name = 'StackError';
}

/** Whether something accepts TCP connections on host:port. */
export function portOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Absolute path of an executable on PATH, or undefined (looked up directly, no shell needed). */
export function which(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid recorded in `pidFile` when that process still runs (and is ours), else undefined. */
export function runningPid(pidFile: string, marker: string): number | undefined {
  const pid = readPid(pidFile);
  return pid !== undefined && processAlive(pid, marker) ? pid : undefined;
}

/** Refuses to start a server on a port something else already listens on; `hint` says how to use that one. */
export async function assertPortsFree(ports: number[], hint: string): Promise<void> {
  for (const port of ports) {
    if (await portOpen(port)) {
      throw new StackError(
        `port ${port} busy: something else listens on 127.0.0.1:${port}. Stop it, or ${hint}`,
      );
    }
  }
}

/** Alive and really the process we started (its command line contains `marker`), not a recycled pid. */
export function processAlive(pid: number, marker: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

export interface DaemonSpec {
  command: string;
  args: string[];
  cwd: string;
  logFile: string;
  pidFile: string;
  env?: NodeJS.ProcessEnv;
}

/** Starts a process that outlives this one (own session, output to a log file) and records its pid. */
export function startDaemon(spec: DaemonSpec): number {
  const out = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      detached: true,
      stdio: ['ignore', out, out],
      env: spec.env ?? process.env,
    });
    if (child.pid === undefined) throw new StackError(`could not start ${spec.command}`);
    child.unref();
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; removes the pid file. */
export async function stopDaemon(pidFile: string, marker: string, graceMs = 30_000): Promise<boolean> {
  const pid = readPid(pidFile);
  if (pid === undefined || !processAlive(pid, marker)) {
    rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && processAlive(pid, marker)) await sleep(200);
  if (processAlive(pid, marker)) {
    process.kill(pid, 'SIGKILL');
    while (processAlive(pid, marker)) await sleep(100);
  }
  rmSync(pidFile, { force: true });
  return true;
}

/** Polls `check` until it returns true or the timeout passes; the error carries the tail of the log. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  logFile?: string,
  alive?: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (alive && !alive()) throw new StackError(`${what} exited during start-up${logTail(logFile)}`);
    await sleep(300);
  }
  throw new StackError(`${what} not ready within ${Math.round(timeoutMs / 1000)} s${logTail(logFile)}`);
}

export function logTail(logFile: string | undefined, lines = 15): string {
  if (!logFile || !existsSync(logFile)) return '';
  const text = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  return `\n--- last lines of ${logFile} ---\n${text}`;
}

/** What every server of the stack is given: its folder under the stack directory, and a progress log. */
export interface ServerOptions {
  dir: string;
  log?: (line: string) => void;
}

/** Files every server keeps in its folder: logs, the pid file, the daemon's own output. */
export const serverFiles = (dir: string, pidName: string) => ({
  logs: join(dir, 'logs'),
  pid: join(dir, pidName),
  out: join(dir, 'logs', 'stdout.log'),
});

/** A server the stack starts and stops: how to find its process, where it answers, how to launch it. */
export interface ManagedServer {
  /** `Kafka`, `ClickHouse`: the name in errors and status lines. */
  name: string;
  /** The name with its version where known, in start lines. */
  label?: string;
  /** A word of its command line (`processAlive`). */
  marker: string;
  pidFile: string;
  /** `127.0.0.1:9092`, `http://127.0.0.1:8123`. */
  address: string;
  answers: () => Promise<boolean>;
  /** The log that explains a server that does not answer once running. */
  logFile: string;
  /** The log that explains a failed start (default: the daemon's output). */
  startLogFile?: string;
  startMs: number;
  /** Ports it listens on, and what to do instead when one is taken. */
  ports: number[];
  portsHint: string;
  /** Checks prerequisites and writes config once the ports are known to be free; says what to launch. */
  prepare: () => Omit<DaemonSpec, 'pidFile'>;
}

/** Starts a server unless its pid file names a live one (then waits for it to answer); returns a status line. */
export async function startManaged(server: ManagedServer): Promise<string> {
  const label = server.label ?? server.name;
  const running = runningPid(server.pidFile, server.marker);
  if (running !== undefined) {
    await waitFor(server.name, server.answers, 60_000, server.logFile);
    return `${label} already running (pid ${running}) on ${server.address}`;
  }
  await assertPortsFree(server.ports, server.portsHint);
  const launch = server.prepare();
  const pid = startDaemon({ ...launch, pidFile: server.pidFile });
  await waitFor(server.name, server.answers, server.startMs, server.startLogFile ?? launch.logFile, () =>
    processAlive(pid, server.marker),
  );
  return `${label} started (pid ${pid}) on ${server.address}`;
}

export async function managedStatus(server: ManagedServer): Promise<string> {
  const pid = runningPid(server.pidFile, server.marker);
  if (pid === undefined) return `${server.name}: not running (not started by this stack)`;
  return `${server.name}: running (pid ${pid}) on ${server.address}, ${(await server.answers()) ? 'answering' : 'not answering yet'}`;
}
