import { describe, expect, it } from 'vitest';
import type { BrandConfig } from '../../../schema/config.ts';
import type { EnrichedPost } from '../../../schema/enriched.ts';
import type { Mention } from '../../../schema/mention.ts';
import type { PostInput } from '../../../schema/post.ts';
import { MAX_PENDING } from './brand-threads.ts';
import { ThreadsEngine } from './engine.ts';
import { socialPosts } from './test-posts.ts';

const brands: BrandConfig[] = [
  { name: 'acme', query: 'acme OR @acme', accounts: { social: ['acme'] } },
  { name: 'zeta', query: 'zeta', accounts: {} },
];
const limits = { horizonMs: 14 * 86_400_000, maxPosts: 10_000 };
const engine = () => new ThreadsEngine(brands, limits);

const authors: Record<string, { id: string; handle: string }> = {
  acme: { id: 'social:b1', handle: 'acme' },
  ann: { id: 'social:u1', handle: 'ann' },
  bob: { id: 'social:u2', handle: 'bob' },
  cat: { id: 'social:u3', handle: 'cat' },
};

const social = socialPosts(authors);
const msg = (
  brand: string,
  id: string,
  who: string,
  text: string,
  extra: Partial<PostInput> = {},
  matchedBy: EnrichedPost['matchedBy'] = 'query',
): EnrichedPost => ({
  ...social.post(brand, matchedBy === 'thread' ? [] : [brand], id, who, text, extra),
  matchedBy,
});
const replyTo = social.replyTo;
/** The enrich stage sends a reply that names no brand once to every brand's worker. */
const candidates = (id: string, who: string, text: string, extra: Partial<PostInput>) =>
  brands.map((b) => msg(b.name, id, who, text, extra, 'thread'));

function feed(e: ThreadsEngine, list: EnrichedPost[]): Map<string, Mention> {
  const latest = new Map<string, Mention>();
  for (const m of list) for (const x of e.apply(m).mentions) latest.set(`${x.brand}|${x.postId.slice(7)}`, x);
  return latest;
}

