import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthorScore } from '../../schema/author-score.ts';
import { DAY_MS } from './decay.ts';
import { ScoringEngine } from './engine.ts';
import type { ScoringInteraction, ScoringPost } from './inputs.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const person = { followers: 300, following: 200, createdAt: '2019-01-01T00:00:00.000Z' };
const botProfile = {
  followers: 3,
  following: 3000,
  createdAt: new Date(T0 - 5 * DAY_MS).toISOString(),
  bot: true,
};

function post(
  id: number,
  authorId: string,
  at: number,
  text: string,
  extra: Partial<ScoringPost> = {},
): ScoringPost {
  return { postId: `t:${id}`, authorId, brands: ['acme'], text, createdAt: at, profile: person, ...extra };
}

/** A small community: `star` is answered and reposted by many people; `quiet` by one. */
function community(): { posts: ScoringPost[]; interactions: ScoringInteraction[] } {
  const posts: ScoringPost[] = [];
  const interactions: ScoringInteraction[] = [];
  let id = 0;
  posts.push(post(id++, 'star', T0, 'My honest review of the Acme kettle after a month of daily use'));
  posts.push(
    post(id++, 'quiet', T0 + 1000, 'Does anyone know whether the Acme kettle has a warranty in Spain?'),
  );
  for (let i = 0; i < 30; i++) {
    const at = T0 + 60_000 * (i + 1);
    posts.push(post(id++, `fan${i}`, at, `Great point about the kettle, number ${i} agrees with you here`));
    interactions.push({
      from: `fan${i}`,
      to: 'star',
      kind: i % 3 === 0 ? 'repost' : 'reply',
      brand: 'acme',
      at,
    });
  }
  interactions.push({ from: 'fan0', to: 'quiet', kind: 'reply', brand: 'acme', at: T0 + 3_600_000 });
  return { posts, interactions };
}

function feed(engine: ScoringEngine, input: ReturnType<typeof community>) {
  for (const p of input.posts) engine.ingestPost(p);
  for (const i of input.interactions) engine.ingestInteraction(i);
}

afterEach(() => vi.useRealTimers());

