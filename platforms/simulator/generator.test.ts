import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { simulatorReview, simulatorStatus } from '../../schema/examples.ts';
import { createSimulator, simulatedBrands, type SimItem, type SimulatorOptions } from './generator.ts';
import { GroundTruth, LANGS, MODES, modeOf, ROLES, type Direction } from './truth.ts';

const collect = (options: SimulatorOptions, from = 0): SimItem[] => [...createSimulator(options).items(from)];

// One shared run for the property tests keeps the file fast (a few thousand items take tens of ms).
const RUN: SimulatorOptions = { seed: 'unit', count: 6000, malformedRate: 0.05 };
const run = collect(RUN);
const valid = run.filter((i) => !i.truth.malformed);

const Iso = z.iso.datetime({ offset: true });
const nullableId = z.string().min(1).nullable();
/** The exact shapes of schema/examples.ts (plus the reblog fields on statuses); strict, so no stray fields. */
const Status = z.strictObject({
  kind: z.literal('status'),
  id: z.string().min(1),
  created_at: Iso,
  url: z.string().startsWith('https://'),
  language: z.enum(LANGS),
  account: z.strictObject({
    id: z.string().min(1),
    acct: z.string().regex(/^[a-z0-9_]+$/),
    display_name: z.string().min(1),
    followers_count: z.number().int().nonnegative(),
    following_count: z.number().int().nonnegative(),
    created_at: Iso,
    bot: z.boolean(),
  }),
  content: z.string().min(1),
  in_reply_to_id: nullableId,
  in_reply_to_account_id: nullableId,
  quote_id: nullableId,
  quote_account_id: nullableId,
  reblog_of_id: nullableId,
  reblog_account_id: nullableId,
  mentions: z.array(z.strictObject({ id: z.string(), acct: z.string() })),
  tags: z.array(z.strictObject({ name: z.string() })),
  favourites_count: z.number().int().nonnegative(),
  reblogs_count: z.number().int().nonnegative(),
  replies_count: z.number().int().nonnegative(),
});
const Review = z.strictObject({
  kind: z.literal('review'),
  id: z.string().regex(/^r\d+$/),
  updated: Iso,
  author: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
  rating: z.number().int().min(1).max(5),
  title: z.string().min(1),
  content: z.string().min(1),
  version: z.string(),
  language: z.enum(LANGS),
  app: z.strictObject({ id: z.string(), name: z.string() }),
  developer_response: z
    .strictObject({
      id: z.string().regex(/^dr\d+$/),
      author_id: z.string(),
      body: z.string().min(1),
      modified: Iso,
    })
    .optional(),
});
const Payload = z.discriminatedUnion('kind', [Status, Review]);

type StatusPayload = z.infer<typeof Status>;
type ReviewPayload = z.infer<typeof Review>;
const time = (p: StatusPayload | ReviewPayload) => (p.kind === 'status' ? p.created_at : p.updated);
const textOf = (p: StatusPayload | ReviewPayload) =>
  p.kind === 'status' ? p.content : `${p.title} ${p.content}`;

