import seedrandom from 'seedrandom';
import {
  brandByName,
  buildCommunity,
  simulatedBrands,
  type Community,
  type Persona,
  type SimulatedBrand,
} from './community.ts';
import {
  ABOUT,
  ADDRESS,
  BRAND_PHRASES,
  BRAND_REPLY,
  BROADCAST,
  DURATIONS,
  EMOJI,
  fillTemplate,
  FOLLOW_UP,
  INFLUENCER,
  INTENSIFIERS,
  MULTI_BRAND,
  OFF_TOPIC,
  OFF_TOPIC_REPLY,
  OWNER_RESPONSE,
  PEER_REPLY,
  QUOTE,
  REACT,
  REVIEW_BODY,
  REVIEW_TITLE,
  SPAM,
  SPAM_REVIEW,
  SPIKE,
  STORIES,
  type Story,
  type Templates,
} from './texts.ts';
import {
  modeOf,
  type Direction,
  type GroundTruth,
  type Lang,
  type Sentiment,
  type ThreadMix,
} from './truth.ts';
import { BARE_REPLY, DEFAULT_BARE_REPLY_SHARE } from './bare-replies.ts';

/**
 * The simulator source's generator: a deterministic, multilingual brand community with known ground truth
 * (docs/architecture.md §9).
 *
 * Time is cut into one-hour blocks. Each block has its own sub-seeds: a cheap "plan" seed that fixes how many
 * items the block holds, and content seeds for the threads themselves. So `items(k)` finds its block by
 * summing plans (no text is generated for skipped blocks), memory holds one block at a time, and the same
 * seed always yields byte-identical payloads. Threads (and the quotes and reposts they attract) stay inside
 * their block, so a block's ground truth — the final thread mode included — is complete when it is emitted.
 */

export type { GroundTruth } from './truth.ts';
export { simulatedBrands, type SimulatedBrand } from './community.ts';

export interface SimulatorOptions {
  seed: string | number;
  /** Number of items (statuses and reviews) in the run. */
  count: number;
  /** Start of the simulated period (ISO); default 2026-03-01T00:00:00.000Z. */
  start?: string;
  /** Share of items turned into broken payloads (default 0). */
  malformedRate?: number;
  /** Share of replies emitted just before their parent (default 0.02). */
  outOfOrderRate?: number;
  /**
   * Mean items per hour outside spikes (varies by hour of day); default count/96 within [20, 500], so a run
   * covers three to four days (spikes add volume on top).
   */
  postsPerHour?: number;
  /**
   * Post ids are `idBase + hour block × 1,000,000 + serial` (default 100,000,000): a later run of the same
   * community (the demo's live phase) takes another base so its ids never meet the first run's.
   */
  idBase?: number;
  /**
   * Share of customer-to-customer replies in brand threads that do not name the brand (default 0.5, about
   * half, as on real platforms; see bare-replies.ts): they belong to the brand only through their thread
   * (ground truth `threadBrand`). Drawn from a stream of its own, so the share changes texts only, never the
   * threads.
   */
  bareReplyShare?: number;
}

export interface SimItem {
  index: number;
  nativeId: string;
  payload: unknown;
  truth: GroundTruth;
}

/** A window where one brand's volume rises and turns negative (an incident such as a recall or an outage). */
export interface SpikeWindow {
  brand: string;
  start: string;
  end: string;
  story: string;
}

const HOUR = 3_600_000;
const DEFAULT_START = '2026-03-01T00:00:00.000Z';
/** Native ids are `<1e8 + block·1e6 + serial>`, so a block holds at most this many items. */
const MAX_PER_BLOCK = 999_999;

/** Posting volume by UTC hour of day (Europe-centred audience), mean 1. */
const DIURNAL = (() => {
  const raw = [
    0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.6, 0.9, 1.1, 1.2, 1.25, 1.3, 1.35, 1.3, 1.25, 1.25, 1.3, 1.4, 1.5,
    1.55, 1.5, 1.3, 0.95, 0.6,
  ];
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((v) => v / mean);
})();
/** Spike intensity over the hours of a window: volume multiplier of the brand's usual share. */
const SPIKE_PROFILE = [3, 6, 5, 4, 3, 2];
/** Share of all brand talk that one brand has outside spikes (three brands plus off-topic chatter). */
const BRAND_SHARE = 0.3;

const BASE_SENTIMENT = weights<Sentiment>([
  ['negative', 27],
  ['neutral', 33],
  ['positive', 40],
]);
const SPIKE_SENTIMENT = weights<Sentiment>([
  ['negative', 78],
  ['neutral', 16],
  ['positive', 6],
]);
const INFLUENCER_SENTIMENT = weights<Sentiment>([
  ['negative', 25],
  ['neutral', 25],
  ['positive', 50],
]);
/** How a complainant answers the brand's reply: mostly calmer, sometimes still angry, sometimes pleased. */
const FOLLOW_UP_SENTIMENT = weights<Sentiment>([
  ['negative', 3],
  ['neutral', 5],
  ['positive', 2],
]);
/** Star ratings by the review's sentiment: correlated, not fixed. */
const RATINGS: Record<Sentiment, Weights<number>> = {
  negative: weights([
    [1, 6],
    [2, 4],
  ]),
  neutral: weights([
    [2, 1],
    [3, 7],
    [4, 2],
  ]),
  positive: weights([
    [4, 4],
    [5, 6],
  ]),
};

type ThreadKind =
  'offTopic' | 'broadcast' | 'vertical' | 'lateral' | 'influencer' | 'review' | 'spam' | 'multiBrand';
const NORMAL_KINDS = weights<ThreadKind>([
  ['offTopic', 16],
  ['broadcast', 4],
  ['vertical', 22],
  ['lateral', 20],
  ['influencer', 0.8],
  ['review', 14],
  ['spam', 2],
  ['multiBrand', 0.5],
]);
/** Share of ordinary threads started by a celebrity (decided on the celebrity stream, see BlockContext). */
const CELEBRITY_THREAD_SHARE = 0.01;
const SPIKE_KINDS = weights<ThreadKind>([
  ['vertical', 40],
  ['lateral', 34],
  ['influencer', 1.5],
  ['review', 12],
  ['broadcast', 3],
]);

