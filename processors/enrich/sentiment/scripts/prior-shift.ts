/**
 * Effect of the stream-prior adjustment (prior-shift.ts) on UMSAB val tweets re-sampled to a neutral-heavy mix
 * (20/65/15 % negative/neutral/positive, like public brand-tweet corpora) and to a balanced one (33/33/33).
 * Per language, a stream is a random order of a re-sampled set; the adjustment runs online as in the pipeline
 * (sliding window of 500, no adjustment for the first 100 messages), averaged over seeds.
 *   npx tsx processors/enrich/sentiment/scripts/prior-shift.ts [umsabDir] [--seeds 10] [--model path] [--uniform]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadUmsab } from '../datasets.ts';
import { loadDefaultSentimentModel } from '../default-model.ts';
import { evaluate } from '../evaluate.ts';
import {
  adjustPosterior,
  estimatePriors,
  loadReferencePriors,
  resultOf,
  StreamPriors,
} from '../prior-shift.ts';
import { loadSentimentModel, mulberry32 } from '../trained-model.ts';
import { labelIndex, type SentimentLabel } from '../types.ts';
import { args, dataDir, opt } from './args.ts';

const dir = dataDir('../shared/data/sentiment/umsab');
const seeds = Number(opt('--seeds') ?? 10);
const scorer = opt('--model') ? loadSentimentModel(opt('--model')!) : loadDefaultSentimentModel()!;
const reference = args.includes('--uniform') ? null : loadReferencePriors(scorer.model);
console.log(
  reference ? 'reference priors: models/umsab-default.reference-priors.json' : 'reference priors: uniform',
);
const LANGS: [string, string][] = [
  ['english', 'en'],
  ['german', 'de'],
  ['french', 'fr'],
  ['spanish', 'es'],
  ['italian', 'it'],
  ['portuguese', 'pt'],
];
const MIXES: [string, number[]][] = [
  ['20/65/15', [0.2, 0.65, 0.15]],
  ['33/33/33', [1 / 3, 1 / 3, 1 / 3]],
];
const pct = (x: number) => (100 * x).toFixed(1);

/** Expected calibration error of max-probability confidence (10 bins). */
function ece(conf: number[], correct: boolean[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, c: 0, a: 0 }));
  conf.forEach((c, i) => {
    const b = bins[Math.min(9, Math.floor(c * 10))]!;
    b.n++;
    b.c += c;
    b.a += correct[i] ? 1 : 0;
  });
  return bins.reduce((s, b) => s + (b.n ? (b.n / conf.length) * Math.abs(b.c / b.n - b.a / b.n) : 0), 0);
}

console.log(`model ${scorer.model}; ${seeds} seeds; accuracy / macro-F1 / ECE, mean over seeds`);
console.log(
  '| mix | lang | n | always neutral acc | without: acc | F1 | ECE | online: acc | F1 | ECE | steady state: acc | F1 |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [mixName, mix] of MIXES) {
  const total = { base: [0, 0, 0], adj: [0, 0, 0], batch: [0, 0], neutral: 0, runs: 0 };
  for (const [folder, lang] of LANGS) {
    const path = join(dir, folder);
    if (!existsSync(path)) continue;
    const items = loadUmsab(path, 'val').map((x) => ({ ...x, p: [...scorer.probabilities(x.text, lang)] }));
    const byClass = [0, 1, 2].map((k) => items.filter((x) => labelIndex(x.label) === k));
    // the largest set with this mix that the val split can give without repeating a tweet
    const n = Math.floor(Math.min(...byClass.map((c, k) => c.length / mix[k]!)));
    const acc = { base: [0, 0, 0], adj: [0, 0, 0], batch: [0, 0], neutral: 0 };
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = mulberry32(seed * 7919 + lang.charCodeAt(0));
      const shuffle = <T>(a: T[]) => {
        for (let i = a.length - 1; i > 0; i--) {
          const j = Math.floor(rng() * (i + 1));
          [a[i], a[j]] = [a[j]!, a[i]!];
        }
        return a;
      };
      const stream = shuffle(byClass.flatMap((c, k) => shuffle([...c]).slice(0, Math.round(n * mix[k]!))));
      const ref = reference?.[lang] ?? reference?.['*'];
      const priors = new StreamPriors(ref ? { referencePriors: ref } : {});
      const gold: SentimentLabel[] = [];
      const base: SentimentLabel[] = [];
      const adj: SentimentLabel[] = [];
      const cb: number[] = [];
      const ca: number[] = [];
      for (const x of stream) {
        const r0 = resultOf(x.p);
        const r1 = resultOf(priors.observe(`brand|${lang}`, x.p).probabilities);
        gold.push(x.label);
        base.push(r0.label);
        adj.push(r1.label);
        cb.push(r0.confidence);
        ca.push(r1.confidence);
      }
      // steady state: the priors of a full window (here the whole stream) applied to every message
      const uniform = [1 / 3, 1 / 3, 1 / 3];
      const q = estimatePriors(
        stream.map((x) => x.p),
        uniform,
      );
      const steady = stream.map((x) => resultOf(adjustPosterior(x.p, ref ?? uniform, q)).label);
      const ms = evaluate(steady, gold, ['negative', 'neutral', 'positive']);
      acc.batch[0]! += ms.accuracy;
      acc.batch[1]! += ms.macroF1;
      const mb = evaluate(base, gold, ['negative', 'neutral', 'positive']);
      const ma = evaluate(adj, gold, ['negative', 'neutral', 'positive']);
      acc.base[0]! += mb.accuracy;
      acc.base[1]! += mb.macroF1;
      acc.base[2]! += ece(
        cb,
        base.map((l, i) => l === gold[i]),
      );
      acc.adj[0]! += ma.accuracy;
      acc.adj[1]! += ma.macroF1;
      acc.adj[2]! += ece(
        ca,
        adj.map((l, i) => l === gold[i]),
      );
      acc.neutral += gold.filter((g) => g === 'neutral').length / gold.length;
    }
    const m = (v: number) => pct(v / seeds);
    console.log(
      `| ${mixName} | ${lang} | ${n} | ${m(acc.neutral)} | ${m(acc.base[0]!)} | ${m(acc.base[1]!)} | ${m(acc.base[2]!)} | ${m(acc.adj[0]!)} | ${m(acc.adj[1]!)} | ${m(acc.adj[2]!)} | ${m(acc.batch[0]!)} | ${m(acc.batch[1]!)} |`,
    );
    for (let k = 0; k < 3; k++) {
      total.base[k]! += acc.base[k]! / seeds;
      total.adj[k]! += acc.adj[k]! / seeds;
    }
    total.neutral += acc.neutral / seeds;
    total.batch[0]! += acc.batch[0]! / seeds;
    total.batch[1]! += acc.batch[1]! / seeds;
    total.runs++;
  }
  const t = (v: number) => pct(v / total.runs);
  console.log(
    `| ${mixName} | mean | | ${t(total.neutral)} | ${t(total.base[0]!)} | ${t(total.base[1]!)} | ${t(total.base[2]!)} | ${t(total.adj[0]!)} | ${t(total.adj[1]!)} | ${t(total.adj[2]!)} | ${t(total.batch[0]!)} | ${t(total.batch[1]!)} |`,
  );
}
