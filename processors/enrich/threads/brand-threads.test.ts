import { describe, expect, it } from 'vitest';
import type { EnrichedPost } from '../../../schema/enriched.ts';
import type { Mention } from '../../../schema/mention.ts';
import { Post, type PostInput } from '../../../schema/post.ts';
import { ThreadsEngine } from './engine.ts';
import { socialPosts } from './test-posts.ts';
import { mastodonAccount, mastodonStatus } from '../../../platforms/mastodon/fixtures.ts';
import { normalizeMastodon } from '../../../platforms/mastodon/normalize.ts';

const brands = [{ name: 'acme', query: 'acme OR @acme', accounts: { social: ['acme', 'id:b9'] } }];
const limits = { horizonMs: 14 * 86_400_000, maxPosts: 10_000 };

let clock = 1_000;
function engine(): ThreadsEngine {
  clock = 1_000;
  return new ThreadsEngine(brands, limits, () => clock++);
}

const authors: Record<string, { id: string; handle: string; isBrand?: boolean }> = {
  acme: { id: 'social:b1', handle: 'acme' },
  care: { id: 'social:b9', handle: '', isBrand: false },
  ann: { id: 'social:u1', handle: 'ann' },
  bob: { id: 'social:u2', handle: 'bob' },
  cat: { id: 'social:u3', handle: 'cat' },
};

const social = socialPosts(authors);
const post = (id: string, who: string, text: string, extra: Partial<PostInput> = {}) =>
  social.post('acme', ['acme'], id, who, text, extra);
const reply = (id: string, who: string, text: string, parent: string, parentAuthor?: string) =>
  post(id, who, text, social.replyTo(parent, parentAuthor));

/** Latest mention per post after feeding `posts` in order. */
function run(e: ThreadsEngine, posts: EnrichedPost[]): Map<string, Mention> {
  const latest = new Map<string, Mention>();
  for (const p of posts) for (const m of e.apply(p).mentions) latest.set(m.postId.slice(7), m);
  return latest;
}

describe('threads: direction and mode', () => {
  it('a brand broadcast nobody answers is oneway, brand → customer', () => {
    const m = run(engine(), [post('1', 'acme', 'New acme kettles are out')]);
    expect(m.get('1')).toMatchObject({ direction: 'brand_to_customer', mode: 'oneway', rootId: 'social:1' });
  });

  it('turns twoway when a customer replies to the brand, then hybrid when customers talk among themselves', () => {
    const e = engine();
    const m1 = run(e, [
      post('1', 'acme', 'New acme kettles'),
      reply('2', 'ann', '@acme does it fit 2L?', '1', 'acme'),
    ]);
    expect(m1.get('2')).toMatchObject({
      direction: 'customer_to_brand',
      directionRule: 'reply_to_brand',
      mode: 'twoway',
    });
    expect(m1.get('1')).toMatchObject({ mode: 'twoway', revision: 1 });
    const m2 = run(e, [reply('3', 'bob', '@ann mine does, acme is great', '2', 'ann')]);
    expect(m2.get('3')).toMatchObject({
      direction: 'customer_to_customer',
      mode: 'hybrid',
      rootId: 'social:1',
    });
    expect(m2.get('1')).toMatchObject({ mode: 'hybrid', revision: 2 });
    expect(m2.get('2')).toMatchObject({ mode: 'hybrid', revision: 1 });
  });

  it('customers talking about the brand without it are multiway (lateral)', () => {
    const m = run(engine(), [
      post('1', 'ann', 'acme kettle broke again'),
      reply('2', 'bob', '@ann same, acme support is slow', '1', 'ann'),
    ]);
    expect([...m.values()].map((x) => [x.direction, x.mode])).toEqual([
      ['customer_to_customer', 'multiway'],
      ['customer_to_customer', 'multiway'],
    ]);
  });

  it('addressing the brand first (@acme) is customer → brand', () => {
    const m = run(engine(), [post('1', 'ann', '@acme my kettle leaks')]);
    expect(m.get('1')).toMatchObject({
      direction: 'customer_to_brand',
      directionRule: 'addressed',
      mode: 'twoway',
    });
  });

  it('an owner reply to a review is brand → customer, found by account id', () => {
    const review = post('r1', 'ann', 'Acme app crashes', {
      review: { rating: 1, maxRating: 5, product: 'Acme app' },
    });
    const ownerReply = post('o1', 'care', 'Sorry, fixed in 2.1', {
      author: { ...authors.care!, isBrand: true },
      replyTo: { postId: 'social:r1', authorId: authors.ann!.id },
      rootId: 'social:r1',
    });
    const e = engine();
    const m = run(e, [review, ownerReply]);
    expect(m.get('r1')).toMatchObject({
      direction: 'customer_to_brand',
      directionRule: 'review',
      mode: 'twoway',
      reviewRating: 1,
    });
    expect(m.get('o1')).toMatchObject({
      direction: 'brand_to_customer',
      authorIsBrand: true,
      rootId: 'social:r1',
    });
  });

  it('a repost takes the side of the author it amplifies and does not change the mode', () => {
    const m = run(engine(), [
      post('1', 'acme', 'Acme summer sale'),
      post('2', 'ann', 'Acme summer sale', { repostOf: { postId: 'social:1', authorId: authors.acme!.id } }),
    ]);
    expect(m.get('2')).toMatchObject({
      direction: 'customer_to_brand',
      directionRule: 'repost_of_brand',
      mode: 'oneway',
    });
  });
});