const BREAKAGES = [
  'missing_id',
  'bad_timestamp',
  'missing_author',
  'content_not_string',
  'rating_out_of_range',
  'unknown_kind',
  'truncated_json',
] as const;

const VERSIONS: Record<string, readonly string[]> = {
  fietsfabriek: ['2025.1', '2025.2', '2026.1'],
  kaffeekraft: ['3.1.0', '3.2.0', '3.2.1'],
  lumora: ['4.0.2', '4.1.0', '4.1.1'],
};
const SPAM_DOMAINS = ['deals-now.example', 'cheap-buy.example', 'promo-hub.example', 'gratis-win.example'];

type Rng = () => number;

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** A weighted choice, prepared once (choices run for every post). */
interface Weights<K> {
  keys: K[];
  cumulative: number[];
}
function weights<K extends string | number>(table: [K, number][]): Weights<K> {
  let total = 0;
  const cumulative = table.map(([, w]) => (total += w));
  return { keys: table.map(([k]) => k), cumulative: cumulative.map((c) => c / total) };
}
function weighted<K>(rng: Rng, w: Weights<K>): K {
  const r = rng();
  const c = w.cumulative;
  for (let i = 0; i < c.length - 1; i++) if (r < c[i]!) return w.keys[i]!;
  return w.keys[c.length - 1]!;
}

/** Exponential waiting time with the given mean. */
const expo = (rng: Rng, mean: number) => -Math.log(1 - rng()) * mean;

/** Number of further events with the given mean (geometric). */
const geometric = (rng: Rng, mean: number) => Math.floor(Math.log(1 - rng()) / Math.log(mean / (mean + 1)));

function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

// ---------------------------------------------------------------------------------------------------------

interface ThreadState {
  rootId: string;
  mix: ThreadMix;
  mode?: GroundTruth['threadMode'];
}

interface ReviewData {
  rating: number;
  title: string;
  version: string;
  brand: SimulatedBrand;
  response?: { id: string; authorId: string; body: string; at: number };
}

/** A post while its block is being built; it becomes a payload and a ground truth when the block is done. */
interface SimPost {
  serial: number;
  nativeId: string;
  postId: string;
  kind: 'status' | 'review';
  at: number;
  author: Persona;
  lang: Lang;
  text: string;
  brands: string[];
  direction: Direction | null;
  sentiment: Sentiment;
  thread: ThreadState;
  replyTo?: SimPost;
  quoteOf?: SimPost;
  repostOf?: SimPost;
  review?: ReviewData;
  likes: number;
  externalReposts: number;
  replies: number;
  reposts: number;
  spike: boolean;
  /** A reply that does not name its brand: in the brand's thread only. */
  bare?: true;
}

interface BlockPlan {
  /** Items of ordinary traffic. */
  normal: number;
  /** Extra items about brands in a spike window this hour. */
  spikes: { brand: string; story: Story; items: number }[];
}

export function createSimulator(options: SimulatorOptions): {
  brands: SimulatedBrand[];
  spikes: SpikeWindow[];
  items(fromIndex?: number): Generator<SimItem>;
} {
  const seed = String(options.seed);
  const count = Math.max(0, Math.floor(options.count));
  const start = Date.parse(options.start ?? DEFAULT_START);
  if (Number.isNaN(start)) throw new Error(`simulator: start is not a date: ${options.start}`);
  const perHour = options.postsPerHour ?? Math.min(500, Math.max(20, Math.round(count / 96)));
  if (!(perHour > 0)) throw new Error('simulator: postsPerHour must be positive');
  const malformedRate = options.malformedRate ?? 0;
  const outOfOrderRate = options.outOfOrderRate ?? 0.02;

  // A community grows with the run so that per-author volumes stay plausible (a few posts a day per person).
  const community = buildCommunity(seed, Math.min(20_000, Math.max(400, Math.round(count / 8))), start);

  const windows = placeSpikes(seed, Math.max(1, Math.ceil(count / perHour)));
  const spikes: SpikeWindow[] = windows.map((w) => ({
    brand: w.brand,
    start: new Date(start + w.fromHour * HOUR).toISOString(),
    end: new Date(start + (w.fromHour + w.hours) * HOUR).toISOString(),
    story: w.story.id,
  }));

  function plan(block: number): BlockPlan {
    const rng = seedrandom.alea(`${seed}:plan:${block}`);
    const diurnal = DIURNAL[new Date(start + block * HOUR).getUTCHours()]!;
    const normal = poisson(rng, perHour * diurnal);
    const active: BlockPlan['spikes'] = [];
    for (const w of windows) {
      const h = block - w.fromHour;
      if (h < 0 || h >= w.hours) continue;
      const mult = SPIKE_PROFILE[Math.min(h, SPIKE_PROFILE.length - 1)]!;
      // An incident is loud even at night, but less so than in the evening.
      const mean = perHour * BRAND_SHARE * (mult - 1) * Math.max(0.8, diurnal);
      active.push({ brand: w.brand, story: w.story, items: poisson(rng, mean) });
    }
    return { normal, spikes: active };
  }
  const planSize = (p: BlockPlan) =>
    Math.min(MAX_PER_BLOCK, p.normal + p.spikes.reduce((a, s) => a + s.items, 0));

  function* items(fromIndex = 0): Generator<SimItem> {
    const from = Math.max(0, Math.floor(fromIndex));
    if (from >= count) return;
    // Skip whole blocks by their planned sizes: no text is generated for them.
    let block = 0;
    let offset = 0;
    for (;;) {
      const size = Math.min(planSize(plan(block)), count - offset);
      if (offset + size > from) break;
      offset += size;
      block++;
    }
    while (offset < count) {
      const p = plan(block);
      const size = Math.min(planSize(p), count - offset);
      if (size > 0) {
        const built = buildBlock(block, p, size);
        for (let i = Math.max(0, from - offset); i < built.length; i++) yield built.item(i, offset + i);
      }
      offset += size;
      block++;
    }
  }

  /** Generates one block: whole threads until the planned size, then time order, reordering and breakage. */
  function buildBlock(block: number, p: BlockPlan, size: number) {
    const ctx = new BlockContext(
      seed,
      block,
      start + block * HOUR,
      community,
      windows,
      options.idBase,
      options.bareReplyShare,
    );
    // Ordinary traffic first, then the incidents: the split keeps each spike's extra volume as planned.
    let budget = Math.min(p.normal, size);
    ctx.fill(budget, undefined);
    for (const s of p.spikes) {
      const n = Math.min(s.items, size - budget);
      if (n <= 0) continue;
      ctx.fill(n, s);
      budget += n;
    }
    const built = ctx.finish(malformedRate, outOfOrderRate);
    // Indexes are assigned from planned sizes, so a block must hold exactly its planned size.
    if (built.length !== size)
      throw new Error(`simulator: block ${block} built ${built.length} of ${size} items`);
    return built;
  }

  return {
    brands: simulatedBrands.map((b) => ({ ...b, handles: [...b.handles], accountIds: [...b.accountIds] })),
    spikes,
    items,
  };
}

