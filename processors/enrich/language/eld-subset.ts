/**
 * eld restricted to our languages by a smaller database, not by a filter. eld offers two ways to detect among
 * fewer languages (its README): `setLanguageSubset` still scores all 60 languages and then drops the others,
 * so it costs as much as no subset; a subset database holds only the chosen languages' n-grams, but eld
 * builds one only in a browser (`saveSubset` downloads a file) and loads it only from its own folder. This
 * builds that database in memory, the way `saveSubset` does, and hands it to eld's own detector: the kept
 * languages' scores are the same sums (the dropped languages are simply not added up), so detection gives the
 * same answers, in about a fifth less time.
 *
 * It reads two files eld does not export (src/languageDetector.js, src/ngrams/<size>.js, eld 2.x). When they
 * are not there (another eld layout), `loadEldSubset` returns null and the caller keeps the public entry.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EldInstance, EldLike } from './detector.ts';

export type EldSize = 'large' | 'medium' | 'small' | 'extrasmall';

/** eld's n-gram database format (src/ngrams/*.js): n-gram → language index → score. */
interface NgramsData {
  type: string;
  languages: Record<number, string>;
  ngrams: Record<string, Record<number, number>>;
}

interface EldInternals {
  createEld(): { instance: EldInstance; loadData(data: NgramsData): unknown };
}

/** eld's package folder, found like Node finds a package (eld's `exports` hides its files from resolve()). */
function eldFolder(): string | null {
  const paths = createRequire(import.meta.url).resolve.paths('eld') ?? [];
  for (const p of paths) {
    const dir = join(p, 'eld');
    if (existsSync(join(dir, 'src', 'languageDetector.js'))) return dir;
  }
  return null;
}

/**
 * The n-grams of `languages` only, re-indexed in eld's order (ties between languages are broken by that
 * order, so it must not change); null when none of `languages` is in the database.
 */
export function subsetDatabase(data: NgramsData, languages: readonly string[]): NgramsData | null {
  const keep = Object.keys(data.languages)
    .map(Number)
    .filter((i) => languages.includes(data.languages[i] as string))
    .sort((a, b) => a - b);
  if (keep.length === 0) return null;
  const subset: NgramsData = { type: data.type, languages: {}, ngrams: {} };
  // Old index → new index (-1: dropped); a plain loop, the database has ~100,000 n-grams.
  const size = Math.max(...Object.keys(data.languages).map(Number)) + 1;
  const renumber = new Int32Array(size).fill(-1);
  keep.forEach((old, i) => {
    renumber[old] = i;
    subset.languages[i] = data.languages[old] as string;
  });
  for (const ngram in data.ngrams) {
    const scores = data.ngrams[ngram] as Record<number, number>;
    let kept: Record<number, number> | undefined;
    // Integer keys iterate in ascending order, so the kept ones stay in eld's order.
    for (const key in scores) {
      const i = renumber[Number(key)] ?? -1;
      if (i >= 0) (kept ??= {})[i] = scores[key as unknown as number] as number;
    }
    if (kept !== undefined) subset.ngrams[ngram] = kept;
  }
  return subset;
}

/** An eld entry whose instances detect among `languages` only, from a subset database; null if unavailable. */
export async function loadEldSubset(size: EldSize, languages: readonly string[]): Promise<EldLike | null> {
  // Built once per size and languages: a build walks eld's whole database (a few hundred ms).
  const key = `${size}:${[...languages].sort().join(',')}`;
  let entry = entries.get(key);
  if (entry === undefined) {
    entry = buildEldSubset(size, languages);
    entries.set(key, entry);
  }
  return entry;
}

const entries = new Map<string, Promise<EldLike | null>>();

async function buildEldSubset(size: EldSize, languages: readonly string[]): Promise<EldLike | null> {
  const dir = eldFolder();
  if (dir === null) return null;
  const detectorFile = join(dir, 'src', 'languageDetector.js');
  const ngramsFile = join(dir, 'src', 'ngrams', `${size}.js`);
  if (!existsSync(ngramsFile)) return null;
  try {
    const internals = (await import(pathToFileURL(detectorFile).href)) as Partial<EldInternals>;
    const { ngramsData } = (await import(pathToFileURL(ngramsFile).href)) as { ngramsData?: NgramsData };
    if (typeof internals.createEld !== 'function' || !ngramsData?.ngrams || !ngramsData.languages)
      return null;
    const database = subsetDatabase(ngramsData, languages);
    if (database === null) return null;
    const createEld = internals.createEld;
    return {
      newInstance() {
        const { instance, loadData } = createEld();
        loadData(database);
        return instance;
      },
    };
  } catch {
    return null;
  }
}