describe('thread candidates: replies that do not name the brand', () => {
  it('a reply in a brand thread becomes a mention of that brand only, matchedBy thread, lateral', () => {
    const e = engine();
    const out = feed(e, [
      msg('acme', '1', 'ann', 'my acme kettle broke'),
      ...candidates('2', 'bob', '@ann same here, mine broke after a week', replyTo('1', 'ann')),
    ]);
    expect(out.get('acme|2')).toMatchObject({
      matchedBy: 'thread',
      direction: 'customer_to_customer',
      rootId: 'social:1',
      mode: 'multiway',
      matchedTerms: [],
    });
    expect(out.has('zeta|2')).toBe(false);
    expect(out.get('acme|1')).toMatchObject({ matchedBy: 'query' });
    expect(e.pending).toBe(1); // zeta's copy waits (bounded, forgotten with the horizon)
  });

  it('a reply to the brand account that does not name it is customer → brand', () => {
    const out = feed(engine(), [
      msg('acme', '1', 'acme', 'New acme kettles are out', {}, 'account'),
      ...candidates('2', 'bob', 'does it come in blue?', replyTo('1', 'acme')),
    ]);
    expect(out.get('acme|2')).toMatchObject({ direction: 'customer_to_brand', mode: 'twoway' });
    expect(out.get('acme|1')).toMatchObject({ matchedBy: 'account', mode: 'twoway' });
  });

  it('resolves when the reply arrives before its parent, and chains of brand-less replies', () => {
    const e = engine();
    const early = feed(e, [
      ...candidates('3', 'cat', '@bob did they ever answer?', replyTo('2', 'bob')),
      ...candidates('2', 'bob', '@ann same here', replyTo('1', 'ann')),
    ]);
    expect(early.size).toBe(0);
    const out = feed(e, [msg('acme', '1', 'ann', 'acme support is slow')]);
    expect([...out.keys()].sort()).toEqual(['acme|1', 'acme|2', 'acme|3']);
    expect(out.get('acme|3')).toMatchObject({ rootId: 'social:1', matchedBy: 'thread' });
    // a late duplicate of a settled candidate changes nothing
    expect(feed(e, candidates('3', 'cat', '@bob did they ever answer?', replyTo('2', 'bob'))).size).toBe(0);
  });

  it('a brand-less parent joins when a brand reply to it is already there', () => {
    const e = engine();
    feed(e, [msg('acme', '2', 'bob', '@ann try acme support', replyTo('1', 'ann'))]);
    const out = feed(e, candidates('1', 'ann', 'my kettle broke again', replyTo('0', 'cat')));
    expect(out.get('acme|1')).toMatchObject({ matchedBy: 'thread' });
    expect(out.get('acme|2')).toMatchObject({ rootId: 'social:0' });
  });

  it('uses the root id when the direct parent has not arrived', () => {
    const out = feed(engine(), [
      msg('zeta', '1', 'ann', 'zeta phones, any good?'),
      ...candidates('3', 'cat', 'no idea', { ...replyTo('2', 'bob'), rootId: 'social:1' }),
    ]);
    expect(out.get('zeta|3')).toMatchObject({ matchedBy: 'thread', rootId: 'social:1' });
    expect(out.has('acme|3')).toBe(false);
  });

  it('a reply to a parent that never comes joins the thread a brand reply to the same parent started', () => {
    // the parent (social:1) was dead-lettered and the source gives no root: the siblings are the only link
    const e = engine();
    const before = feed(e, [
      ...candidates('2', 'bob', '@ann same here', replyTo('1', 'ann')),
      msg('acme', '3', 'cat', '@ann acme never answered me either', replyTo('1', 'ann')),
    ]);
    expect(before.get('acme|2')).toMatchObject({ matchedBy: 'thread', rootId: 'social:1' });
    const after = feed(e, candidates('4', 'bob', '@ann me too', replyTo('1', 'ann')));
    expect(after.get('acme|4')).toMatchObject({ matchedBy: 'thread', rootId: 'social:1' });
    expect([...before.keys(), ...after.keys()].some((k) => k.startsWith('zeta|'))).toBe(false);
    expect(e.pending).toBe(2); // zeta's copies wait

    // the same after a restart: the waiting thread comes back from the output, the candidate from the input
    const restarted = engine();
    for (const m of [...before.values(), ...after.values()]) restarted.restore(m);
    restarted.finishRestore();
    const late = feed(restarted, candidates('5', 'ann', 'still broken', replyTo('1', 'ann')));
    expect(late.get('acme|5')).toMatchObject({ matchedBy: 'thread', rootId: 'social:1' });
    expect(late.has('zeta|5')).toBe(false);
  });

  it('keeps waiting candidates bounded', () => {
    const e = engine();
    const base = msg('acme', 'x', 'ann', 'hi', replyTo('nowhere'), 'thread');
    for (let i = 0; i < MAX_PENDING + 10; i++)
      e.apply({
        ...base,
        post: { ...base.post, postId: `social:x${i}`, replyTo: { postId: `social:nowhere${i}` } },
      });
    expect(e.pending).toBe(MAX_PENDING);
  }, 60_000);

  it('a restart gets waiting candidates back from the input, settled ones from the output', () => {
    const before = engine();
    const emitted: Mention[] = [];
    const inputs = [
      msg('acme', '1', 'ann', 'acme kettles'),
      ...candidates('2', 'bob', '@ann agreed', replyTo('1', 'ann')),
      ...candidates('4', 'cat', '@bob how so?', replyTo('3', 'bob')),
    ];
    for (const m of inputs) emitted.push(...before.apply(m).mentions);
    const after = engine();
    for (const m of emitted) after.restore(m);
    after.finishRestore();
    for (const m of inputs) if (m.matchedBy === 'thread') after.restorePending(m);
    expect(after.pending).toBe(before.pending);
    const out = feed(after, candidates('3', 'bob', '@ann agreed twice', replyTo('2', 'ann')));
    expect([...out.keys()].sort()).toEqual(['acme|3', 'acme|4']);
  });

  it('a candidate read back after its parent was placed settles on settleWaiting', () => {
    const e = engine();
    const child = candidates('2', 'bob', '@ann agreed', replyTo('1', 'ann'));
    feed(e, [msg('acme', '1', 'ann', 'acme kettles')]);
    for (const c of child) e.restorePending(c);
    expect(e.pending).toBe(2);
    const out = e.settleWaiting();
    expect(out.mentions.map((m) => `${m.brand}|${m.postId}`)).toEqual(['acme|social:2']);
    expect(e.pending).toBe(1); // zeta's copy keeps waiting
    expect(e.settleWaiting().mentions).toEqual([]);
  });
});