interface PlacedSpike {
  brand: string;
  story: Story;
  fromHour: number;
  hours: number;
}

/**
 * One or two spike windows per brand, spread over 8–60% of the expected period (spikes add volume, so the run
 * ends well before `count / postsPerHour` hours) without overlapping where room allows.
 */
function placeSpikes(seed: string, expectedHours: number): PlacedSpike[] {
  const rng = seedrandom.alea(`${seed}:spikes`);
  const wanted: { brand: string; story: Story }[] = [];
  for (const b of simulatedBrands) {
    const stories = STORIES[b.name]!;
    const first = Math.floor(rng() * stories.length);
    wanted.push({ brand: b.name, story: stories[first]! });
    if (rng() < 0.5) wanted.push({ brand: b.name, story: stories[(first + 1) % stories.length]! });
  }
  // Shuffle so that brands do not always spike in the same order.
  for (let i = wanted.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [wanted[i], wanted[j]] = [wanted[j]!, wanted[i]!];
  }
  const from = Math.floor(expectedHours * 0.08);
  const slot = (expectedHours * 0.52) / wanted.length;
  return wanted.map((w, i) => {
    const hours = 3 + Math.floor(rng() * 4);
    const room = Math.max(0, slot - hours);
    return { ...w, fromHour: from + Math.floor(i * slot + rng() * room), hours };
  });
}

// ---------------------------------------------------------------------------------------------------------

/** Builds the threads of one block; all randomness comes from the block's sub-seeds. */
class BlockContext {
  /** The random stream threads draw from: the block's own, or `side` while a celebrity thread is built. */
  private rng: Rng;
  /** Celebrity threads have a stream of their own, so adding them left every other thread as it was. */
  private readonly side: Rng;
  /** Which lateral replies leave the brand unnamed, and their texts: a stream of its own (see bareReplyShare). */
  private readonly bare: Rng;
  private readonly end: number;
  private readonly posts: SimPost[] = [];
  private thread: SimPost[] = [];
  private serial = 0;
  private spike: { brand: string; story: Story } | undefined;
  /** Brands inside a spike window during this block's hour. */
  private readonly spiking: Set<string>;

  constructor(
    private readonly seed: string,
    private readonly block: number,
    private readonly t0: number,
    private readonly community: Community,
    windows: PlacedSpike[],
    private readonly idBase = 100_000_000,
    private readonly bareReplyShare = DEFAULT_BARE_REPLY_SHARE,
  ) {
    this.bare = seedrandom.alea(`${seed}:block:${block}:bare`);
    this.rng = seedrandom.alea(`${seed}:block:${block}`);
    this.side = seedrandom.alea(`${seed}:block:${block}:celebrity`);
    this.end = t0 + HOUR;
    this.spiking = new Set(
      windows.filter((w) => block >= w.fromHour && block < w.fromHour + w.hours).map((w) => w.brand),
    );
  }

  /** Adds threads until `budget` more posts; the last thread is cut to fit (parents precede their replies). */
  fill(budget: number, spike: { brand: string; story: Story } | undefined): void {
    this.spike = spike;
    let left = budget;
    while (left > 0) {
      this.thread = [];
      if (spike) {
        const brand = brandByName.get(spike.brand)!;
        this.buildThread(weighted(this.rng, SPIKE_KINDS), brand);
      } else if (this.side() < CELEBRITY_THREAD_SHARE) {
        const main = this.rng;
        this.rng = this.side;
        try {
          this.celebrity();
        } finally {
          this.rng = main;
        }
      } else {
        this.buildThread(weighted(this.rng, NORMAL_KINDS), undefined);
      }
      const kept = this.thread.slice(0, left);
      for (const post of kept) {
        if (post.replyTo) post.replyTo.replies++;
        if (post.repostOf) post.repostOf.reposts++;
        this.posts.push(post);
      }
      left -= kept.length;
    }
  }

  private buildThread(kind: ThreadKind, brand: SimulatedBrand | undefined): void {
    switch (kind) {
      case 'offTopic':
        return this.offTopic();
      case 'broadcast':
        return this.broadcast(brand ?? pick(this.rng, simulatedBrands));
      case 'vertical':
        return this.vertical(brand);
      case 'lateral':
        return this.lateral(brand);
      case 'influencer':
        return this.influencer(brand);
      case 'review':
        return this.review(brand);
      case 'spam':
        return this.spamBurst();
      case 'multiBrand':
        return this.multiBrand();
    }
  }

  // ---- people, brands, times, sentiment -----------------------------------------------------------------

  /** Activity is skewed: the first tenth of each list (regulars) writes about a third of its posts. */
  private person(list: readonly Persona[], not?: Persona): Persona {
    for (let attempt = 0; attempt < 4; attempt++) {
      const span = this.rng() < 0.25 ? Math.ceil(list.length / 10) : list.length;
      const p = list[Math.floor(span * this.rng())]!;
      if (p !== not) return p;
    }
    return list[0] === not && list.length > 1 ? list[1]! : list[0]!;
  }

