import { queryRows } from '../core/clickhouse.ts';
import type { Runtime } from '../core/runtime.ts';
import { queries } from '../schema/queries.ts';
import { table } from './context.ts';

interface ScoreRow {
  brand: string;
  is_brand: number;
  influence: number;
  influence_confidence: number;
  has_evidence: number;
  trust: number;
  flags: string[];
  flag_evidence: string[];
  components: string;
  model: string;
  updated_at: string;
}

const fmt = (v: unknown) => (typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v));

/** The uncertainty beside the percentile, and the minimum-evidence rule in words. */
function evidenceLine(s: ScoreRow, reactors: number): string {
  const confidence = `confidence ${fmt(Number(s.influence_confidence))} (from ${reactors} distinct reactor${reactors === 1 ? '' : 's'})`;
  if (Number(s.has_evidence) === 1) return `evidence: enough to be listed as influential; ${confidence}`;
  if (reactors === 0)
    return `evidence: not enough evidence (nobody reacted in this community; ranks below everyone who drew a reaction); ${confidence}`;
  return `evidence: not enough evidence (fewer distinct reactors than the minimum; not listed among top influencers); ${confidence}`;
}

/** `lateral author <id>`: scores, their components, flags with evidence, and the interactions behind them. */
export async function authorReport(rt: Runtime, authorId: string, limit: number): Promise<string> {
  const scores = await queryRows<ScoreRow>(rt.clickhouse, queries.authorScores(authorId));
  if (scores.length === 0) return `no scores for ${authorId} (not seen by the scoring processor yet?)`;
  const out: string[] = [`Author ${authorId}${scores[0]!.is_brand ? ' (brand account)' : ''}`];
  for (const s of scores) {
    const c = JSON.parse(s.components) as {
      influence: Record<string, number>;
      trust: Record<string, number | Record<string, number>>;
    };
    out.push(
      '',
      `== ${s.brand}: influence ${fmt(s.influence)} (percentile in the community), trust ${fmt(s.trust)} / 100  [${s.model}, as of ${s.updated_at}]`,
      `  ${evidenceLine(s, Number(c.influence.uniqueReactors ?? 0))}`,
      '  influence components (score = evidence × audience; then the weighted log-scale terms and the inputs):',
      `    ${Object.entries(c.influence)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
      '  trust components:',
      `    ${Object.entries(c.trust)
        .filter(([k]) => k !== 'factors')
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
      `    behaviour factors (1 = no penalty): ${Object.entries(
        (c.trust.factors ?? {}) as Record<string, number>,
      )
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
      s.flags.length === 0
        ? '  flags: none'
        : `  flags:\n${s.flag_evidence.map((e) => `    ${e}`).join('\n')}`,
    );
  }
  out.push(
    '',
    'Reactions received (all time, per brand and kind):',
    table(await queryRows(rt.clickhouse, queries.authorReactionCounts(authorId))),
    '',
    `Latest interactions (${limit}):`,
    table(await queryRows(rt.clickhouse, queries.authorInteractions(authorId, limit))),
  );
  return out.join('\n');
}
