import seedrandom from 'seedrandom';
import { HARD_LIST_MAX } from '../../platforms/shared/bounds.ts';

/**
 * Seeded structural mutations of JSON payloads: what a broken, hostile or simply unusual platform could send.
 * The same seed gives the same cases, so a failure is reproduced by its seed and case number.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rng = () => number;

export const MUTATIONS = [
  'delete',
  'typeSwap',
  'hugeString',
  'hugeArray',
  'deepNesting',
  'loneSurrogate',
  'nul',
  'prototypeKey',
  'numberRange',
  'dateRange',
  'emptyString',
  'envelope',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** Patterns that have made text handling super-linear somewhere: unclosed tags, runs of punctuation, … */
const HUGE_UNITS = [
  '<',
  '<a ',
  '<<>',
  '!',
  '!!!?',
  '&amp;',
  '&#',
  '@',
  '#',
  'a',
  'kettlebrew ',
  'lumora ',
  'not ',
  'very ',
  'sooo',
  '😡',
  '👍🏽',
  ':)',
  'http://x.example/',
  '"',
  ' ',
  '\n',
  '\u0301',
  '\ud800',
  '\u0000',
  'ß',
  '中',
  '-',
  '.',
  '*',
];

const NUMBERS = [
  -1,
  -0.5,
  0.5,
  1.5,
  2 ** 31,
  2 ** 32,
  2 ** 32 + 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
];

const DATES: Json[] = [
  '1900-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '2106-02-07T06:28:16Z',
  '2200-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '0000-00-00',
  '0000-00-00 00:00:00',
  '2026-13-45T99:99:99Z',
  '2026-02-30T10:00:00Z',
  '2026-03-05',
  '2026-03-05T10:00:00',
  'Tue, 05 Mar 2126 10:00:00 GMT',
  'yesterday',
  '',
  -1,
  0,
  253402300800,
  4294967296,
  1e15,
  1e21,
  -62135596800,
];

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

interface Slot {
  parent: Json[] | { [key: string]: Json } | null;
  key: string | number;
  value: Json;
  depth: number;
}

/** Every position in the tree (root included), up to a bound, so huge inputs stay cheap to mutate again. */
function slots(root: Json, limit = 2000): Slot[] {
  const out: Slot[] = [{ parent: null, key: '', value: root, depth: 0 }];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const { value, depth } = out[i]!;
    if (depth > 40) continue;
    if (Array.isArray(value)) {
      value.slice(0, 200).forEach((v, k) => out.push({ parent: value, key: k, value: v, depth: depth + 1 }));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value).slice(0, 200)) {
        out.push({ parent: value, key: k, value: v, depth: depth + 1 });
      }
    }
  }
  return out;
}