describe('threads: out-of-order arrival', () => {
  it('a reply before its parent joins the parent thread when the parent comes, and both are re-emitted', () => {
    const e = engine();
    const early = run(e, [reply('3', 'bob', '@ann agreed, acme is slow', '2', 'ann')]);
    expect(early.get('3')).toMatchObject({ rootId: 'social:2', mode: 'multiway' });
    const later = run(e, [
      post('1', 'acme', 'Acme outage update'),
      reply('2', 'ann', '@acme when is it fixed?', '1', 'acme'),
    ]);
    expect(later.get('2')).toMatchObject({
      rootId: 'social:1',
      direction: 'customer_to_brand',
      mode: 'hybrid',
    });
    expect(later.get('3')).toMatchObject({ rootId: 'social:1', mode: 'hybrid', revision: 1 });
    expect(later.get('1')).toMatchObject({ mode: 'hybrid' });
  });

  it('ends in the same state whatever the arrival order', () => {
    const posts = () => [
      post('1', 'ann', 'acme kettle question'),
      reply('2', 'acme', '@ann try descaling', '1', 'ann'),
      reply('3', 'cat', '@ann descaling fixed my acme', '1', 'ann'),
      reply('4', 'ann', '@acme thanks', '2', 'acme'),
    ];
    const final = (order: number[]) => {
      social.restart();
      const list = posts();
      const m = run(
        engine(),
        order.map((i) => list[i]!),
      );
      return [...m.entries()].sort().map(([id, x]) => `${id}:${x.rootId}:${x.mode}:${x.direction}`);
    };
    const inOrder = final([0, 1, 2, 3]);
    expect(final([3, 2, 1, 0])).toEqual(inOrder);
    expect(final([1, 3, 0, 2])).toEqual(inOrder);
    expect(inOrder.every((s) => s.includes(':social:1:hybrid:'))).toBe(true);
  });

  it('owes the reply edge until the parent names its author', () => {
    const e = engine();
    const first = e.apply(reply('2', 'bob', 'acme agreed', '1'));
    expect(first.interactions).toEqual([]);
    const second = e.apply(post('1', 'ann', 'acme is slow'));
    expect(second.interactions).toEqual([
      expect.objectContaining({
        from: authors.bob!.id,
        to: authors.ann!.id,
        kind: 'reply',
        postId: 'social:2',
      }),
    ]);
  });

  it('the same @-mention edges whichever of the mention and the mentioned author comes first', () => {
    const edgesOf = (order: EnrichedPost[]) => {
      const e = engine();
      return order
        .flatMap((p) => e.apply(p).interactions)
        .map((i) => i.id)
        .sort();
    };
    const mentioning = post('1', 'ann', 'acme is slow, @cat did it work for you?');
    const byCat = post('2', 'cat', 'acme works for me');
    const edges = edgesOf([mentioning, byCat]);
    expect(edges).toEqual([`social:1>mention>${authors.cat!.id}`]);
    expect(edgesOf([byCat, mentioning])).toEqual(edges);
    // and across a restart in between
    const e = engine();
    const emitted = e.apply(mentioning).mentions;
    const restored = engine();
    for (const m of emitted) restored.restore(m);
    restored.finishRestore();
    expect(restored.apply(byCat).interactions.map((i) => i.id)).toEqual(edges);
  });

  it('a restored engine still owes the reply edge of a reply whose parent has not come', () => {
    const e = engine();
    const emitted = e.apply(reply('2', 'bob', 'acme agreed', '1')).mentions;
    const restored = engine();
    for (const m of emitted) restored.restore(m);
    restored.finishRestore();
    expect(restored.apply(post('1', 'ann', 'acme is slow')).interactions).toEqual([
      expect.objectContaining({ id: `social:2>reply>${authors.ann!.id}`, kind: 'reply' }),
    ]);
  });
});

