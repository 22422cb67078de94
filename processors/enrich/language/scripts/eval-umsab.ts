/**
 * Language-detection accuracy on the UMSAB tweets (folder name = language).
 *   npx tsx processors/enrich/language/scripts/eval-umsab.ts [dataDir] [--split val|train] [--size medium]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadUmsab, umsabLanguageOf } from '../../sentiment/datasets.ts';
import { loadLanguageDetector } from '../detector.ts';
import { evaluateLanguageDetection, formatLanguageReport, type LanguageSample } from '../evaluate.ts';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? def) : def;
};
const dir = args[0] && !args[0].startsWith('--') ? args[0] : '/work/shared/data/sentiment/umsab';
const split = opt('--split', 'val');
const size = opt('--size', 'medium') as 'large' | 'medium' | 'small' | 'extrasmall';
if (!existsSync(dir)) {
  console.log(`skip: ${dir} not found`);
  process.exit(0);
}
const languages = ['nl', 'de', 'en', 'fr', 'es', 'it', 'pt'];
const samples: LanguageSample[] = [];
for (const name of readdirSync(dir).sort()) {
  const lang = umsabLanguageOf(name);
  if (!lang || !languages.includes(lang)) continue;
  for (const s of loadUmsab(join(dir, name), split)) samples.push({ text: s.text, lang });
}
const strict = await loadLanguageDetector({ languages, size });
console.log(
  formatLanguageReport(
    `eld-${size} ${split}, strict (unreliable → und)`,
    evaluateLanguageDetection(strict, samples),
  ),
);
const guess = await loadLanguageDetector({ languages, size, acceptUnreliableAbove: 0 });
console.log(
  formatLanguageReport(
    `eld-${size} ${split}, best guess (unreliable accepted)`,
    evaluateLanguageDetection(guess, samples),
  ),
);
const hinted = samples.map((s) => ({ ...s, hints: { sourceLang: s.lang } }));
console.log(
  formatLanguageReport(
    `eld-${size} ${split}, with a correct sourceLang hint`,
    evaluateLanguageDetection(strict, hinted),
  ),
);
