import nbCdf from '@stdlib/stats-base-dists-negative-binomial-cdf';
import type { AlertRule } from '../../schema/alert.ts';

/**
 * The streaming detector behind every alert rule, one step (a minute for brands, a row for NAB) at a time.
 * Pure and deterministic: its whole state is a plain JSON object, so the alerts component saves it next to
 * the last evaluated minute and a restart continues exactly there (processors/alerts/README.md).
 *
 * - Baseline: a level (EWMA of the deseasonalised value) times a season factor by hour of week once a week of
 *   history exists, else by hour of day. Every update is winsorised at the baseline's upper bound, so an
 *   earlier spike barely moves it.
 * - Count test: upper tail of a negative binomial whose over-dispersion is estimated from hourly residuals.
 * - CUSUM on hourly residuals for slower drifts; minimum-volume and minimum-ratio gates; cooldown; severity.
 */

export interface StepInput {
  /** Start of the step (ms, UTC). */
  t: number;
  /**
   * The tested count: mentions (volume), negative mentions (negative, shares, net sentiment) or customers the
   * brand left unanswered (response rate).
   */
  k: number;
  /** Denominator of share series (all mentions; customers who addressed the brand); equals k for counts. */
  n: number;
  /** Positive mentions (net sentiment only). */
  pos: number;
}

export type RuleParams = Pick<
  AlertRule,
  | 'name'
  | 'series'
  | 'windowMinutes'
  | 'pValue'
  | 'minVolume'
  | 'minRatio'
  | 'minDrop'
  | 'cusum'
  | 'cooldownMinutes'
  | 'severity'
> &
  Partial<Pick<AlertRule, 'responseMinutes'>>;

export interface DetectorOptions {
  /** Length of one step in ms (60 000 for minute rollups, 300 000 for NAB). */
  stepMs: number;
  /** Steps of history before anything may fire. */
  warmupSteps: number;
  /** Half-life of the baseline level, ms. */
  levelHalfLifeMs?: number;
}

export interface Detection {
  rule: string;
  detector: 'nb' | 'cusum';
  windowStart: number;
  windowEnd: number;
  /** The tested count and its expectation in the window. */
  observed: number;
  expected: number;
  pValue: number;
  severity: 'info' | 'warning' | 'critical';
  /** The series' own value (count, share or net sentiment) against its baseline. */
  value: { observed: number; expected: number };
}

export interface RuleState {
  steps: number;
  /** Count series: deseasonalised rate per step. Share series: EWMA sums of k and n. */
  level: number | null;
  shareK: number;
  shareN: number;
  posK: number;
  hod: number[];
  hodN: number[];
  how: number[];
  howN: number[];
  /** NB over-dispersion a (variance = μ + a μ²), estimated on hourly sums. */
  a: number;
  hour: { start: number; x: number; mu: number; n: number } | null;
  cusum: { s: number; since: number; x: number; mu: number };
  ring: { t: number; k: number; n: number; pos: number; mu: number }[];
  episode: { active: boolean; since: number; lastFlag: number };
}

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const SEASON_WEIGHT_HOD = 0.2;
const SEASON_WEIGHT_HOW = 0.4;
const A_PRIOR = 0.1;
const A_WEIGHT = 0.02;
const MAX_FREEZE = 6 * HOUR;

export function initialRuleState(): RuleState {
  return {
    steps: 0,
    level: null,
    shareK: 0,
    shareN: 0,
    posK: 0,
    hod: Array<number>(24).fill(1),
    hodN: Array<number>(24).fill(0),
    how: Array<number>(168).fill(1),
    howN: Array<number>(168).fill(0),
    a: A_PRIOR,
    hour: null,
    cusum: { s: 0, since: 0, x: 0, mu: 0 },
    ring: [],
    episode: { active: false, since: 0, lastFlag: 0 },
  };
}

/** P(X ≥ k) for a negative binomial with mean mu and variance mu + a·mu². */
export function nbUpperTail(k: number, mu: number, a: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  const r = 1 / Math.max(a, 1e-6);
  const p = r / (r + mu);
  return Math.max(0, Math.min(1, 1 - nbCdf(k - 1, r, p)));
}

function severityOf(ratio: number, s: RuleParams['severity']): Detection['severity'] {
  if (ratio >= s.critical) return 'critical';
  if (ratio >= s.warning) return 'warning';
  return 'info';
}

const isShare = (r: RuleParams) =>
  r.series === 'negative_share' || r.series === 'net_sentiment' || r.series === 'response_rate';

function hourOfWeek(t: number): number {
  const d = new Date(t);
  return d.getUTCDay() * 24 + d.getUTCHours();
}

export class RuleDetector {
  readonly state: RuleState;
  private readonly alpha: number;
  private readonly stepsPerHour: number;