describe('simulator generator', () => {
  it('the shapes used here are the documented examples', () => {
    expect(
      Status.safeParse({
        ...simulatorStatus,
        quote_account_id: null,
        reblog_of_id: null,
        reblog_account_id: null,
      }).success,
    ).toBe(true);
    expect(Review.safeParse(simulatorReview).success).toBe(true);
  });

  it('is deterministic: the same seed gives byte-identical items, another seed different ones', () => {
    const options = { seed: 42, count: 1500, malformedRate: 0.02 };
    expect(JSON.stringify(collect(options))).toBe(JSON.stringify(collect(options)));
    expect(JSON.stringify(collect({ ...options, seed: 43 }))).not.toBe(JSON.stringify(collect(options)));
  });

  it('items(k) is exactly the tail of items(0), also mid-block and at the end', () => {
    for (const k of [1, 2345, RUN.count - 1]) {
      const tail = collect(RUN, k);
      expect(tail[0]!.index).toBe(k);
      expect(JSON.stringify(tail)).toBe(JSON.stringify(run.slice(k)));
    }
    expect(collect(RUN, RUN.count)).toEqual([]);
  });

  it('yields exactly count items with consecutive indexes and unique native ids', () => {
    expect(run).toHaveLength(RUN.count);
    run.forEach((item, i) => expect(item.index).toBe(i));
    const ids = run
      .map((i) => i.nativeId)
      .concat(run.flatMap((i) => (i.truth.ownerReply ? [i.truth.ownerReply.postId.slice(10)] : [])));
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of run) expect(item.truth.postId).toBe(`simulator:${item.nativeId}`);
  });

  it('yields exactly count items for tiny runs and sparse hours with overlapping spikes', () => {
    for (const options of [
      { seed: 'edge', count: 0 },
      { seed: 'edge', count: 1 },
      { seed: 'edge', count: 10, postsPerHour: 0.5 },
      { seed: 'edge', count: 300, postsPerHour: 5000 },
    ]) {
      const items = collect(options, -3);
      expect(items.map((i) => i.index)).toEqual([...Array(options.count).keys()]);
    }
  });

  it('every ground truth validates against the zod schema', () => {
    const invalid = run.filter((item) => !GroundTruth.safeParse(item.truth).success);
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('every well-formed payload has the documented fields and types, consistent with its truth', () => {
    // Problems are collected and asserted once: thousands of expect() calls would dominate the run time.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, item: SimItem) => {
      if (!ok) problems.push(`${item.nativeId}: ${what}`);
    };
    for (const item of valid) {
      const parsed = Payload.safeParse(item.payload);
      if (!parsed.success) {
        problems.push(`${item.nativeId}: ${parsed.error.message}`);
        continue;
      }
      const p = parsed.data;
      check(
        p.id === item.nativeId && p.kind === item.truth.kind && p.language === item.truth.lang,
        'id/kind/language',
        item,
      );
      if (p.kind === 'status') {
        check(`simulator:${p.account.id}` === item.truth.authorId, 'author', item);
        // Mentions and tags are exactly the @handles and #tags of the text.
        const handles = [...new Set([...p.content.matchAll(/(?:^|[^\w@])@([a-z0-9_]+)/g)].map((m) => m[1]))];
        check(JSON.stringify(p.mentions.map((m) => m.acct)) === JSON.stringify(handles), 'mentions', item);
        const tags = [
          ...new Set([...p.content.matchAll(/(?:^|\s)#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase())),
        ];
        check(JSON.stringify(p.tags.map((t) => t.name)) === JSON.stringify(tags), 'tags', item);
        check(
          (p.in_reply_to_id ? `simulator:${p.in_reply_to_id}` : undefined) === item.truth.replyTo,
          'replyTo',
          item,
        );
        check((p.quote_id ? `simulator:${p.quote_id}` : undefined) === item.truth.quoteOf, 'quoteOf', item);
        check(
          (p.reblog_of_id ? `simulator:${p.reblog_of_id}` : undefined) === item.truth.repostOf,
          'repostOf',
          item,
        );
        check((p.in_reply_to_account_id === null) === (p.in_reply_to_id === null), 'reply account', item);
      } else {
        check(`simulator:${p.author.id}` === item.truth.authorId, 'author', item);
        check(
          (p.developer_response ? `simulator:${p.developer_response.id}` : undefined) ===
            item.truth.ownerReply?.postId,
          'owner reply',
          item,
        );
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('on-topic texts match their brands (name, @handle or #tag) and off-topic texts match none; replies that belong to a brand only through their thread name none', () => {
    const handles = new Map(
      simulatedBrands.map((b) => [b.name, new RegExp(`@(${b.handles.join('|')})(?![a-z0-9_])`)]),
    );
    const wrong: string[] = [];
    for (const item of valid) {
      const text = textOf(item.payload as StatusPayload);
      for (const b of simulatedBrands) {
        const hit =
          text.includes(b.displayName) ||
          handles.get(b.name)!.test(text) ||
          text.toLowerCase().includes(`#${b.name}`);
        const named = item.truth.threadBrand === undefined && item.truth.brands.includes(b.name);
        if (hit !== named) wrong.push(`${b.name}: ${text}`);
      }
      if (item.truth.threadBrand !== undefined) {
        expect(item.truth.brands).toEqual([item.truth.threadBrand]);
        expect(item.truth.replyTo).toBeDefined();
        expect(item.truth.direction).toBe('customer_to_customer');
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('has every role, language, direction and thread mode', () => {
    const seen = (f: (i: SimItem) => unknown) => new Set(run.map(f));
    expect([...seen((i) => i.truth.authorRole)].sort()).toEqual([...ROLES].sort());
    expect([...seen((i) => i.truth.lang)].sort()).toEqual([...LANGS].sort());
    expect(seen((i) => i.truth.direction)).toEqual(
      new Set(['brand_to_customer', 'customer_to_brand', 'customer_to_customer', null]),
    );
    expect([...seen((i) => i.truth.threadMode)].sort()).toEqual([...MODES].sort());
    expect(seen((i) => i.truth.kind)).toEqual(new Set(['status', 'review']));
    expect(
      run.some((i) => i.truth.quoteOf) &&
        run.some((i) => i.truth.repostOf) &&
        run.some((i) => i.truth.ownerReply),
    ).toBe(true);
    // Only some bots say they are bots.
    const botFlags = new Set(
      valid
        .filter((i) => i.truth.authorRole === 'bot' && i.truth.kind === 'status')
        .map((i) => (i.payload as StatusPayload).account.bot),
    );
    expect(botFlags).toEqual(new Set([true, false]));
  });

  it('directions follow the rules of docs/architecture.md §6', () => {
    const byId = new Map(run.map((i) => [i.truth.postId, i]));
    const brandIds = new Set(simulatedBrands.flatMap((b) => b.accountIds.map((id) => `simulator:${id}`)));
    const wrong: string[] = [];
    for (const { truth, payload } of valid) {
      let expected: Direction | null;
      const ref = truth.replyTo ?? truth.quoteOf ?? truth.repostOf;
      const first = truth.brands[0];
      if (!first) expected = null;
      else if (brandIds.has(truth.authorId)) expected = 'brand_to_customer';
      else if (truth.kind === 'review') expected = 'customer_to_brand';
      else if (ref)
        expected = brandIds.has(byId.get(ref)!.truth.authorId) ? 'customer_to_brand' : 'customer_to_customer';
      else {
        const addressee = /^@([a-z0-9_]+)/.exec((payload as StatusPayload).content)?.[1];
        const brand = simulatedBrands.find((b) => b.name === first)!;
        expected =
          addressee && brand.handles.includes(addressee) ? 'customer_to_brand' : 'customer_to_customer';
      }
      if (truth.direction !== expected) wrong.push(`${truth.postId}: ${truth.direction} != ${expected}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('thread modes are the final mode of each thread, threads are rooted by reply/quote/repost links', () => {
    const byId = new Map(run.map((i) => [i.truth.postId, i]));
    const mixes = new Map<
      string,
      { brand: boolean; toBrand: boolean; lateral: boolean; modes: Set<string> }
    >();
    for (const { truth } of run) {
      const ref = truth.replyTo ?? truth.quoteOf ?? truth.repostOf;
      expect(truth.threadRootId).toBe(ref ? byId.get(ref)!.truth.threadRootId : truth.postId);
      const mix = mixes.get(truth.threadRootId) ?? {
        brand: false,
        toBrand: false,
        lateral: false,
        modes: new Set(),
      };
      mixes.set(truth.threadRootId, mix);
      mix.modes.add(truth.threadMode);
      if (truth.ownerReply) mix.brand = true;
      if (truth.repostOf) continue;
      if (truth.direction === 'brand_to_customer') mix.brand = true;
      else if (truth.direction === 'customer_to_brand') mix.toBrand = true;
      else mix.lateral = true;
    }
    for (const mix of mixes.values()) expect([...mix.modes]).toEqual([modeOf(mix)]);
  });

  it('keeps time order, except replies deliberately emitted before their parent', () => {
    const byId = new Map(valid.map((i) => [i.truth.postId, i]));
    const position = new Map(run.map((i) => [i.truth.postId, i.index]));
    let last = '';
    let late = 0;
    for (const item of valid) {
      const p = item.payload as StatusPayload | ReviewPayload;
      const parent = item.truth.replyTo ? byId.get(item.truth.replyTo) : undefined;
      if (parent) expect(time(p) >= time(parent.payload as StatusPayload)).toBe(true);
      if (item.truth.outOfOrder) {
        late++;
        expect(position.get(item.truth.replyTo!)! > item.index).toBe(true);
        continue;
      }
      expect(time(p) >= last, `${time(p)} after ${last}`).toBe(true);
      last = time(p);
    }
    const replies = run.filter((i) => i.truth.replyTo).length;
    expect(late / replies).toBeGreaterThan(0.005);
    expect(late / replies).toBeLessThan(0.05);
    expect(collect({ ...RUN, count: 2000, outOfOrderRate: 0 }).some((i) => i.truth.outOfOrder)).toBe(false);
  });

  it('starts at the given start', () => {
    const items = collect({ seed: 's', count: 50, start: '2027-01-04T12:00:00.000Z', postsPerHour: 50 });
    const first = items.map((i) => time(i.payload as StatusPayload)).sort()[0]!;
    expect(first >= '2027-01-04T12:00:00.000Z' && first < '2027-01-04T13:00:00.000Z').toBe(true);
  });

  it('spikes: each brand has one or two windows, in which volume rises and the negative share jumps', () => {
    const sim = createSimulator(RUN);
    expect(new Set(sim.spikes.map((s) => s.brand))).toEqual(new Set(simulatedBrands.map((b) => b.name)));
    for (const b of simulatedBrands)
      expect(sim.spikes.filter((s) => s.brand === b.name).length).toBeLessThanOrEqual(2);
    const within = (i: SimItem, w: { start: string; end: string }) => {
      const t = time(i.payload as StatusPayload);
      return t >= w.start && t < w.end;
    };
    for (const w of sim.spikes) {
      const about = valid.filter((i) => i.truth.brands.includes(w.brand));
      const inside = about.filter((i) => within(i, w));
      const outside = about.filter((i) => !sim.spikes.some((o) => o.brand === w.brand && within(i, o)));
      expect(inside.every((i) => i.truth.spike)).toBe(true);
      const neg = (xs: SimItem[]) => xs.filter((i) => i.truth.sentiment === 'negative').length / xs.length;
      expect(neg(inside)).toBeGreaterThan(neg(outside) + 0.15);
      const hours = (Date.parse(w.end) - Date.parse(w.start)) / 3_600_000;
      const span =
        (Date.parse(time(run.at(-1)!.payload as StatusPayload)) -
          Date.parse(time(run[0]!.payload as StatusPayload))) /
        3_600_000;
      expect(inside.length / hours).toBeGreaterThan((outside.length / (span - hours)) * 1.5);
    }
  });

  it('reviews: ratings follow sentiment, some have an owner reply by the brand', () => {
    const reviews = valid
      .filter((i) => i.truth.kind === 'review')
      .map((i) => ({ t: i.truth, p: i.payload as ReviewPayload }));
    const mean = (s: string) => {
      const xs = reviews
        .filter((r) => r.t.sentiment === s && r.t.authorRole !== 'spammer')
        .map((r) => r.p.rating);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean('negative')).toBeLessThan(2.5);
    expect(mean('neutral')).toBeGreaterThan(2.5);
    expect(mean('neutral')).toBeLessThan(3.5);
    expect(mean('positive')).toBeGreaterThan(4);
    const answered = reviews.filter((r) => r.p.developer_response);
    expect(answered.length).toBeGreaterThan(0);
    const brandIds = new Set(simulatedBrands.flatMap((b) => b.accountIds));
    for (const r of answered) {
      expect(brandIds.has(r.p.developer_response!.author_id)).toBe(true);
      expect(r.p.developer_response!.modified > r.p.updated).toBe(true);
      expect(r.t.threadMode).toBe('twoway');
    }
  });

  it('roles behave like themselves: bots repost from young accounts, spammers post links, influencers draw reactions', () => {
    const statuses = valid.filter((i) => i.truth.kind === 'status');
    const ofRole = (r: string) => statuses.filter((i) => i.truth.authorRole === r);
    const bots = ofRole('bot');
    expect(bots.filter((i) => i.truth.repostOf).length / bots.length).toBeGreaterThan(0.8);
    const accounts = [...bots, ...ofRole('spammer')].map((i) => (i.payload as StatusPayload).account);
    expect(
      accounts.filter((a) => a.following_count <= a.followers_count || a.created_at < '2026-01-01'),
    ).toEqual([]);
    expect(ofRole('spammer').every((i) => /https:\/\//.test((i.payload as StatusPayload).content))).toBe(
      true,
    );
    const reactionCount = new Map<string, number>();
    for (const i of statuses) {
      const ref = i.truth.replyTo ?? i.truth.quoteOf ?? i.truth.repostOf;
      if (ref) reactionCount.set(ref, (reactionCount.get(ref) ?? 0) + 1);
    }
    const reactions = (root: SimItem) => reactionCount.get(root.truth.postId) ?? 0;
    const roots = (r: string) =>
      ofRole(r).filter(
        (i) => !i.truth.replyTo && !i.truth.quoteOf && !i.truth.repostOf && i.truth.brands.length > 0,
      );
    const avg = (xs: SimItem[]) => xs.reduce((a, x) => a + reactions(x), 0) / xs.length;
    expect(avg(roots('influencer'))).toBeGreaterThan(5 * avg(roots('customer')));
  });

  it('malformed items appear at about malformedRate, are marked in truth and break the documented shape', () => {
    const broken = run.filter((i) => i.truth.malformed);
    expect(broken.length / run.length).toBeGreaterThan(0.035);
    expect(broken.length / run.length).toBeLessThan(0.065);
    for (const item of broken) expect(Payload.safeParse(item.payload).success).toBe(false);
    expect(new Set(broken.map((i) => i.truth.malformed)).size).toBeGreaterThanOrEqual(5);
    expect(collect({ seed: 'unit', count: 2000 }).some((i) => i.truth.malformed)).toBe(false);
  });

  it('malformedRate does not change the well-formed content of a run', () => {
    const clean = collect({ seed: 'same', count: 1000 });
    const dirty = collect({ seed: 'same', count: 1000, malformedRate: 0.2 });
    clean.forEach((c, i) => {
      const d = dirty[i]!;
      expect(d.nativeId).toBe(c.nativeId);
      if (!d.truth.malformed) expect(d).toEqual(c);
    });
  });
});
