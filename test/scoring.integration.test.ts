import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/clickhouse.ts';
import { simulatorBrandConfigs } from '../ingest/simulator/brands.ts';
import { createSimulator } from '../ingest/simulator/generator.ts';
import type { Role } from '../ingest/simulator/truth.ts';
import { queries } from '../schema/queries.ts';
import { startProcessors, type RunningProcessors } from '../cli/pipeline.ts';
import { pipelineStatus } from '../cli/status.ts';
import { authorReport } from '../cli/author.ts';
import { createTestEnv, eventually, produceSimulatorItems, scalar, type TestEnv } from './helpers.ts';
import { expectedMentionsFromSimulator } from './expectations.ts';

/**
 * Influence and trust on the real stack, graded with the simulator's planted roles (issue #5): influencers in
 * the top 5 % of their community, bots and spammers flagged (precision ≥ 0.9, recall ≥ 0.8), ordinary
 * customers not penalised (≤ 2 % flagged). The scoring processor is restarted mid-stream, so the figures are
 * those of a state restored from lateral.authors.v1.
 */
const N = 10_000;
const source = { seed: 'scoring-it' };
const roles = new Map<string, Role>();
for (const item of createSimulator({ seed: source.seed, count: N }).items(0))
  roles.set(item.truth.authorId, item.truth.authorRole);
const expected = expectedMentionsFromSimulator({ seed: source.seed, count: N });
let t: TestEnv;
let processors: RunningProcessors | undefined;

beforeAll(async () => {
  t = await createTestEnv({ batchMs: 200 });
  t.config.brands = simulatorBrandConfigs();
  t.config.score.recompute = '*/2 * * * * *'; // every 2 s here (default: every 5 minutes)
});

afterAll(async () => {
  await processors?.stop();
  await t?.cleanup();
});

interface AuthorRow {
  author_id: string;
  brand: string;
  is_brand: number;
  influence: number;
  trust: number;
  flags: string[];
}

const produceItems = (from: number, to: number) =>
  produceSimulatorItems(t.rt, { seed: source.seed, count: N }, from, to);

const caughtUp = async () => (await pipelineStatus(t.rt)).components.every((c) => c.lag === 0);