  private customer(lang?: Lang, not?: Persona): Persona {
    // Conversations mostly stay in one language, with the occasional outsider.
    const pool =
      lang && this.rng() < 0.85 ? this.community.customersByLang[lang] : this.community.byRole.customer;
    return this.person(pool, not);
  }

  private brandFor(author: Persona): SimulatedBrand {
    // People talk most about the brand from their own market.
    const home = simulatedBrands.find((b) => b.lang === author.lang);
    if (home && this.rng() < 0.4) return home;
    return pick(this.rng, simulatedBrands);
  }

  private care(brand: SimulatedBrand): Persona {
    const accounts = this.community.brandAccounts.get(brand.name)!;
    return accounts.length > 1 && this.rng() < 0.75 ? accounts[1]! : accounts[0]!;
  }

  private main(brand: SimulatedBrand): Persona {
    return this.community.brandAccounts.get(brand.name)![0]!;
  }

  private rootTime(latest = 0.85): number {
    return this.t0 + Math.floor(this.rng() * HOUR * latest);
  }

  /** A reaction `meanMs` after its parent on average, squeezed smoothly into the block (never before the parent). */
  private after(parent: number, meanMs: number): number {
    const room = this.end - 1 - parent - 1000;
    if (room <= 0) return Math.min(this.end - 1, parent + 1);
    const gap = expo(this.rng, meanMs);
    return parent + 1000 + Math.floor(room * (1 - Math.exp(-gap / room)));
  }

  /** Every post of a block lies inside the block's hour, and windows are whole hours. */
  private inSpike(brand: string): boolean {
    return this.spiking.has(brand);
  }

  private sentiment(brand: string | undefined): Sentiment {
    return weighted(this.rng, this.spike && brand === this.spike.brand ? SPIKE_SENTIMENT : BASE_SENTIMENT);
  }

  /** Repliers tend to agree with what they answer. */
  private echo(parent: Sentiment, brand: string | undefined): Sentiment {
    return this.rng() < 0.55 ? parent : this.sentiment(brand);
  }

  // ---- texts ------------------------------------------------------------------------------------------------

  private text(templates: Templates, lang: Lang, sentiment: Sentiment, brand?: SimulatedBrand): string {
    return this.render(pick(this.rng, templates[lang][sentiment]), lang, sentiment, brand);
  }

  private render(template: string, lang: Lang, sentiment: Sentiment, brand?: SimulatedBrand): string {
    const rng = this.rng;
    const slots: Record<string, string> = {
      D: pick(rng, DURATIONS[lang]),
      I: pick(rng, INTENSIFIERS[lang]),
      E: pick(rng, EMOJI[sentiment]),
    };
    if (brand) {
      const phrases = BRAND_PHRASES[brand.name]![lang];
      slots.B = brand.displayName;
      slots.P = brand.product;
      slots.MY = phrases.my;
      slots.C = pick(rng, phrases.clauses[sentiment]);
      slots.T = brand.name;
      if (this.spike?.brand === brand.name) slots.X = pick(rng, this.spike.story.clauses[lang]);
    }
    return fillTemplate(template, slots);
  }

  /** Talk about the brand; during the brand's incident most of it is about the incident. */
  private brandTalk(templates: Templates, lang: Lang, sentiment: Sentiment, brand: SimulatedBrand): string {
    const incident = this.spike?.brand === brand.name && this.rng() < (sentiment === 'negative' ? 0.75 : 0.4);
    let text = this.text(incident ? SPIKE : templates, lang, sentiment, brand);
    if (this.rng() < 0.15 && !text.includes(`#${brand.name}`)) text += ` #${brand.name}`;
    return text;
  }

  // ---- posts ------------------------------------------------------------------------------------------------

  private nextId(): { serial: number; number: string } {
    const serial = this.serial++;
    return { serial, number: String(this.idBase + this.block * 1_000_000 + serial) };
  }

  private status(
    author: Persona,
    at: number,
    text: string,
    sentiment: Sentiment,
    brands: string[],
    lang: Lang,
    ref: { replyTo?: SimPost; quoteOf?: SimPost; repostOf?: SimPost } = {},
  ): SimPost {
    const { serial, number } = this.nextId();
    const parent = ref.replyTo ?? ref.quoteOf ?? ref.repostOf;
    const postId = `simulator:${number}`;
    const thread: ThreadState = parent
      ? parent.thread
      : { rootId: postId, mix: { brand: false, toBrand: false, lateral: false } };
    const post: SimPost = {
      serial,
      nativeId: number,
      postId,
      kind: 'status',
      at,
      author,
      lang,
      text,
      brands,
      direction: directionOf(author, brands, text, parent),
      sentiment,
      thread,
      ...ref,
      likes: this.likes(author),
      externalReposts:
        author.role === 'influencer' || author.role === 'brand' || author.role === 'celebrity'
          ? geometric(this.rng, 8)
          : geometric(this.rng, 0.2),
      replies: 0,
      reposts: 0,
      spike: brands.length > 0 && brands.some((b) => this.inSpike(b)),
    };
    this.thread.push(post);
    return post;
  }

  private likes(author: Persona): number {
    switch (author.role) {
      case 'influencer':
        return 50 + geometric(this.rng, 400);
      case 'celebrity':
        // Likes from a large audience outside the brand's community: popularity, not resonance.
        return 200 + geometric(this.rng, 2000);
      case 'brand':
        return 5 + geometric(this.rng, 60);
      case 'customer':
        return geometric(this.rng, 2 + author.followers / 500);
      default:
        return geometric(this.rng, 0.3);
    }
  }

  private reply(
    author: Persona,
    parent: SimPost,
    body: string,
    sentiment: Sentiment,
    meanMs: number,
    lang = parent.lang,
  ): SimPost {
    return this.status(
      author,
      this.after(parent.at, meanMs),
      `@${parent.author.handle} ${body}`,
      sentiment,
      parent.brands.slice(0, 1),
      lang,
      {
        replyTo: parent,
      },
    );
  }