function setSlot(root: { value: Json }, slot: Slot, value: Json): void {
  if (slot.parent === null) root.value = value;
  else if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  // defineProperty: a plain assignment to `__proto__` would change the prototype instead of adding a key.
  else
    Object.defineProperty(slot.parent, slot.key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

function hugeString(rng: Rng): string {
  const unit = pick(rng, HUGE_UNITS);
  const size = pick(rng, [1_000, 20_000, 60_000, 99_000, 101_000, 130_000]);
  let s = unit.repeat(Math.ceil(size / unit.length));
  if (rng() < 0.3) {
    // Another pattern sprinkled in, at a few places.
    const other = pick(rng, HUGE_UNITS);
    for (let k = 0; k < 20; k++) s = insertAt(rng, s, other);
  }
  return rng() < 0.5 ? `kettlebrew lumora ${s}` : s;
}

function insertAt(rng: Rng, s: string, piece: string): string {
  const i = int(rng, 0, s.length);
  return s.slice(0, i) + piece + s.slice(i);
}

function randomScalar(rng: Rng): Json {
  return pick<Json>(rng, [
    null,
    true,
    false,
    0,
    -1,
    1.5,
    '',
    'x',
    [],
    {},
    [null],
    { a: 1 },
    '0',
    'null',
    'true',
  ]);
}

function swapType(rng: Rng, v: Json): Json {
  for (let i = 0; i < 5; i++) {
    const r = randomScalar(rng);
    if (typeof r !== typeof v || Array.isArray(r) !== Array.isArray(v)) return r;
  }
  return typeof v === 'string' ? 0 : 'x';
}

function deep(rng: Rng, inner: Json): Json {
  const depth = pick(rng, [100, 1_000, 2_000]);
  const asArray = rng() < 0.5;
  let v: Json = inner;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

const isDateKey = (key: string | number) =>
  typeof key === 'string' && /(date|time|_at|At$|updated|published|created|modified|time_us|_i$)/i.test(key);

/** Applies one mutation in place (returning the new root); `envelope` mutates the envelope's own fields. */
export function mutate(rng: Rng, envelope: Record<string, Json>, kind: Mutation): Record<string, Json> {
  if (kind === 'envelope') {
    const field = pick(rng, ['source', 'fetchedAt', 'origin', 'sourceId', 'sourceCursor', 'payload']);
    const value =
      field === 'fetchedAt'
        ? pick(rng, DATES)
        : field === 'source'
          ? pick(rng, ['simulator', 'mastodon', 'rss', 'reddit', 'lemmy', 'nope', '', 'A B', 'import'])
          : field === 'origin'
            ? pick(rng, ['', 'not a url', 'javascript:alert(1)', 'https://', 'https://x'.padEnd(5000, 'x')])
            : randomScalar(rng);
    if (rng() < 0.2) delete envelope[field];
    else envelope[field] = value;
    return envelope;
  }
  const root = { value: envelope.payload ?? null };
  const all = slots(root.value).filter((s) => s.parent !== null || kind === 'typeSwap');
  if (all.length === 0) return envelope;
  const preferred =
    kind === 'dateRange'
      ? all.filter((s) => isDateKey(s.key))
      : kind === 'numberRange'
        ? all.filter((s) => typeof s.value === 'number')
        : kind === 'loneSurrogate' || kind === 'nul' || kind === 'emptyString' || kind === 'hugeString'
          ? all.filter((s) => typeof s.value === 'string')
          : kind === 'prototypeKey'
            ? all.filter((s) => s.value !== null && typeof s.value === 'object' && !Array.isArray(s.value))
            : all;
  const slot = pick(rng, preferred.length > 0 ? preferred : all);
  switch (kind) {
    case 'delete':
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else if (slot.parent) delete slot.parent[slot.key as string];
      break;
    case 'typeSwap':
      setSlot(root, slot, swapType(rng, slot.value));
      break;
    case 'hugeString':
      setSlot(root, slot, hugeString(rng));
      break;
    case 'hugeArray': {
      // Just under the normaliser's hard list limit (the most a payload may cost), and far beyond it.
      const n = pick(rng, [1_001, HARD_LIST_MAX - 1, 10_000, 50_000]);
      const item = pick<Json>(rng, ['kettlebrew', '#x', '@a', 'https://x.example', { a: 1 }, 1, null]);
      // Distinct elements: a later mutation of one must not grow all of them.
      const make = (): Json => (item !== null && typeof item === 'object' ? { a: 1 } : item);
      setSlot(root, slot, Array.from({ length: n }, make));
      break;
    }
    case 'deepNesting':
      setSlot(root, slot, deep(rng, slot.value));
      break;
    case 'loneSurrogate':
    case 'nul': {
      const piece =
        kind === 'nul'
          ? '\u0000'
          : pick(rng, ['\ud83d', '\ude00', '\udfff\ud800', 'x \ud83d', '\ud800\ud800']);
      const s = typeof slot.value === 'string' ? slot.value : String(slot.value);
      setSlot(root, slot, rng() < 0.3 ? s + piece : insertAt(rng, s, piece));
      break;
    }
    case 'emptyString':
      setSlot(root, slot, pick(rng, ['', ' ', '\t\n', '\u200b', '\ufeff']));
      break;
    case 'prototypeKey': {
      const isObject = slot.value !== null && typeof slot.value === 'object' && !Array.isArray(slot.value);
      const target = isObject ? (slot.value as { [key: string]: Json }) : {};
      if (!isObject) setSlot(root, slot, target);
      const key = pick(rng, PROTOTYPE_KEYS);
      const value = pick<Json>(rng, [{ polluted: true }, 'x', null, 1, []]);
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      break;
    }
    case 'numberRange':
      setSlot(root, slot, pick(rng, NUMBERS));
      break;
    case 'dateRange':
      setSlot(root, slot, pick(rng, DATES));
      break;
  }
  envelope.payload = root.value;
  return envelope;
}

const HUGE = new Set<Mutation>(['hugeString', 'hugeArray', 'deepNesting']);
const CHEAP = MUTATIONS.filter((m) => !HUGE.has(m) && m !== 'envelope');

export interface FuzzCase {
  index: number;
  /** Source of the seed it was mutated from. */
  seedSource: string;
  mutations: Mutation[];
  /** The message value as the normalize processor reads it from `lateral.raw.v1`. */
  value: Buffer;
}

/** Case `index` of a run: a seed envelope with one to three mutations, serialised as the raw topic holds it. */
export function fuzzCase(seed: string, index: number, seeds: readonly unknown[]): FuzzCase {
  const rng = seedrandom(`${seed}:${index}`);
  const base = seeds[index % seeds.length] as Record<string, Json>;
  let envelope = structuredClone(base);
  const count = rng() < 0.6 ? 1 : int(rng, 2, 3);
  const mutations: Mutation[] = [];
  for (let i = 0; i < count; i++) {
    // The envelope is mutated rarely: most cases should reach the normaliser.
    let kind: Mutation = rng() < 0.05 ? 'envelope' : pick(rng, MUTATIONS.slice(0, -1));
    // Half as often as the others: they dominate the run time, and a few hundred per run cover them.
    if (HUGE.has(kind) && rng() < 0.5) kind = pick(rng, CHEAP);
    // Nesting twice could exceed what JSON.stringify itself can write.
    if (kind === 'deepNesting' && mutations.includes(kind)) kind = 'typeSwap';
    mutations.push(kind);
    envelope = mutate(rng, envelope, kind);
  }
  let text = JSON.stringify(envelope);
  // A few cases are not JSON at all, or not UTF-8: the decode step must dead-letter them.
  const r = rng();
  if (r < 0.005) text = text.slice(0, int(rng, 0, text.length - 1));
  let value = Buffer.from(text, 'utf8');
  if (r >= 0.005 && r < 0.01) value = Buffer.concat([value.subarray(0, 20), Buffer.from([0xff, 0xfe, 0xc3])]);
  return { index, seedSource: String(base.source), mutations, value };
}
