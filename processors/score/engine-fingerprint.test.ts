import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from './decay.ts';
import { ScoringEngine } from './engine.ts';
import type { ScoringInteraction, ScoringPost } from './inputs.ts';
import type { ScoringOptions } from './options.ts';

/**
 * Pins everything the engine hands out (scores, percentiles, trust, flags, signals, member lists, changed sets,
 * recompute reports and checkpoint bytes) on a seeded synthetic workload, so a change to how the state is kept
 * in memory is checked to give the same answers bit for bit. The workload reaches the corners: community
 * eviction, top-k edge replacement, out-of-order and repeated events, own and cross-account duplicates,
 * synchronised reposts, reviews, profile changes, erasure, idle eviction and restores (also of checkpoints
 * written with another sketch precision and more edges than the engine keeps).
 */

const T0 = Date.UTC(2026, 4, 4, 8);
const BRANDS = Array.from({ length: 7 }, (_, i) => `brand${i}`);
const KINDS: ScoringInteraction['kind'][] = ['reply', 'repost', 'quote', 'mention', 'review_reply'];
const TEMPLATES = [
  'Buy now cheap followers at http://spam.example/x{n} best offer today only',
  'The kettle from {b} stopped working after {n} days and support never answered me',
  'Honest review of the {b} blender: quiet, fast, easy to clean, worth the price {n}',
  'thanks!',
  'Is the {b} warranty valid in Spain? Asking for my mother, order {n}',
];

class Fingerprint {
  private readonly hash = createHash('sha256');
  add(label: string, value: unknown) {
    this.hash.update(label);
    this.hash.update(
      JSON.stringify(value, (_, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? `#${String(v)}` : Object.is(v, -0) ? '#-0' : v,
      ),
    );
  }
  bytes(label: string, b: Buffer | undefined) {
    this.hash.update(label);
    this.hash.update(b ?? Buffer.from('none'));
  }
  digest(): string {
    return this.hash.digest('hex').slice(0, 32);
  }
}

function workload(seed: string, authors: number, events: number) {
  const rng = seedrandom.alea(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const author = () => `a${Math.floor(authors * rng() ** 2)}`;
  const posts: ScoringPost[] = [];
  const interactions: ScoringInteraction[] = [];
  const out: (ScoringPost | ScoringInteraction)[] = [];
  let t = T0;
  for (let i = 0; i < events; i++) {
    t += Math.floor(rng() * 90_000);
    // Some events arrive late (out of order) and some twice.
    const at = rng() < 0.1 ? t - Math.floor(rng() * 3 * DAY_MS) : t;
    if (rng() < 0.03 && out.length > 0) {
      out.push(pick(out));
      continue;
    }
    if (rng() < 0.45) {
      const brands = rng() < 0.1 ? [] : rng() < 0.2 ? [pick(BRANDS), pick(BRANDS)] : [pick(BRANDS)];
      const text = pick(TEMPLATES)
        .replace('{b}', brands[0] ?? 'x')
        .replace('{n}', String(rng() < 0.5 ? 1 : Math.floor(rng() * 100)));
      const p: ScoringPost = {
        postId: `p${i}`,
        authorId: author(),
        brands,
        text,
        createdAt: rng() < 0.5 ? at : new Date(at).toISOString(),
        ...(rng() < 0.15 ? { isRepost: true } : {}),
        ...(rng() < 0.1 ? { links: Math.floor(rng() * 3) } : {}),
        ...(rng() < 0.08 ? { review: { rating: 1 + Math.floor(rng() * 5), maxRating: 5 } } : {}),
      };
      if (rng() < 0.7)
        p.profile = {
          followers: Math.floor(10 * Math.exp(5 * rng())),
          following: rng() < 0.1 ? 5000 : Math.floor(300 * rng()),
          ...(rng() < 0.7 ? { createdAt: T0 - Math.floor(rng() * 600) * DAY_MS } : {}),
          ...(rng() < 0.1 ? { bot: rng() < 0.7 } : {}),
          ...(rng() < 0.02 ? { isBrand: true } : {}),
          ...(rng() < 0.3 ? { listed: Math.floor(rng() * 20) } : {}),
        };
      posts.push(p);
      out.push(p);
    } else {
      const from = rng() < 0.05 ? 'hyper' : author();
      const target = Math.floor(rng() * Math.max(1, posts.length));
      const x: ScoringInteraction = {
        ...(rng() < 0.5 ? { id: `i${i}` } : {}),
        from,
        to: rng() < 0.02 ? from : author(),
        kind: pick(KINDS),
        brand: pick(BRANDS),
        ...(rng() < 0.8 ? { targetPostId: `p${target}`, postId: `r${i}` } : {}),
        at: rng() < 0.3 ? new Date(at).toISOString() : at,
      };
      // Synchronised reposts: another account reposting the same post seconds later.
      if (x.kind === 'repost' && x.targetPostId && rng() < 0.3) {
        out.push(x);
        out.push({ ...x, id: `s${i}`, from: author(), at: eventTime(x.at) + Math.floor(rng() * 8000) });
        continue;
      }
      interactions.push(x);
      out.push(x);
    }
  }
  return out;
}

const eventTime = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at));

