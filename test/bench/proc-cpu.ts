import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux the bench runs on). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds a process has used so far, from /proc/<pid>/stat: utime + stime, plus cutime + cstime (its
 * children that exited and were waited for) when `children` is set. `undefined` once the process is gone.
 */
export function cpuSeconds(pid: number, options: { children?: boolean } = {}): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]) + (options.children ? Number(f[13]) + Number(f[14]) : 0);
  return ticks / TICKS_PER_SECOND;
}

/** Pids whose argument list (argv) satisfies `match`, this process excluded. */
export function findPids(match: (argv: string[]) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (match(argv)) pids.push(Number(entry));
  }
  return pids;
}

/** The ClickHouse server (`clickhouse-server …` or `clickhouse server …`); the bench assumes one on the host. */
export function clickhouseServerPid(): number | undefined {
  return findPids(
    ([bin = '', sub]) => /clickhouse-server$/.test(bin) || (/clickhouse$/.test(bin) && sub === 'server'),
  )[0];
}

/** The Kafka broker JVM (main class kafka.Kafka). */
export function kafkaBrokerPid(): number | undefined {
  return findPids((argv) => /(^|\/)java$/.test(argv[0] ?? '') && argv.includes('kafka.Kafka'))[0];
}

/** CPU meter over named processes: `take()` returns the CPU seconds each used since the meter started. */
export function cpuMeter(processes: { name: string; pid: number; children?: boolean }[]) {
  const start = new Map(processes.map((p) => [p.name, cpuSeconds(p.pid, p) ?? 0]));
  const last = new Map(start);
  return {
    /** Reads every process now; a process that has exited keeps its last reading. */
    sample(): void {
      for (const p of processes) {
        const now = cpuSeconds(p.pid, p);
        if (now !== undefined) last.set(p.name, now);
      }
    },
    take(): Map<string, number> {
      this.sample();
      return new Map(processes.map((p) => [p.name, last.get(p.name)! - start.get(p.name)!]));
    },
  };
}

/** CPU seconds of this Node process (user + system), from process.cpuUsage. */
export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