describe('influence and trust scoring on the real stack', () => {
  it('scores every author of the run, across a restart of the scorer (state from lateral.authors.v1)', async () => {
    processors = await startProcessors(t.rt);
    await produceItems(0, N / 2);
    await eventually('a first set of authors scored', async () =>
      (await scalar(t.rt, 'SELECT uniqExact(author_id) FROM authors')) > 300 ? true : undefined,
    );
    await processors.stop();
    processors = await startProcessors(t.rt);
    // The second half arrives once authors have scores: its mentions carry their trust and flags.
    await eventually('the trust of scored authors reaches the threads stage', async () => {
      const m = await scalar(t.rt, 'SELECT uniqExact(brand, post_id) FROM mentions');
      return m > 0 && (await caughtUp()) ? true : undefined;
    });
    await produceItems(N / 2, N);
    await eventually(
      'every mention written and every processor caught up',
      async () =>
        (await scalar(t.rt, 'SELECT uniqExact(brand, post_id) FROM mentions')) >= expected.total &&
        (await caughtUp())
          ? true
          : undefined,
      240_000,
    );
    // Let a scheduled recompute refresh the percentiles and its re-emissions land.
    await new Promise((r) => setTimeout(r, 5000));
    await eventually('scores settled', async () => ((await caughtUp()) ? true : undefined));
    const authors = await scalar(t.rt, 'SELECT uniqExact(author_id) FROM authors');
    const posting = new Set(
      (
        await queryRows<{ author_id: string }>(t.rt.clickhouse, 'SELECT DISTINCT author_id FROM mentions')
      ).map((r) => r.author_id),
    );
    expect(authors).toBeGreaterThanOrEqual(posting.size);
  });

  it('ranks the planted influencers in the top 5 % of their communities', async () => {
    const rows = await queryRows<AuthorRow>(
      t.rt.clickhouse,
      'SELECT author_id, brand, is_brand, influence, trust, flags FROM authors FINAL ORDER BY brand, influence DESC',
    );
    const byBrand = new Map<string, AuthorRow[]>();
    for (const r of rows) byBrand.set(r.brand, [...(byBrand.get(r.brand) ?? []), r]);
    const ranks: string[] = [];
    let inTop = 0;
    let total = 0;
    for (const [brand, list] of byBrand) {
      list.forEach((r, i) => {
        if (roles.get(r.author_id) !== 'influencer') return;
        total++;
        if (i < Math.ceil(list.length * 0.05)) inTop++;
        ranks.push(`${brand}:${i + 1}/${list.length}`);
      });
    }
    console.log(`influencers: ${inTop}/${total} in the top 5 % (${ranks.join(', ')})`);
    expect(total).toBeGreaterThan(5);
    expect(inTop).toBe(total);
  });

  it('flags bots and spammers (precision ≥ 0.9, recall ≥ 0.8) and leaves customers alone (≤ 2 %)', async () => {
    const rows = await queryRows<{ author_id: string; flagged: number }>(
      t.rt.clickhouse,
      'SELECT author_id, max(length(flags) > 0) AS flagged FROM authors FINAL WHERE is_brand = 0 GROUP BY author_id',
    );
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let people = 0;
    for (const r of rows) {
      const role = roles.get(r.author_id);
      if (!role || role === 'brand') continue;
      const bad = role === 'bot' || role === 'spammer';
      if (!bad) people++;
      const flagged = Number(r.flagged) === 1;
      if (flagged && bad) tp++;
      else if (flagged) fp++;
      else if (bad) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const falseFlag = fp / people;
    console.log(
      `flags: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, false-flag rate ${(100 * falseFlag).toFixed(2)} % (${tp} bad accounts caught, ${fn} missed, ${fp} of ${people} people flagged)`,
    );
    expect(tp + fn).toBeGreaterThan(20);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(falseFlag).toBeLessThanOrEqual(0.02);
  });

  it('stamps trust and flags on later mentions, and gives raw and authentic volume side by side', async () => {
    expect(
      await scalar(t.rt, 'SELECT countIf(author_trust IS NOT NULL) FROM mentions FINAL'),
    ).toBeGreaterThan(0);
    const hours = await queryRows<{ volume: string; authentic_volume: string }>(
      t.rt.clickhouse,
      queries.brandHours(new Date('2000-01-01T00:00:00Z')),
    );
    const raw = hours.reduce((n, h) => n + Number(h.volume), 0);
    const authentic = hours.reduce((n, h) => n + Number(h.authentic_volume), 0);
    expect(raw).toBe(expected.total);
    expect(authentic).toBeLessThan(raw); // bots' and spammers' mentions after they were flagged
    const view = await queryRows<{ all_mentions: string; authentic: string }>(
      t.rt.clickhouse,
      queries.authenticVolume(new Date('2000-01-01T00:00:00Z')),
    );
    const viewRaw = view.reduce((n, r) => n + Number(r.all_mentions), 0);
    const viewAuthentic = view.reduce((n, r) => n + Number(r.authentic), 0);
    expect(viewRaw).toBe(expected.total);
    expect(viewAuthentic).toBeLessThanOrEqual(authentic); // today's flags cover every mention of the flagged
    const share = await queryRows<{ lateral_share: number }>(t.rt.clickhouse, queries.reachShare());
    expect(share.length).toBe(simulatorBrandConfigs().length);
    for (const s of share) expect(s.lateral_share).toBeGreaterThan(0.5); // customers carry most of the reach
  });

  it('explains an author: scores, components, flags and the interactions behind them', async () => {
    const [bot] = await queryRows<{ author_id: string }>(
      t.rt.clickhouse,
      "SELECT author_id FROM authors FINAL WHERE has(flags, 'likely_bot') LIMIT 1",
    );
    const report = await authorReport(t.rt, bot!.author_id, 5);
    expect(report).toContain(`Author ${bot!.author_id}`);
    expect(report).toMatch(/influence \d+(\.\d+)? \(percentile/);
    expect(report).toContain('likely_bot:');
    expect(report).toContain('Latest interactions');
  });
});