function feed(engine: ScoringEngine, events: (ScoringPost | ScoringInteraction)[]) {
  for (const e of events) {
    if ('postId' in e && 'authorId' in e) engine.ingestPost(e);
    else engine.ingestInteraction(e as ScoringInteraction);
  }
}

function observe(fp: Fingerprint, label: string, engine: ScoringEngine) {
  fp.add(`${label}:count`, engine.authorCount);
  fp.add(`${label}:now`, engine.now);
  fp.add(`${label}:changed`, engine.takeChanged());
  const ids = [...engine.authorIds()];
  fp.add(`${label}:ids`, ids);
  for (const id of ids) {
    fp.add(`${label}:brands:${id}`, engine.brandsOf(id));
    fp.add(`${label}:trust:${id}`, engine.trustOf(id));
    fp.add(`${label}:flags:${id}`, engine.flagsOf(id));
    fp.add(`${label}:signals:${id}`, engine.signalsOf(id));
    fp.add(`${label}:isBrand:${id}`, engine.isBrand(id));
    fp.bytes(`${label}:snapshot:${id}`, engine.snapshot(id));
  }
  fp.add(`${label}:scores`, [...engine.scores()]);
  fp.add(`${label}:unknown`, [engine.trustOf('nobody'), engine.score('nobody', 'brand0') ?? null]);
}

function run(options: Partial<ScoringOptions>, seed: string): string {
  const fp = new Fingerprint();
  const events = workload(seed, 300, 6000);
  const engine = new ScoringEngine(options);
  feed(engine, events.slice(0, 3000));
  observe(fp, 'half', engine);
  fp.add('recompute', engine.recompute());
  feed(engine, events.slice(3000, 4500));

  // Erasure removes authors and the edges they left elsewhere; idle authors are evicted.
  const erased = new Set(['a1', 'a7', 'a20', 'hyper']);
  fp.add(
    'erase',
    engine.eraseAuthors((id) => erased.has(id)),
  );
  fp.add('forget', [engine.forget('a3'), engine.forget('never-seen')]);
  fp.add('evict', engine.evictIdle(engine.now - 2 * DAY_MS));
  observe(fp, 'erased', engine);

  // A restarted engine rebuilt from the checkpoints continues identically.
  const restarted = new ScoringEngine(options);
  for (const id of engine.authorIds()) restarted.restore(engine.snapshot(id)!);
  // Restoring over a known author replaces it in place.
  const first = [...engine.authorIds()].slice(0, 5);
  for (const id of first) fp.add('restore', restarted.restore(engine.snapshot(id)!));
  fp.add('recompute-restarted', restarted.recompute());
  feed(restarted, events.slice(4500));
  feed(engine, events.slice(4500));
  observe(fp, 'restarted', restarted);
  observe(fp, 'continued', engine);

  // Checkpoints from an engine with another sketch precision and more kept edges restore and keep working.
  const other = new ScoringEngine({ ...options, reactorPrecision: 7, maxInEdges: 12, maxBrandsPerAuthor: 8 });
  feed(other, events.slice(0, 2500));
  const mixed = new ScoringEngine(options);
  for (const id of other.authorIds()) mixed.restore(other.snapshot(id)!);
  feed(mixed, events.slice(2500, 4000));
  observe(fp, 'mixed', mixed);
  return fp.digest();
}

describe('engine output fingerprint', () => {
  it('is unchanged with default options', () => {
    expect(run({}, 'fingerprint-default')).toBe('c544479d8aa4bb8d2d832baa565caa50');
  }, 120_000);

  it('is unchanged with tight bounds (community eviction, top-k edges, periodic recompute)', () => {
    expect(
      run(
        {
          maxBrandsPerAuthor: 3,
          maxInEdges: 3,
          reactorPrecision: 5,
          recomputeEveryMs: 6 * 3_600_000,
          dedupeCapacity: 500,
          repostIndexCapacity: 200,
          duplicateIndexCapacity: 300,
          crossDuplicateBands: 4,
        },
        'fingerprint-tight',
      ),
    ).toBe('9fb57900b9a6d8f7a5d703c57626845a');
  }, 120_000);
});