describe('ScoringEngine', () => {
  it('produces AuthorScore records that validate, with components and flags', () => {
    const engine = new ScoringEngine();
    feed(engine, community());
    const star = engine.score('star', 'acme')!;
    expect(AuthorScore.parse(star)).toEqual(star);
    expect(star.influence).toBeGreaterThan(95);
    expect(star.components.influence.repliesReceived).toBeGreaterThan(15);
    expect(star.components.influence.uniqueReactors).toBeGreaterThan(20);
    expect(star.flags).toEqual([]);
    expect(engine.score('quiet', 'acme')!.influence).toBeLessThan(star.influence);
    expect(engine.score('star', 'other-brand')).toBeUndefined();
    expect(star.updatedAt).toBe(new Date(T0 + 3_600_000).toISOString());
  });

  it('takes time from the events only: the wall clock does not change a replay', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const a = new ScoringEngine();
    feed(a, community());
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const b = new ScoringEngine();
    feed(b, community());
    expect([...b.scores()]).toEqual([...a.scores()]);
  });

  it('counts a redelivered post or interaction once (at-least-once input)', () => {
    const once = new ScoringEngine();
    feed(once, community());
    const twice = new ScoringEngine();
    feed(twice, community());
    feed(twice, community());
    expect([...twice.scores()]).toEqual([...once.scores()]);
  });

  it('weights reactions by the reactor’s trust: bot reposts count less than people’s', () => {
    const engine = new ScoringEngine();
    let id = 0;
    for (const [target, reactorProfile] of [
      ['liked-by-people', person],
      ['liked-by-bots', botProfile],
    ] as const) {
      engine.ingestPost(post(id++, target, T0, 'A long enough post about the Acme kettle and its lid'));
      for (let i = 0; i < 10; i++) {
        const reactor = `${target}-reactor${i}`;
        const at = T0 + 60_000 * (i + 1);
        engine.ingestPost(post(id++, reactor, at, 'reposted', { isRepost: true, profile: reactorProfile }));
        engine.ingestInteraction({ from: reactor, to: target, kind: 'repost', brand: 'acme', at });
      }
    }
    const people = engine.score('liked-by-people', 'acme')!.components.influence;
    const bots = engine.score('liked-by-bots', 'acme')!.components.influence;
    expect(people.repostsReceived).toBeCloseTo(bots.repostsReceived, 5);
    expect(bots.weightedReactions).toBeLessThan(people.weightedReactions / 3);
    expect(bots.raw).toBeLessThan(people.raw);
  });

  it('discounts a hyperactive reactor', () => {
    const engine = new ScoringEngine();
    // One account reacts to 400 others in a day, then to `target`; one ordinary account reacts to `control`.
    for (let i = 0; i < 400; i++)
      engine.ingestInteraction({
        from: 'firehose',
        to: `x${i}`,
        kind: 'reply',
        brand: 'acme',
        at: T0 + i * 100,
      });
    engine.ingestInteraction({
      from: 'firehose',
      to: 'target',
      kind: 'reply',
      brand: 'acme',
      at: T0 + 50_000,
    });
    engine.ingestInteraction({ from: 'calm', to: 'control', kind: 'reply', brand: 'acme', at: T0 + 50_000 });
    const target = engine.score('target', 'acme')!.components.influence.weightedReactions;
    const control = engine.score('control', 'acme')!.components.influence.weightedReactions;
    expect(target).toBeLessThan(control / 2);
  });

  it('sees synchronised reposts and flags the accounts behind them', () => {
    const engine = new ScoringEngine();
    let id = 0;
    for (let p = 0; p < 4; p++) {
      const original = `t:orig${p}`;
      const at = T0 + p * 3_600_000;
      for (const [k, bot] of ['amp1', 'amp2', 'amp3'].entries()) {
        const when = at + 240_000 + k * 2000;
        engine.ingestPost(
          post(id++, bot, when, 'same text', {
            isRepost: true,
            profile: { ...person, following: 2500, followers: 4 },
          }),
        );
        engine.ingestInteraction({
          from: bot,
          to: `author${p}`,
          kind: 'repost',
          brand: 'acme',
          targetPostId: original,
          at: when,
        });
      }
      // A person reposts the same post twenty minutes later: not synchronised.
      engine.ingestInteraction({
        from: 'person',
        to: `author${p}`,
        kind: 'repost',
        brand: 'acme',
        targetPostId: original,
        at: at + 1_200_000,
      });
    }
    for (const bot of ['amp1', 'amp2', 'amp3']) {
      const flags = engine.flagsOf(bot).map((f) => f.flag);
      expect(flags, bot).toContain('coordinated');
      expect(flags, bot).toContain('likely_bot');
    }
    expect(engine.flagsOf('person')).toEqual([]);
  });

  it('flags a spammer posting near-duplicates with links in bursts, and lowers its trust', () => {
    const engine = new ScoringEngine();
    for (let i = 0; i < 8; i++)
      engine.ingestPost(
        post(
          i,
          'promo',
          T0 + i * 40_000,
          `Win a free Acme kettle! Follow + share and click https://deals.example/acme-${1000 + i} #acme`,
        ),
      );
    const flags = engine.flagsOf('promo');
    expect(flags.map((f) => f.flag)).toEqual(['spam']);
    expect(engine.trustOf('promo').trust).toBeLessThan(20);
  });

  it('keeps per-author state bounded: top-k in-edges and a capped number of communities', () => {
    const engine = new ScoringEngine({ maxInEdges: 4, maxBrandsPerAuthor: 2 });
    for (let i = 0; i < 50; i++)
      engine.ingestInteraction({
        from: `r${i}`,
        to: 'popular',
        kind: 'reply',
        brand: `brand${i % 5}`,
        at: T0 + i * 1000,
      });
    expect(engine.brandsOf('popular').length).toBe(2);
    const before = engine.snapshot('popular')!.length;
    for (let i = 50; i < 500; i++)
      engine.ingestInteraction({
        from: `r${i}`,
        to: 'popular',
        kind: 'reply',
        brand: 'brand0',
        at: T0 + i * 1000,
      });
    expect(engine.snapshot('popular')!.length).toBeLessThan(before + 200);
  });

  it('restores from a checkpoint and goes on exactly as if it had never stopped', () => {
    const input = community();
    const half = Math.floor(input.interactions.length / 2);
    const running = new ScoringEngine({ recomputeEveryMs: 0 });
    for (const p of input.posts) running.ingestPost(p);
    for (const i of input.interactions.slice(0, half)) running.ingestInteraction(i);
    running.recompute();

    const restarted = new ScoringEngine({ recomputeEveryMs: 0 });
    for (const id of running.authorIds()) restarted.restore(running.snapshot(id)!);
    for (const id of running.authorIds()) expect(restarted.snapshot(id)).toEqual(running.snapshot(id));

    for (const engine of [running, restarted]) {
      for (const i of input.interactions.slice(half)) engine.ingestInteraction(i);
      engine.recompute();
    }
    const scores = (e: ScoringEngine) => ['star', 'quiet', 'fan3'].map((id) => e.score(id, 'acme'));
    expect(scores(restarted)).toEqual(scores(running));
  });

  it('forgets an author on request', () => {
    const engine = new ScoringEngine();
    feed(engine, community());
    expect(engine.forget('star')).toBe(true);
    expect(engine.score('star', 'acme')).toBeUndefined();
    expect(engine.snapshot('star')).toBeUndefined();
  });

  it('scores no author for a post without one (empty id), nor for its interactions', () => {
    const engine = new ScoringEngine();
    engine.ingestPost(post(1, '', T0, 'Acme kettle, deleted account'));
    engine.ingestPost(post(2, '', T0 + 1000, 'Another deleted account on the Acme kettle'));
    engine.ingestInteraction({ from: 'fan', to: '', kind: 'reply', brand: 'acme', at: T0 + 2000 });
    engine.ingestInteraction({ from: '', to: 'star', kind: 'reply', brand: 'acme', at: T0 + 3000 });
    engine.recompute();
    expect([...engine.authorIds()]).toEqual([]);
    expect(engine.takeChanged()).toEqual([]);
    expect(engine.score('', 'acme')).toBeUndefined();
  });

  it('reports changed authors once', () => {
    const engine = new ScoringEngine();
    engine.ingestInteraction({ from: 'a', to: 'b', kind: 'mention', brand: 'acme', at: T0 });
    expect(engine.takeChanged().sort()).toEqual(['a', 'b']);
    expect(engine.takeChanged()).toEqual([]);
  });
});