  private repost(author: Persona, original: SimPost, at: number): SimPost {
    return this.status(author, at, original.text, original.sentiment, original.brands, original.lang, {
      repostOf: original,
    });
  }

  /** Reposts in bursts (bots fire within seconds of each other) and a few spread-out ones by people. */
  private amplify(original: SimPost, bots: number, people: number): void {
    let at = this.after(original.at, 4 * 60_000);
    for (let i = 0; i < bots; i++) {
      this.repost(this.person(this.community.byRole.bot), original, Math.min(this.end - 1, at));
      at += 500 + Math.floor(this.rng() * 4000);
    }
    for (let i = 0; i < people; i++)
      this.repost(this.customer(), original, this.after(original.at, 20 * 60_000));
  }

  /** The brand answers a customer in the customer's language. */
  private brandAnswer(brand: SimulatedBrand, to: SimPost, meanMs: number): SimPost {
    const kind =
      to.sentiment === 'negative' ? 'complaint' : to.sentiment === 'positive' ? 'praise' : 'question';
    const sentiment: Sentiment = kind === 'praise' ? 'positive' : 'neutral';
    const body = this.render(pick(this.rng, BRAND_REPLY[to.lang][kind]), to.lang, sentiment, brand);
    return this.reply(this.care(brand), to, body, sentiment, meanMs);
  }

  private peerReply(author: Persona, to: SimPost, brand: SimulatedBrand, meanMs = 12 * 60_000): SimPost {
    const sentiment = this.echo(to.sentiment, brand.name);
    const lang = author.lang;
    const post = this.reply(
      author,
      to,
      this.brandTalk(PEER_REPLY, lang, sentiment, brand),
      sentiment,
      meanMs,
      lang,
    );
    if (author.role !== 'brand' && to.author.role !== 'brand' && this.bare() < this.bareReplyShare) {
      const rng = this.bare;
      const body = fillTemplate(pick(rng, BARE_REPLY[lang][sentiment]), {
        D: pick(rng, DURATIONS[lang]),
        I: pick(rng, INTENSIFIERS[lang]),
        E: pick(rng, EMOJI[sentiment]),
      });
      post.text = `@${to.author.handle} ${body}`;
      post.bare = true;
    }
    return post;
  }

  // ---- thread kinds -------------------------------------------------------------------------------------

  /** One-way by default: many announcements get no reaction at all. */
  private broadcast(brand: SimulatedBrand): void {
    const account = this.main(brand);
    const at = this.rootTime(0.7);
    let root: SimPost;
    if (this.spike?.brand === brand.name && this.rng() < 0.6) {
      root = this.status(account, at, this.spike.story.notice, 'neutral', [brand.name], brand.lang);
    } else {
      const sentiment: Sentiment = this.rng() < 0.35 ? 'positive' : 'neutral';
      const text = this.render(
        pick(this.rng, BROADCAST[brand.lang]![sentiment]),
        brand.lang,
        sentiment,
        brand,
      );
      root = this.status(account, at, text, sentiment, [brand.name], brand.lang);
    }
    if (this.rng() < 0.35) return;
    const reactions = 1 + geometric(this.rng, 2);
    const replies: SimPost[] = [];
    for (let i = 0; i < reactions; i++) {
      const r = this.rng();
      const c = this.customer(brand.lang);
      const sentiment = this.sentiment(brand.name);
      if (r < 0.6) {
        const body = this.text(REACT, c.lang, sentiment, brand);
        replies.push(this.reply(c, root, body, sentiment, 15 * 60_000, c.lang));
      } else if (r < 0.75) {
        this.status(
          c,
          this.after(root.at, 20 * 60_000),
          this.brandTalk(QUOTE, c.lang, sentiment, brand),
          sentiment,
          [brand.name],
          c.lang,
          {
            quoteOf: root,
          },
        );
      } else {
        this.amplify(root, 1 + geometric(this.rng, 2), this.rng() < 0.5 ? 1 : 0);
      }
    }
    for (const reply of replies) {
      if (this.rng() < 0.35) this.brandAnswer(brand, reply, 25 * 60_000);
      // Sometimes customers start talking among themselves under the announcement (hybrid).
      if (this.rng() < 0.12) this.peerReply(this.customer(reply.lang, reply.author), reply, brand);
    }
  }

  /** A customer addresses the brand; the brand may answer (two-way), others may chime in (hybrid). */
  private vertical(spikeBrand: SimulatedBrand | undefined): void {
    const author = this.customerOrInfluencer();
    const brand = spikeBrand ?? this.brandFor(author);
    const accounts = this.community.brandAccounts.get(brand.name)!;
    const addressed = accounts.length > 1 && this.rng() < 0.3 ? accounts[1]! : accounts[0]!;
    const sentiment = this.sentiment(brand.name);
    const body = this.brandTalk(ADDRESS, author.lang, sentiment, brand);
    const root = this.status(
      author,
      this.rootTime(),
      `@${addressed.handle} ${body}`,
      sentiment,
      [brand.name],
      author.lang,
    );

    const incident = this.spike?.brand === brand.name;
    if (this.rng() < 0.15) {
      const peer = this.peerReply(this.customer(author.lang, author), root, brand);
      if (this.rng() < 0.3) this.peerReply(author, peer, brand);
    }
    // During an incident the care desk is overwhelmed: fewer and later answers.
    if (this.rng() < (incident ? 0.3 : 0.65)) {
      const answer = this.brandAnswer(brand, root, incident ? 45 * 60_000 : 20 * 60_000);
      if (this.rng() < 0.5) {
        const s =
          root.sentiment === 'negative'
            ? weighted(this.rng, FOLLOW_UP_SENTIMENT)
            : this.echo(root.sentiment, brand.name);
        const follow = this.reply(
          author,
          answer,
          this.text(FOLLOW_UP, author.lang, s, brand),
          s,
          10 * 60_000,
          author.lang,
        );
        if (this.rng() < 0.4) this.brandAnswer(brand, follow, 15 * 60_000);
      }
    }
  }