  constructor(
    readonly rule: RuleParams,
    readonly options: DetectorOptions,
    state?: RuleState,
  ) {
    this.state = state ?? initialRuleState();
    const halfLife = options.levelHalfLifeMs ?? 3 * HOUR;
    this.alpha = 1 - 0.5 ** (options.stepMs / halfLife);
    this.stepsPerHour = Math.max(1, HOUR / options.stepMs);
  }

  private season(t: number): number {
    const s = this.state;
    const how = hourOfWeek(t);
    if (s.howN[how]! >= 1 && s.steps * this.options.stepMs >= WEEK) return s.how[how]!;
    const hod = new Date(t).getUTCHours();
    return s.hodN[hod]! >= 1 ? s.hod[hod]! : 1;
  }

  /** Share of k in n under the baseline (share series). */
  private share(): number {
    const s = this.state;
    return s.shareN > 0 ? (s.shareK + 0.5) / (s.shareN + 1) : 0.3;
  }

  /** Expected k for one step with input x. */
  private expected(x: StepInput): number {
    const s = this.state;
    if (isShare(this.rule)) return x.n * this.share();
    return (s.level ?? x.k) * this.season(x.t);
  }

  /** Processes one step; returns the alert it raises, if any. */
  step(x: StepInput): Detection | undefined {
    const s = this.state;
    const rule = this.rule;
    const mu = this.expected(x);
    const windowSteps = Math.max(1, Math.round((rule.windowMinutes * 60_000) / this.options.stepMs));
    s.ring.push({ t: x.t, k: x.k, n: x.n, pos: x.pos, mu });
    while (s.ring.length > windowSteps) s.ring.shift();

    const warm = s.steps >= this.options.warmupSteps && (s.level !== null || s.shareN > 0);
    let detection: Detection | undefined;
    let flagged = false;
    if (warm) {
      const nb = this.testWindow(windowSteps);
      if (nb) flagged = true;
      if (nb && !s.episode.active) detection = nb;
    }
    this.closeHour(x.t, warm, (d) => {
      flagged = true;
      if (!s.episode.active && !detection) detection = d;
    });
    if (flagged) {
      if (!s.episode.active) s.episode.since = x.t;
      s.episode.active = true;
      s.episode.lastFlag = x.t;
      s.cusum = { s: 0, since: x.t, x: 0, mu: 0 };
    } else if (s.episode.active && x.t - s.episode.lastFlag >= rule.cooldownMinutes * 60_000) {
      s.episode.active = false;
    }
    this.learn(x, mu, windowSteps);
    s.steps++;
    return detection;
  }

  private testWindow(windowSteps: number): Detection | undefined {
    const s = this.state;
    const rule = this.rule;
    if (s.ring.length < windowSteps) return undefined;
    let k = 0;
    let n = 0;
    let pos = 0;
    let mu = 0;
    for (const r of s.ring) {
      k += r.k;
      n += r.n;
      pos += r.pos;
      mu += r.mu;
    }
    const first = s.ring[0]!.t;
    const last = s.ring[s.ring.length - 1]!.t + this.options.stepMs;
    if (isShare(rule)) {
      if (n < rule.minVolume || n === 0) return undefined;
      const p0 = this.share();
      const share = k / n;
      if (rule.series === 'negative_share' || rule.series === 'response_rate') {
        if (share < p0 * rule.minRatio) return undefined;
      } else {
        const net0 = (s.posK + 0.5) / (s.shareN + 1) - p0;
        const net = (pos - k) / n;
        if (net0 - net < rule.minDrop) return undefined;
      }
    } else {
      if (k < rule.minVolume || k < mu * rule.minRatio) return undefined;
    }
    const p = nbUpperTail(k, mu, s.a);
    if (p >= rule.pValue) return undefined;
    const ratio = mu > 0 ? k / mu : Infinity;
    const value =
      rule.series === 'negative_share'
        ? { observed: k / n, expected: this.share() }
        : rule.series === 'response_rate'
          ? { observed: 1 - k / n, expected: 1 - this.share() }
          : rule.series === 'net_sentiment'
            ? { observed: (pos - k) / n, expected: (s.posK + 0.5) / (s.shareN + 1) - this.share() }
            : { observed: k, expected: mu };
    return {
      rule: rule.name,
      detector: 'nb',
      windowStart: first,
      windowEnd: last,
      observed: k,
      expected: mu,
      pValue: p,
      severity: severityOf(ratio, rule.severity),
      value,
    };
  }

