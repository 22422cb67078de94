import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AlertRule, type AlertRuleInput } from '../../schema/alert.ts';
import { RuleDetector } from './detector.ts';

/**
 * `lateral eval alerts --format nab <dir>`: the alerts detector (a volume rule) over Numenta Anomaly
 * Benchmark series (`timestamp,value` CSVs with a windows JSON in NAB's label layout) with NAB's
 * standard-profile score. The rule below was tuned on TUNED_ON only; the other series are held out.
 */
export const NAB_RULE: AlertRuleInput = {
  name: 'nab-volume',
  series: 'volume',
  windowMinutes: 60,
  pValue: 1e-5,
  minVolume: 0,
  minRatio: 1.5,
  cooldownMinutes: 24 * 60,
  cusum: { enabled: true, k: 1, h: 8 },
};
export const TUNED_ON = ['Twitter_volume_AAPL.csv', 'Twitter_volume_GOOG.csv'];

const STEP_MS = 5 * 60_000;
const WEEK_MS = 7 * 86_400_000;
/** NAB standard profile. */
const PROFILE = { tp: 1, fp: 0.11, fn: 1 };
/** NAB leaves the first 15 % of a series to the detector (probationary period). */
const PROBATION = 0.15;

export interface NabSeriesResult {
  series: string;
  tuned: boolean;
  windows: number;
  /** Windows ending after the probationary period. */
  scorable: number;
  detected: number;
  falseAlarms: number;
  weeks: number;
  score: number;
  raw: number;
  perfect: number;
  nullScore: number;
}

function parseTime(s: string): number {
  return Date.parse(
    `${s
      .trim()
      .replace(' ', 'T')
      .replace(/\.\d+$/, '')}Z`,
  );
}

function readSeries(path: string): { t: number; v: number }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [t, v] = l.split(',');
      return { t: parseTime(t!), v: Number(v) };
    });
}

/** NAB's scaled sigmoid of the relative position to a window's end. */
export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** NAB scoring of detection times against windows on a series' timestamps. */
export function nabScore(
  times: number[],
  detections: number[],
  windows: [number, number][],
): {
  raw: number;
  perfect: number;
  nullScore: number;
  detected: number;
  falseAlarms: number;
  /** Windows that end after the probationary period (the others cannot be detected by construction). */
  scorable: number;
} {
  const probationEnd = times[Math.floor(times.length * PROBATION)] ?? 0;
  const idx = (t: number) => {
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const spans = windows.map(([a, b]) => ({ a, b, ia: idx(a), ib: idx(b), hit: false }));
  let raw = 0;
  let falseAlarms = 0;
  for (const t of detections.filter((t) => t >= probationEnd).sort((x, y) => x - y)) {
    const w = spans.find((s) => t >= s.a && t <= s.b);
    const i = idx(t);
    if (w) {
      if (w.hit) continue;
      w.hit = true;
      const len = Math.max(1, w.ib - w.ia);
      raw += PROFILE.tp * scaledSigmoid(-(w.ib - i) / len);
      continue;
    }
    falseAlarms++;
    const before = spans.filter((s) => s.b < t).pop();
    if (before) {
      const len = Math.max(1, before.ib - before.ia);
      raw += PROFILE.fp * scaledSigmoid((i - before.ib) / len);
    } else raw -= PROFILE.fp;
  }
  const missed = spans.filter((s) => !s.hit).length;
  raw -= PROFILE.fn * missed;
  return {
    raw,
    perfect: spans.length * PROFILE.tp * scaledSigmoid(-1),
    nullScore: -PROFILE.fn * spans.length,
    detected: spans.length - missed,
    falseAlarms,
    scorable: spans.filter((w) => w.b >= probationEnd).length,
  };
}

export function evalNabSeries(path: string, windows: [number, number][], rule = NAB_RULE): NabSeriesResult {
  const rows = readSeries(path);
  const spec = AlertRule.parse(rule);
  const det = new RuleDetector(spec, { stepMs: STEP_MS, warmupSteps: Math.floor(rows.length * PROBATION) });
  const detections: number[] = [];
  for (const r of rows) {
    const d = det.step({ t: r.t, k: r.v, n: r.v, pos: 0 });
    // A detection is raised when its window closes.
    if (d) detections.push(d.detector === 'nb' ? r.t : d.windowEnd);
  }
  const s = nabScore(
    rows.map((r) => r.t),
    detections,
    windows,
  );
  const span = rows.length > 1 ? rows[rows.length - 1]!.t - rows[0]!.t : 0;
  const name = basename(path);
  return {
    series: name,
    tuned: TUNED_ON.includes(name),
    windows: windows.length,
    scorable: s.scorable,
    detected: s.detected,
    falseAlarms: s.falseAlarms,
    weeks: span / WEEK_MS,
    raw: s.raw,
    perfect: s.perfect,
    nullScore: s.nullScore,
    score: s.perfect === s.nullScore ? 0 : (100 * (s.raw - s.nullScore)) / (s.perfect - s.nullScore),
  };
}

/** The windows file of a NAB folder: `windows.json`, or the single `*.json` in it. */
function windowsFile(dir: string): string {
  if (existsSync(join(dir, 'windows.json'))) return join(dir, 'windows.json');
  const json = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (json.length !== 1) throw new Error(`${dir}: expected windows.json (NAB label layout)`);
  return join(dir, json[0]!);
}

/** Every labelled `*.csv` under dir (one level of sub-folders too). */
export function evalNabDir(dir: string, rule = NAB_RULE): NabSeriesResult[] {
  const labels = JSON.parse(readFileSync(windowsFile(dir), 'utf8')) as Record<string, [string, string][]>;
  const byName = new Map(Object.entries(labels).map(([k, w]) => [basename(k), w]));
  const csvs = readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return readdirSync(p).map((g) => join(p, g));
    return [p];
  });
  return csvs
    .filter((p) => p.endsWith('.csv') && byName.has(basename(p)))
    .sort()
    .map((p) =>
      evalNabSeries(
        p,
        byName.get(basename(p))!.map(([a, b]) => [parseTime(a), parseTime(b)] as [number, number]),
        rule,
      ),
    );
}