describe('threads: authors without an id', () => {
  // A deleted account (Reddit's `[deleted]`): no author id (schema/post.ts `Author.id`).
  const nobody = { handle: '', name: '' };

  it('a post without an author is a mention with an empty author id, and no edge leaves or reaches it', () => {
    const e = engine();
    const root = e.apply(post('1', 'ann', 'acme kettle is broken'));
    const orphan = e.apply(
      post('2', 'ann', 'acme agreed @bob', { author: nobody, replyTo: { postId: 'social:1' } }),
    );
    expect(orphan.mentions).toEqual([expect.objectContaining({ postId: 'social:2', authorId: '' })]);
    expect(orphan.interactions).toEqual([]);
    // Replies to it, before and after it arrived, get no edge either (not to an empty author).
    const late = e.apply(reply('3', 'bob', 'acme same here', '2'));
    expect(late.interactions).toEqual([]);
    expect(root.interactions).toEqual([]);
    const e2 = engine();
    expect(e2.apply(reply('4', 'bob', 'acme same here', '5')).interactions).toEqual([]);
    expect(e2.apply(post('5', 'ann', 'acme again', { author: nobody })).interactions).toEqual([]);
  });
});

describe('threads: mastodon reply without the parent author in its mentions', () => {
  it('the reply edge reaches the parent author by its address, whichever arrives first', () => {
    const origin = 'https://social.example';
    const status = (s: ReturnType<typeof mastodonStatus>): EnrichedPost => {
      const out = normalizeMastodon(s, {
        source: 'mastodon',
        origin,
        fetchedAt: '2026-03-05T12:00:00.000Z',
        payload: s,
      });
      if ('error' in out) throw new Error(out.error);
      return { ...post('x', 'ann', ''), post: Post.parse(out.posts[0]) };
    };
    const parent = status(
      mastodonStatus('200', '2026-03-05T10:00:00.000Z', {
        account: mastodonAccount('555', 'mia@remote.example'),
      }),
    );
    // The reply names the parent's author only by its id on this instance (no mention).
    const child = status(
      mastodonStatus('201', '2026-03-05T10:05:00.000Z', {
        in_reply_to_id: '200',
        in_reply_to_account_id: '555',
      }),
    );
    for (const order of [
      [parent, child],
      [child, parent],
    ]) {
      const e = engine();
      const edges = order.flatMap((p) => e.apply(p).interactions);
      expect(edges).toEqual([
        expect.objectContaining({
          from: 'mastodon:ana@social.example',
          to: 'mastodon:mia@remote.example',
          kind: 'reply',
          targetPostId: 'mastodon:social.example:200',
        }),
      ]);
    }
  });
});

describe('threads: versions, duplicates and restore', () => {
  it('versions increase on every re-emission and a duplicate post emits nothing', () => {
    const e = engine();
    const a = e.apply(post('1', 'acme', 'acme news')).mentions[0]!;
    const b = e.apply(reply('2', 'ann', '@acme nice', '1', 'acme')).mentions;
    expect(b.find((m) => m.postId === 'social:1')!.version).toBeGreaterThan(a.version);
    expect(e.apply(post('1', 'acme', 'acme news'))).toEqual({ mentions: [], interactions: [] });
  });

  it('a restored engine continues exactly like the one that emitted', () => {
    const list = [
      post('1', 'acme', 'acme news'),
      reply('2', 'ann', '@acme nice', '1', 'acme'),
      reply('3', 'bob', '@ann acme is fine', '2', 'ann'),
    ];
    const original = engine();
    const emitted: Mention[] = [];
    for (const p of list.slice(0, 2)) emitted.push(...original.apply(p).mentions);
    const restored = new ThreadsEngine(brands, limits, () => 0);
    for (const m of emitted) restored.restore(m);
    restored.finishRestore();
    expect(restored.apply(list[0]!).mentions).toEqual([]); // already emitted before the restart
    const out = restored.apply(list[2]!).mentions;
    expect(out.map((m) => [m.postId, m.mode])).toEqual([
      ['social:3', 'hybrid'],
      ['social:1', 'hybrid'],
      ['social:2', 'hybrid'],
    ]);
    expect(Math.min(...out.map((m) => m.version))).toBeGreaterThan(
      Math.max(...emitted.map((m) => m.version)),
    );
  });

  it('a sentiment update re-emits the stored mention with the new score', () => {
    const e = engine();
    e.apply(post('1', 'ann', 'acme ok'));
    const [m] = e.apply({
      kind: 'sentiment',
      brand: 'acme',
      postId: 'social:1',
      sentiment: { score: 0.8, label: 'positive', confidence: 0.9, model: 'm2' },
    }).mentions;
    expect(m).toMatchObject({ sentiment: { label: 'positive', model: 'm2' }, revision: 1 });
  });
});

describe('threads: author standing from scoring', () => {
  it('stamps the author trust and flags known when the mention is emitted', () => {
    const standing = new Map([[authors.bob!.id, { trust: 3.5, flags: ['likely_bot'] }]]);
    const e = new ThreadsEngine(
      brands,
      limits,
      () => clock++,
      (id) => standing.get(id),
    );
    const [m] = e.apply(post('1', 'bob', 'acme acme acme')).mentions;
    expect(m).toMatchObject({ authorTrust: 3.5, signals: ['likely_bot'] });
    const [other] = e.apply(post('2', 'ann', 'acme is fine')).mentions;
    expect(other!.authorTrust).toBeUndefined();
    expect(other!.signals).toEqual([]);
  });
});
