/**
 * The backfill horizon of a source: how far back its first run goes. Written as a duration (`90m`, `12h`,
 * `7d`, `2w`) counted back from now, or as an ISO date or date-time (`2026-01-01`, `2026-01-01T00:00:00Z`).
 */
const DURATION = /^(\d+)\s*([smhdw])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** The earliest creation time (ms since epoch) a first run fetches. */
export function backfillStartMs(spec: string, now = Date.now()): number {
  const text = spec.trim();
  const m = DURATION.exec(text);
  if (m) return now - Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`backfill "${spec}" is neither a duration (7d, 12h) nor an ISO date`);
  return at;
}