export function formatNab(results: NabSeriesResult[]): string {
  const lines = [
    `${'series'.padEnd(31)}${'set'.padEnd(10)}${'windows'.padStart(7)}${'detected'.padStart(10)}${'after probation'.padStart(17)}${'false alarms'.padStart(14)}${'FA/series-week'.padStart(16)}${'NAB score'.padStart(11)}`,
  ];
  const row = (name: string, set: string, rs: NabSeriesResult[]) => {
    const windows = rs.reduce((a, r) => a + r.windows, 0);
    const detected = rs.reduce((a, r) => a + r.detected, 0);
    const scorable = rs.reduce((a, r) => a + r.scorable, 0);
    const fa = rs.reduce((a, r) => a + r.falseAlarms, 0);
    const weeks = rs.reduce((a, r) => a + r.weeks, 0);
    const raw = rs.reduce((a, r) => a + r.raw, 0);
    const perfect = rs.reduce((a, r) => a + r.perfect, 0);
    const nul = rs.reduce((a, r) => a + r.nullScore, 0);
    const score = perfect === nul ? 0 : (100 * (raw - nul)) / (perfect - nul);
    lines.push(
      `${name.padEnd(31)}${set.padEnd(10)}${String(windows).padStart(7)}${`${detected} (${windows ? Math.round((100 * detected) / windows) : 0}%)`.padStart(10)}${`${detected}/${scorable} (${scorable ? Math.round((100 * detected) / scorable) : 0}%)`.padStart(17)}${String(fa).padStart(14)}${(weeks ? fa / weeks : 0).toFixed(2).padStart(16)}${score.toFixed(1).padStart(11)}`,
    );
  };
  for (const r of results) row(r.series, r.tuned ? 'tuning' : 'held-out', [r]);
  const held = results.filter((r) => !r.tuned);
  const tuned = results.filter((r) => r.tuned);
  if (tuned.length) row('overall (tuning series)', 'tuning', tuned);
  if (held.length) row('overall (held-out series)', 'held-out', held);
  row('overall (all)', 'all', results);
  return lines.join('\n');
}
