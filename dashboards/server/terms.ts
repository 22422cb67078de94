import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const stopwordLists = require('stopwords-iso') as Record<string, string[]>;

/** Function words of the languages the pipeline detects, and web noise; never a "rising term". */
const STOP = new Set<string>([
  ...['nl', 'de', 'en', 'fr', 'es', 'it', 'pt'].flatMap((l) => stopwordLists[l] ?? []),
  ...['https', 'http', 'www', 'com', 'amp'],
]);

export interface TermCount {
  term: string;
  current: number | string;
  previous: number | string;
}

export interface RisingTerm {
  term: string;
  current: number;
  previous: number;
  /** Current count over the previous one, smoothed (+1 each), so a new word does not divide by zero. */
  ratio: number;
}

/**
 * Ranks words that rose from the previous window to the current one (same length), leaving out stop words and
 * the brand's own names, which are in every mention.
 */
export function risingTerms(rows: TermCount[], exclude: string[], limit = 12): RisingTerm[] {
  const skip = new Set(exclude.map((w) => w.toLowerCase()));
  return rows
    .map((r) => ({ term: r.term, current: Number(r.current), previous: Number(r.previous) }))
    .filter((r) => !STOP.has(r.term) && !skip.has(r.term) && r.current > r.previous)
    .map((r) => ({ ...r, ratio: Math.round(((r.current + 1) / (r.previous + 1)) * 100) / 100 }))
    .sort((a, b) => b.current - b.previous - (a.current - a.previous) || b.ratio - a.ratio)
    .slice(0, limit);
}