  /** Customers talk about the brand with each other (multiway); sometimes the brand steps in (hybrid). */
  private lateral(spikeBrand: SimulatedBrand | undefined): void {
    const author = this.customerOrInfluencer();
    const brand = spikeBrand ?? this.brandFor(author);
    const sentiment = this.sentiment(brand.name);
    const root = this.status(
      author,
      this.rootTime(),
      this.brandTalk(ABOUT, author.lang, sentiment, brand),
      sentiment,
      [brand.name],
      author.lang,
    );

    const thread: SimPost[] = [root];
    const replies = this.rng() < 0.35 ? 0 : 1 + geometric(this.rng, 2.5);
    for (let i = 0; i < replies; i++) {
      const to = this.rng() < 0.6 ? root : pick(this.rng, thread);
      // The thread's author often answers the people who reply to them.
      const who =
        to !== root && to.author !== author && this.rng() < 0.4
          ? author
          : this.customer(root.lang, to.author);
      thread.push(this.peerReply(who, to, brand));
    }
    if (this.rng() < 0.1) {
      const c = this.customer(root.lang, author);
      const s = this.echo(sentiment, brand.name);
      this.status(
        c,
        this.after(root.at, 30 * 60_000),
        this.brandTalk(QUOTE, c.lang, s, brand),
        s,
        [brand.name],
        c.lang,
        { quoteOf: root },
      );
    }
    if (this.rng() < 0.12) this.amplify(root, this.rng() < 0.5 ? 1 + geometric(this.rng, 1.5) : 0, 1);
    if (this.rng() < (this.spike?.brand === brand.name ? 0.2 : 0.12)) {
      const answer = this.brandAnswer(brand, root, 40 * 60_000);
      if (this.rng() < 0.6) {
        const s = this.echo(root.sentiment, brand.name);
        this.reply(author, answer, this.text(FOLLOW_UP, author.lang, s, brand), s, 10 * 60_000, author.lang);
      }
    }
  }

  /** An influencer's post draws many replies, quotes and (bot) reposts. */
  private influencer(spikeBrand: SimulatedBrand | undefined): void {
    const author = this.person(this.community.byRole.influencer);
    const brand = spikeBrand ?? this.brandFor(author);
    const sentiment = weighted(this.rng, spikeBrand ? SPIKE_SENTIMENT : INFLUENCER_SENTIMENT);
    const root = this.status(
      author,
      this.rootTime(0.5),
      this.brandTalk(INFLUENCER, author.lang, sentiment, brand),
      sentiment,
      [brand.name],
      author.lang,
    );

    const thread: SimPost[] = [root];
    const replies = 4 + geometric(this.rng, 8);
    for (let i = 0; i < replies; i++) {
      const to = this.rng() < 0.75 ? root : pick(this.rng, thread);
      const who = to !== root && this.rng() < 0.3 ? author : this.customer(root.lang, to.author);
      thread.push(this.peerReply(who, to, brand, 8 * 60_000));
    }
    const quotes = 1 + geometric(this.rng, 1.5);
    for (let i = 0; i < quotes; i++) {
      const c = this.customer(root.lang, author);
      const s = this.echo(sentiment, brand.name);
      this.status(
        c,
        this.after(root.at, 15 * 60_000),
        this.brandTalk(QUOTE, c.lang, s, brand),
        s,
        [brand.name],
        c.lang,
        { quoteOf: root },
      );
    }
    this.amplify(root, 3 + geometric(this.rng, 5), 2 + geometric(this.rng, 4));
    if (this.rng() < 0.3) this.brandAnswer(brand, root, 30 * 60_000);
  }

  /**
   * A celebrity mentions a brand in passing: a big audience and many likes, but few people in the brand's
   * community answer (most such posts get no reply at all, some one or two).
   */
  private celebrity(): void {
    const author = this.person(this.community.byRole.celebrity);
    const brand = this.brandFor(author);
    const sentiment = weighted(this.rng, INFLUENCER_SENTIMENT);
    const root = this.status(
      author,
      this.rootTime(0.7),
      this.brandTalk(INFLUENCER, author.lang, sentiment, brand),
      sentiment,
      [brand.name],
      author.lang,
    );
    const replies = this.rng() < 0.6 ? 0 : this.rng() < 0.75 ? 1 : 2;
    for (let i = 0; i < replies; i++)
      this.peerReply(this.customer(root.lang, author), root, brand, 20 * 60_000);
  }

  private review(spikeBrand: SimulatedBrand | undefined): void {
    const author = this.customer();
    const brand = spikeBrand ?? this.brandFor(author);
    const sentiment = this.sentiment(brand.name);
    const rating = weighted(this.rng, RATINGS[sentiment]);
    const title = this.render(
      pick(this.rng, REVIEW_TITLE[author.lang][sentiment]),
      author.lang,
      sentiment,
      brand,
    );
    const body = this.brandTalk(REVIEW_BODY, author.lang, sentiment, brand);
    const post = this.reviewPost(author, brand, this.rootTime(), rating, title, body, sentiment);
    if (this.rng() < (sentiment === 'negative' ? 0.45 : 0.2)) {
      const template = pick(
        this.rng,
        OWNER_RESPONSE[author.lang][sentiment === 'negative' ? 'negative' : 'other'],
      );
      post.review!.response = {
        id: `dr${post.nativeId.slice(1)}`,
        authorId: this.care(brand).id,
        body: this.render(template, author.lang, 'neutral', brand),
        // Owners answer hours or days later; the answer lives inside the review payload, not in the time order.
        at: post.at + HOUR + Math.floor(this.rng() * 47 * HOUR),
      };
      post.thread.mix.brand = true;
    }
  }

