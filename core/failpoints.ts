/**
 * Named crash points for the crash tests (like failpoints in databases). Production never sets
 * LATERAL_FAILPOINTS; a test sets e.g. `sink.after-insert:2` to SIGKILL the process the 2nd time that
 * point is reached, so "kill -9 in the middle of a batch" hits exactly the moment it means to.
 */
const armed = new Map<string, number>();
for (const spec of (process.env.LATERAL_FAILPOINTS ?? '').split(',').filter(Boolean)) {
  const [name, count] = spec.split(':');
  if (name) armed.set(name, Math.max(1, Number(count ?? 1) || 1));
}

export function failpoint(name: string): void {
  const left = armed.get(name);
  if (left === undefined) return;
  if (left > 1) {
    armed.set(name, left - 1);
    return;
  }
  process.stderr.write(`failpoint ${name}: SIGKILL\n`);
  process.kill(process.pid, 'SIGKILL');
}