  /** At an hour boundary: season factors, over-dispersion and CUSUM from the hour's sums. */
  private closeHour(t: number, warm: boolean, onDrift: (d: Detection) => void): void {
    const s = this.state;
    const hourStart = Math.floor(t / HOUR) * HOUR;
    if (s.hour && s.hour.start !== hourStart) {
      const h = s.hour;
      const complete = h.n >= this.stepsPerHour * 0.5;
      if (complete && h.mu > 0 && !this.frozen(t)) {
        if (!isShare(this.rule) && s.level !== null && s.level > 0) {
          const ratio = Math.min(5, Math.max(0.1, h.x / (h.n * s.level)));
          const hod = new Date(h.start).getUTCHours();
          const how = hourOfWeek(h.start);
          const wHod = s.hodN[hod] === 0 ? 1 : SEASON_WEIGHT_HOD;
          const wHow = s.howN[how] === 0 ? 1 : SEASON_WEIGHT_HOW;
          // Winsorised: a spike hour moves a season factor at most halfway up.
          const cappedHod = Math.min(ratio, s.hod[hod]! * 1.5);
          const cappedHow = Math.min(ratio, s.how[how]! * 1.5);
          s.hod[hod] = s.hodN[hod] === 0 ? ratio : (1 - wHod) * s.hod[hod]! + wHod * cappedHod;
          s.how[how] = s.howN[how] === 0 ? ratio : (1 - wHow) * s.how[how]! + wHow * cappedHow;
          s.hodN[hod]!++;
          s.howN[how]!++;
        }
        const cfg = this.rule.cusum;
        // A drift is judged against a daily profile: not before a day of history.
        const day = s.steps * this.options.stepMs >= 24 * HOUR;
        if (cfg.enabled && warm && day && !s.episode.active) {
          const z = (h.x - h.mu) / Math.sqrt(h.mu + s.a * h.mu * h.mu);
          if (s.cusum.s === 0) s.cusum = { s: 0, since: h.start, x: 0, mu: 0 };
          s.cusum.s = Math.max(0, s.cusum.s + z - cfg.k);
          s.cusum.x += h.x;
          s.cusum.mu += h.mu;
          if (s.cusum.s === 0) s.cusum = { s: 0, since: hourStart, x: 0, mu: 0 };
          const { x, mu, since } = s.cusum;
          const volumeOk = isShare(this.rule) ? true : x >= this.rule.minVolume;
          if (s.cusum.s > cfg.h && volumeOk && x >= mu * Math.min(this.rule.minRatio, 1.5)) {
            onDrift({
              rule: this.rule.name,
              detector: 'cusum',
              windowStart: since,
              windowEnd: hourStart,
              observed: x,
              expected: mu,
              pValue: nbUpperTail(x, mu, s.a),
              severity: severityOf(mu > 0 ? x / mu : Infinity, this.rule.severity),
              value: { observed: x, expected: mu },
            });
            s.cusum = { s: 0, since: hourStart, x: 0, mu: 0 };
          }
        }
      }
      s.hour = null;
    }
    if (!s.hour) s.hour = { start: hourStart, x: 0, mu: 0, n: 0 };
  }

  /**
   * Inside an alert episode the baseline does not learn from the anomaly (up to MAX_FREEZE: a change that
   * lasts longer is the new normal).
   */
  private frozen(t: number): boolean {
    const e = this.state.episode;
    return e.active && t - e.since < MAX_FREEZE;
  }

  /** Baseline update after the test, winsorised at the upper bound of the current baseline. */
  private learn(x: StepInput, mu: number, windowSteps: number): void {
    const s = this.state;
    const hour = s.hour!;
    hour.x += x.k;
    hour.mu += mu;
    hour.n++;
    // Over-dispersion at the scale of the tested window (bursts of replies cluster within minutes), from
    // non-overlapping windows, each residual clipped so one burst cannot blow it up.
    if (s.steps % windowSteps === windowSteps - 1 && s.ring.length === windowSteps && !this.frozen(x.t)) {
      let wx = 0;
      let wm = 0;
      for (const r of s.ring) {
        wx += r.k;
        wm += r.mu;
      }
      if (wm > 0) {
        const resid = ((wx - wm) ** 2 - wm) / (wm * wm);
        s.a = (1 - A_WEIGHT) * s.a + A_WEIGHT * Math.min(1, Math.max(0.001, resid));
      }
    }
    if (this.frozen(x.t)) {
      if (isShare(this.rule) || s.level === null) return;
      // Only downward moves while frozen.
      const value = Math.min(x.k, mu) / this.season(x.t);
      if (value < s.level) s.level += this.alpha * (value - s.level);
      return;
    }
    if (isShare(this.rule)) {
      const decay = 1 - this.alpha;
      const p0 = this.share();
      const sd = Math.sqrt(x.n * p0 * (1 - p0));
      const k = s.shareN > 20 ? Math.min(x.k, x.n * p0 + 2 * sd + 1) : x.k;
      const pos = Math.min(x.pos, x.n - k);
      s.shareK = decay * s.shareK + k;
      s.posK = decay * s.posK + pos;
      s.shareN = decay * s.shareN + x.n;
      return;
    }
    const season = this.season(x.t);
    if (s.level === null) {
      s.level = x.k / season;
      return;
    }
    const bound = mu + 2 * Math.sqrt(mu + s.a * mu * mu) + 1;
    const value = Math.min(x.k, bound) / season;
    // Faster at first, so a fresh baseline settles within the warm-up.
    const alpha = Math.max(this.alpha, 1 / (s.steps + 2));
    s.level += alpha * (value - s.level);
  }
}