  private reviewPost(
    author: Persona,
    brand: SimulatedBrand,
    at: number,
    rating: number,
    title: string,
    body: string,
    sentiment: Sentiment,
  ): SimPost {
    const { serial, number } = this.nextId();
    const nativeId = `r${number}`;
    const postId = `simulator:${nativeId}`;
    const post: SimPost = {
      serial,
      nativeId,
      postId,
      kind: 'review',
      at,
      author,
      lang: author.lang,
      text: body,
      brands: [brand.name],
      direction: 'customer_to_brand',
      sentiment,
      thread: { rootId: postId, mix: { brand: false, toBrand: false, lateral: false } },
      review: { rating, title, version: pick(this.rng, VERSIONS[brand.name]!), brand },
      likes: 0,
      externalReposts: 0,
      replies: 0,
      reposts: 0,
      spike: this.inSpike(brand.name),
    };
    this.thread.push(post);
    return post;
  }

  /** A spammer floods near-duplicates within minutes (each a thread of its own), or posts fake 5★ reviews. */
  private spamBurst(): void {
    const spammer = this.person(this.community.byRole.spammer);
    const brand = pick(this.rng, simulatedBrands);
    const domain = pick(this.rng, SPAM_DOMAINS);
    const link = () => `https://${domain}/${brand.name}-${1000 + Math.floor(this.rng() * 9000)}`;
    let at = this.rootTime(0.6);
    if (this.rng() < 0.2) {
      const fake = SPAM_REVIEW[spammer.lang];
      for (const b of simulatedBrands) {
        const body = fillTemplate(fake.body, {
          P: b.product,
          N: String(10 * (2 + Math.floor(this.rng() * 7))),
          L: link(),
        });
        this.reviewPost(spammer, b, at, 5, fake.title, body, 'positive');
        at += 20_000 + Math.floor(this.rng() * 60_000);
      }
      return;
    }
    const template = pick(this.rng, SPAM[spammer.lang]);
    const n = 3 + geometric(this.rng, 5);
    for (let i = 0; i < n && at < this.end; i++) {
      const text = fillTemplate(template, {
        P: brand.product,
        T: brand.name,
        N: String(10 * (2 + Math.floor(this.rng() * 7))),
        L: link(),
      });
      this.status(spammer, at, text, 'neutral', [brand.name], spammer.lang);
      at += 15_000 + Math.floor(this.rng() * 75_000);
    }
  }

  private offTopic(): void {
    const r = this.rng();
    const author =
      r < 0.9
        ? this.customer()
        : r < 0.95
          ? this.person(this.community.byRole.influencer)
          : this.person(this.community.byRole.bot);
    const sentiment = this.sentiment(undefined);
    const root = this.status(
      author,
      this.rootTime(),
      this.text(OFF_TOPIC, author.lang, sentiment),
      sentiment,
      [],
      author.lang,
    );
    const replies = this.rng() < 0.6 ? 0 : 1 + geometric(this.rng, 1);
    for (let i = 0; i < replies; i++) {
      const c = this.customer(root.lang, author);
      const s = this.echo(sentiment, undefined);
      this.reply(c, root, this.text(OFF_TOPIC_REPLY, c.lang, s), s, 15 * 60_000, c.lang);
    }
    if (this.rng() < 0.08) this.amplify(root, 1, 0);
  }

  private multiBrand(): void {
    const entry = pick(this.rng, MULTI_BRAND);
    const author = this.customer(entry.lang);
    // The entry's language wins over the author's: pick a speaker of it where possible.
    const speaker =
      author.lang === entry.lang ? author : this.person(this.community.customersByLang[entry.lang]);
    this.status(speaker, this.rootTime(), entry.text, entry.sentiment, [...entry.brands], entry.lang);
  }

  private customerOrInfluencer(): Persona {
    return this.rng() < 0.03 ? this.person(this.community.byRole.influencer) : this.customer();
  }

  // ---- output -------------------------------------------------------------------------------------------

  /** Time order, thread modes, late parents and breakage; returns the block's items in output order. */
  finish(malformedRate: number, outOfOrderRate: number): BlockOutput {
    for (const post of this.posts) {
      // Reposts amplify without adding a message, so they leave the mode alone (see `modeOf`).
      if (post.repostOf) continue;
      const mix = post.thread.mix;
      if (post.direction === 'brand_to_customer') mix.brand = true;
      else if (post.direction === 'customer_to_brand') mix.toBrand = true;
      else mix.lateral = true;
    }
    for (const post of this.posts) post.thread.mode ??= modeOf(post.thread.mix);

    const order = [...this.posts].sort((a, b) => a.at - b.at || a.serial - b.serial);

    // Real platforms deliver some replies before their parent: move them just in front of it. Parents come
    // first in time order, so a moved parent is already in place when its own replies are considered.
    const late = new Set<SimPost>();
    if (outOfOrderRate > 0) {
      const rng = seedrandom.alea(`${this.seed}:order:${this.block}`);
      const inBlock = new Set(this.posts);
      for (const post of [...order]) {
        if (!post.replyTo || !inBlock.has(post.replyTo) || rng() >= outOfOrderRate) continue;
        order.splice(order.indexOf(post), 1);
        order.splice(order.indexOf(post.replyTo), 0, post);
        late.add(post);
      }
    }

    const broken = new Map<SimPost, (typeof BREAKAGES)[number]>();
    if (malformedRate > 0) {
      const rng = seedrandom.alea(`${this.seed}:malformed:${this.block}`);
      for (const post of order) {
        if (rng() >= malformedRate) continue;
        let how = pick(rng, BREAKAGES);
        if (how === 'rating_out_of_range' && post.kind !== 'review') how = 'unknown_kind';
        broken.set(post, how);
      }
    }

    return new BlockOutput(order, broken, late, this.community);
  }
}

/** A generated block in output order; payloads are built only for the items actually yielded. */
class BlockOutput {
  constructor(
    private readonly order: SimPost[],
    private readonly broken: Map<SimPost, (typeof BREAKAGES)[number]>,
    private readonly late: Set<SimPost>,
    private readonly community: Community,
  ) {}

  get length(): number {
    return this.order.length;
  }

  item(position: number, index: number): SimItem {
    const post = this.order[position]!;
    const how = this.broken.get(post);
    const payload = post.kind === 'review' ? reviewPayload(post) : statusPayload(post, this.community);
    return {
      index,
      nativeId: post.nativeId,
      payload: how ? breakPayload(payload, how) : payload,
      truth: truthOf(post, index, how, this.late.has(post)),
    };
  }
}

