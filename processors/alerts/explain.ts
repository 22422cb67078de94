import { createRequire } from 'node:module';
import { queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import type { Alert, AlertExplanation } from '../../schema/alert.ts';
import { alertQueries } from '../../schema/queries/alerts.ts';
import type { BrandDetection } from './series.ts';

const BASELINE_MS = 24 * 3_600_000;
const stopwords = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
const STOP = new Set(Object.values(stopwords).flat());

const SERIES_LABEL: Record<Alert['series'], string> = {
  volume: 'mentions',
  negative: 'negative mentions',
  negative_share: 'negative share',
  net_sentiment: 'net sentiment',
  response_rate: 'response rate',
};

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** The stable id: brand + rule + window start. */
export function alertId(brand: string, rule: string, windowStart: number): string {
  return `${brand}:${rule}:${new Date(windowStart).toISOString()}`;
}

/**
 * Why an alert fired: the rule's value against the baseline, which direction and source carry the change
 * (window vs the 24 hours before), the words that rose most, the authors with the most reach and their trust,
 * and three posts to read.
 */
export async function explain(client: ClickHouseClient, d: BrandDetection): Promise<AlertExplanation> {
  const from = new Date(d.windowStart);
  const to = new Date(d.windowEnd);
  const baseFrom = new Date(d.windowStart - BASELINE_MS);
  const series = d.ruleSpec.series;
  const negativeOnly = series !== 'volume' && series !== 'response_rate';
  const scale = (d.windowEnd - d.windowStart) / BASELINE_MS;
  const [breakdown, terms, authors, samples] = await Promise.all([
    queryRows<Record<string, string | number>>(
      client,
      alertQueries.windowBreakdown(d.brand, baseFrom, from, to, negativeOnly),
    ),
    queryRows<Record<string, string | number>>(
      client,
      alertQueries.windowTerms(d.brand, baseFrom, from, to, negativeOnly),
    ),
    queryRows<Record<string, unknown>>(client, alertQueries.windowAuthors(d.brand, from, to, negativeOnly)),
    // A response alert quotes the customers left waiting.
    queryRows<Record<string, string>>(
      client,
      series === 'response_rate'
        ? alertQueries.windowUnanswered(d.brand, from, to, d.ruleSpec.responseMinutes)
        : alertQueries.windowSamples(d.brand, from, to, negativeOnly),
    ),
  ]);
  const sum = (rows: Record<string, string | number>[], key: string, col: string) => {
    const m = new Map<string, { observed: number; expected: number }>();
    for (const r of rows) {
      const k = String(r[key]);
      const v = m.get(k) ?? { observed: 0, expected: 0 };
      v.observed += Number(r.observed);
      v.expected += Number(r.baseline) * scale;
      m.set(k, v);
    }
    return [...m.entries()]
      .map(([k, v]) => ({ [col]: k, observed: v.observed, expected: round(v.expected) }))
      .sort((a, b) => b.observed - b.expected - (a.observed - a.expected));
  };
  const byDirection = sum(breakdown, 'direction', 'direction') as AlertExplanation['byDirection'];
  const bySource = sum(breakdown, 'source', 'source') as AlertExplanation['bySource'];
  const total = breakdown.reduce((a, r) => a + Number(r.observed), 0);
  const flagged = breakdown.reduce((a, r) => a + Number(r.flagged_mentions), 0);
  const risingTerms = terms
    .map((r) => ({ term: String(r.term), count: Number(r.observed), baseline: Number(r.baseline) }))
    .filter((t) => !STOP.has(t.term) && !d.brand.includes(t.term))
    .map((t) => ({ ...t, lift: round((t.count + 1) / (t.baseline * scale + 1), 1) }))
    .sort((a, b) => b.lift - a.lift || b.count - a.count)
    .slice(0, 8);
  const topAuthors = authors.map((a) => ({
    authorId: String(a.author_id),
    handle: String(a.handle),
    mentions: Number(a.mentions),
    followers: Number(a.followers),
    influence: Number(a.scored) ? round(Number(a.influence), 1) : null,
    trust: Number(a.scored) ? round(Number(a.trust), 1) : null,
    flags: Array.isArray(a.flags) ? (a.flags as string[]) : [],
  }));
  const value = d.value;
  const explanation: Omit<AlertExplanation, 'summary'> = {
    value: { observed: round(value.observed, 3), expected: round(value.expected, 3) },
    byDirection,
    bySource,
    risingTerms,
    topAuthors,
    flaggedShare: total > 0 ? round(flagged / total, 3) : 0,
    samples: samples.map((s) => ({
      postId: s.post_id!,
      url: s.url!,
      author: s.author_handle!,
      text: s.text!.slice(0, 280),
      createdAt: new Date(`${s.created_at!.replace(' ', 'T')}Z`).toISOString(),
    })),
  };
  return { summary: summarize(d, explanation), ...explanation };
}

/** One line: what happened and who drove it. */
export function summarize(d: BrandDetection, e: Omit<AlertExplanation, 'summary'>): string {
  const minutes = Math.round((d.windowEnd - d.windowStart) / 60_000);
  const label = SERIES_LABEL[d.ruleSpec.series];
  const where = d.ruleSpec.direction === 'all' ? '' : ` (${d.ruleSpec.direction})`;
  const what =
    d.ruleSpec.series === 'volume' || d.ruleSpec.series === 'negative'
      ? `${label}${where} ${Math.round(d.observed)} vs ${d.expected < 1 ? d.expected.toPrecision(2) : round(d.expected, 1)} expected (×${round(d.observed / Math.max(d.expected, 0.01), 1)}) in ${minutes} min`
      : d.ruleSpec.series === 'response_rate'
        ? `${label} ${round(e.value.observed, 2)} vs ${round(e.value.expected, 2)} baseline: ${Math.round(d.observed)} of ${Math.round(d.observed / Math.max(1 - e.value.observed, 1e-9))} customers who wrote in ${minutes} min not answered within ${d.ruleSpec.responseMinutes} min`
        : `${label}${where} ${round(e.value.observed, 2)} vs ${round(e.value.expected, 2)} baseline in ${minutes} min`;
  const parts = [`${d.brand}: ${what}`];
  const dir = e.byDirection[0];
  const src = e.bySource[0];
  if (dir && src) parts.push(`mostly ${dir.direction} on ${src.source}`);
  if (e.risingTerms.length > 0)
    parts.push(
      `rising: ${e.risingTerms
        .slice(0, 3)
        .map((t) => t.term)
        .join(', ')}`,
    );
  const top = e.topAuthors[0];
  if (top) {
    const trust = top.trust === null ? 'not scored' : `trust ${top.trust}`;
    const flags = top.flags.length > 0 ? `, flagged ${top.flags.join('/')}` : '';
    parts.push(`driven by @${top.handle} (${top.followers} followers, ${trust}${flags})`);
  }
  if (e.flaggedShare > 0) parts.push(`${Math.round(e.flaggedShare * 100)}% from flagged accounts`);
  return parts.join('; ');
}
