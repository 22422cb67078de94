/**
 * Language priors on UMSAB val: the share of each language's tweets detected as another language, without
 * hints, with the platform's (correct) language hint, with a wrong hint (every tweet declared English / German),
 * and with the author's recent languages (the previous 5 tweets of the same corpus as the author's history).
 *   npx tsx processors/enrich/language/scripts/eval-priors.ts [dataDir] [--languages all|default]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadUmsab, umsabLanguageOf } from '../../sentiment/datasets.ts';
import { ELD_LANGUAGES, loadLanguageDetector, type LanguageHints } from '../detector.ts';

const args = process.argv.slice(2);
const dir = args[0] && !args[0].startsWith('--') ? args[0] : '../shared/data/sentiment/umsab';
const all = args.includes('all');
if (!existsSync(dir)) {
  console.log(`skip: ${dir} not found`);
  process.exit(0);
}
const defaults = ['nl', 'de', 'en', 'fr', 'es', 'it', 'pt'];
const languages = all ? [...ELD_LANGUAGES] : defaults;
const detector = await loadLanguageDetector({ languages });
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const variants: [string, (lang: string, i: number, history: string[]) => LanguageHints | undefined][] = [
  ['no hint', () => undefined],
  ['platform hint (correct)', (lang) => ({ sourceLang: lang })],
  ['platform hint "en" (wrong unless en)', () => ({ sourceLang: 'en' })],
  ['platform hint "de" (wrong unless de)', () => ({ sourceLang: 'de' })],
  ['author recent languages', (_l, _i, history) => ({ recentLangs: history.slice(-5) })],
];
console.log(
  `languages: ${all ? 'all eld' : defaults.join(',')}; share detected as another language (und counts)`,
);
console.log(
  `| | ${readdirSync(dir)
    .filter((d) => umsabLanguageOf(d) && defaults.includes(umsabLanguageOf(d)!))
    .sort()
    .join(' | ')} |`,
);
for (const [name, hintsFor] of variants) {
  const cells: string[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const lang = umsabLanguageOf(folder);
    if (!lang || !defaults.includes(lang)) continue;
    const items = loadUmsab(join(dir, folder), 'val');
    const history: string[] = [];
    let wrong = 0;
    items.forEach((x, i) => {
      const got = detector.detect(x.text, hintsFor(lang, i, history));
      if (got.lang !== lang) wrong++;
      if (got.lang !== 'und') history.push(got.lang);
    });
    cells.push(pct(wrong / items.length));
  }
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