/** docs/architecture.md §6 direction rules, for the first brand the post is about. */
function directionOf(
  author: Persona,
  brands: string[],
  text: string,
  parent: SimPost | undefined,
): Direction | null {
  const brand = brands[0];
  if (!brand) return null;
  if (author.role === 'brand') return 'brand_to_customer';
  // Replies, quotes and reposts (a repost is a quote without comment) follow the author they react to.
  if (parent) return parent.author.role === 'brand' ? 'customer_to_brand' : 'customer_to_customer';
  const first = /^@([a-z0-9_]+)/.exec(text)?.[1];
  if (first && brandByName.get(brand)!.handles.includes(first)) return 'customer_to_brand';
  return 'customer_to_customer';
}

const WORD = /[\w@]/;
const HANDLE_CHAR = /[a-z0-9_]/;
const TAG = /(?:^|\s)#([\p{L}\p{N}_]+)/gu;

/** Mentions and tags as the platform would extract them from the text (they always agree with it). */
function entities(
  post: SimPost,
  community: Community,
): { mentions: { id: string; acct: string }[]; tags: { name: string }[] } {
  const text = post.text;
  const mentions: { id: string; acct: string }[] = [];
  // A hand-rolled scan: about half of all posts are replies with mentions, and matchAll is slow here.
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at > 0 && WORD.test(text[at - 1]!)) continue;
    let end = at + 1;
    while (end < text.length && HANDLE_CHAR.test(text[end]!)) end++;
    const p = end > at + 1 ? community.byHandle.get(text.slice(at + 1, end)) : undefined;
    if (p && !mentions.some((x) => x.id === p.id)) mentions.push({ id: p.id, acct: p.handle });
  }
  const tags: { name: string }[] = [];
  if (text.includes('#')) {
    for (const m of text.matchAll(TAG)) {
      const name = m[1]!.toLowerCase();
      if (!tags.some((t) => t.name === name)) tags.push({ name });
    }
  }
  return { mentions, tags };
}

function statusPayload(post: SimPost, community: Community): Record<string, unknown> {
  const a = post.author;
  const { mentions, tags } = entities(post.repostOf ?? post, community);
  return {
    kind: 'status',
    id: post.nativeId,
    created_at: new Date(post.at).toISOString(),
    url: `https://social.example/@${a.handle}/${post.nativeId}`,
    language: post.lang,
    account: {
      id: a.id,
      acct: a.handle,
      display_name: a.name,
      followers_count: a.followers,
      following_count: a.following,
      created_at: a.createdAt,
      bot: a.bot,
    },
    content: post.text,
    in_reply_to_id: post.replyTo?.nativeId ?? null,
    in_reply_to_account_id: post.replyTo?.author.id ?? null,
    quote_id: post.quoteOf?.nativeId ?? null,
    // Platforms embed the quoted/boosted post with its account (Mastodon `reblog.account`, Bluesky embeds).
    quote_account_id: post.quoteOf?.author.id ?? null,
    reblog_of_id: post.repostOf?.nativeId ?? null,
    reblog_account_id: post.repostOf?.author.id ?? null,
    mentions,
    tags,
    favourites_count: post.likes,
    reblogs_count: post.reposts + post.externalReposts,
    replies_count: post.replies,
  };
}

function reviewPayload(post: SimPost): Record<string, unknown> {
  const r = post.review!;
  const payload: Record<string, unknown> = {
    kind: 'review',
    id: post.nativeId,
    updated: new Date(post.at).toISOString(),
    author: { id: post.author.id, name: post.author.name },
    rating: r.rating,
    title: r.title,
    content: post.text,
    version: r.version,
    language: post.lang,
    app: { id: r.brand.appId, name: r.brand.product },
  };
  if (r.response) {
    payload.developer_response = {
      id: r.response.id,
      author_id: r.response.authorId,
      body: r.response.body,
      modified: new Date(r.response.at).toISOString(),
    };
  }
  return payload;
}

/** Breaks a payload the way real feeds do; every breakage must fail the simulator normaliser's schema. */
function breakPayload(payload: Record<string, unknown>, how: (typeof BREAKAGES)[number]): unknown {
  const review = payload.kind === 'review';
  switch (how) {
    case 'missing_id':
      delete payload.id;
      break;
    case 'bad_timestamp':
      // Not ISO, but sorts before ISO dates, so string-compared watermarks are not thrown forward.
      payload[review ? 'updated' : 'created_at'] = '02/03/2026 09:15';
      break;
    case 'missing_author':
      delete payload[review ? 'author' : 'account'];
      break;
    case 'content_not_string':
      payload.content = 42;
      break;
    case 'rating_out_of_range':
      payload.rating = 7;
      break;
    case 'unknown_kind':
      payload.kind = 'poll';
      break;
    case 'truncated_json': {
      const json = JSON.stringify(payload);
      return json.slice(0, Math.floor(json.length / 2));
    }
  }
  return payload;
}

function truthOf(
  post: SimPost,
  index: number,
  malformed: string | undefined,
  outOfOrder: boolean,
): GroundTruth {
  const truth: GroundTruth = {
    index,
    postId: post.postId,
    kind: post.kind,
    authorId: `simulator:${post.author.id}`,
    authorRole: post.author.role,
    lang: post.lang,
    brands: post.brands,
    direction: post.direction,
    threadRootId: post.thread.rootId,
    threadMode: post.thread.mode!,
    sentiment: post.sentiment,
    spike: post.spike,
  };
  if (malformed) truth.malformed = malformed;
  if (outOfOrder) truth.outOfOrder = true;
  if (post.replyTo) truth.replyTo = post.replyTo.postId;
  if (post.quoteOf) truth.quoteOf = post.quoteOf.postId;
  if (post.repostOf) truth.repostOf = post.repostOf.postId;
  if (post.bare) truth.threadBrand = post.brands[0]!;
  if (post.review?.response)
    truth.ownerReply = { postId: `simulator:${post.review.response.id}`, direction: 'brand_to_customer' };
  return truth;
}
