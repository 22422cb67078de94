/**
 * Chooses the lexicon model's long-text parameters (`longTextSentences`,
 * `edgeSentenceWeight`) and, per language, whether unknown words are looked
 * up by their Snowball stem (`snowballStems`) on the Pattern review *dev* halves by 2-fold
 * cross-validation, and reports the cross-validated accuracy: for each split
 * seed, every review file is halved; the grid point with the best mean
 * accuracy on one half is evaluated on the other half (and vice versa). The
 * last line is the grid point chosen on all dev reviews (what REVIEW_LEXICON_PARAMS
 * in lexicon-model.ts, the review scorer's parameters, is set to).
 *
 *   npx tsx processors/enrich/sentiment/scripts/tune-reviews.ts [reviewsDir] [--repeats 5]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPatternCsv } from '../datasets.ts';
import { binaryLabel } from '../evaluate.ts';
import { analyseSentiment, loadNeutralBands, type LexiconParams } from '../lexicon-model.ts';
import { mulberry32 } from '../trained-model.ts';

const args = process.argv.slice(2);
const dir = args[0] && !args[0].startsWith('--') ? args[0] : '/work/shared/data/sentiment/reviews';
const ri = args.indexOf('--repeats');
const repeats = ri >= 0 ? Number(args[ri + 1]) : 5;
if (!existsSync(dir)) {
  console.log(`skip: ${dir} not found`);
  process.exit(0);
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort();
const sets = files.map((f) => loadPatternCsv(join(dir, f)));
const base = loadNeutralBands().params ?? {};
const longGrid: Partial<LexiconParams>[] = [{ longTextSentences: 0, edgeSentenceWeight: 1 }];
for (const longTextSentences of [3, 4, 5])
  for (const edgeSentenceWeight of [1, 1.5, 2, 3]) longGrid.push({ longTextSentences, edgeSentenceWeight });
// Stemming in a language changes only that language's file, so each file is scored with stems off and on
// once, and every subset of the files' languages is a grid point.
const langs = sets.map((items) => items[0]?.lang ?? '');
const scored = longGrid.map((g) =>
  [false, true].map((stem) =>
    sets.map((items, f) =>
      items.map((x) => {
        const params = { ...base, ...g, snowballStems: stem ? [langs[f] as string] : [] };
        return binaryLabel(analyseSentiment(x.text, x.lang, { params }).score) === x.label;
      }),
    ),
  ),
);
const grid: Partial<LexiconParams>[] = [];
const correct: boolean[][][] = [];
for (let mask = 0; mask < 1 << langs.length; mask++) {
  const stems = langs.filter((_, f) => mask & (1 << f));
  longGrid.forEach((g, n) => {
    grid.push({ ...g, snowballStems: stems });
    correct.push(sets.map((_, f) => scored[n]?.[mask & (1 << f) ? 1 : 0]?.[f] ?? []));
  });
}
const meanAcc = (g: number, member: (file: number, item: number) => boolean) => {
  let sum = 0;
  sets.forEach((items, f) => {
    let ok = 0;
    let n = 0;
    items.forEach((_, i) => {
      if (!member(f, i)) return;
      n++;
      if (correct[g]?.[f]?.[i]) ok++;
    });
    sum += n ? ok / n : 0;
  });
  return sum / sets.length;
};
const best = (member: (file: number, item: number) => boolean) => {
  let b = 0;
  for (let g = 1; g < grid.length; g++) if (meanAcc(g, member) > meanAcc(b, member) + 1e-9) b = g;
  return b;
};

const pct = (x: number) => (100 * x).toFixed(1);
const cv = sets.map(() => [] as number[]);
const chosen: string[] = [];
for (let r = 0; r < repeats; r++) {
  const rand = mulberry32(1000 + r);
  const fold = sets.map((items) => items.map(() => (rand() < 0.5 ? 0 : 1)));
  const okPerFile = sets.map(() => 0);
  for (const f of [0, 1]) {
    const g = best((file, i) => fold[file]?.[i] !== f);
    chosen.push(JSON.stringify(grid[g]));
    sets.forEach((items, file) =>
      items.forEach((_, i) => {
        if (fold[file]?.[i] === f && correct[g]?.[file]?.[i]) okPerFile[file] = (okPerFile[file] ?? 0) + 1;
      }),
    );
  }
  sets.forEach((items, file) => cv[file]?.push((okPerFile[file] ?? 0) / items.length));
}
console.log(`2-fold CV, ${repeats} split seeds (choices per fold: ${[...new Set(chosen)].join(' ')})`);
files.forEach((f, i) => {
  const accs = cv[i] ?? [];
  const base0 = meanAcc(0, (file) => file === i) * sets.length;
  console.log(
    `  ${f.padEnd(22)} cv acc ${pct(accs.reduce((a, b) => a + b, 0) / accs.length)}  (without long-text handling ${pct(base0)}; per seed ${accs.map(pct).join(' ')})`,
  );
});
const all = best(() => true);
console.log(`chosen on all dev reviews: ${JSON.stringify(grid[all])}`);
