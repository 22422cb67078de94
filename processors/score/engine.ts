import type { AuthorFlag, AuthorScore } from '../../schema/author-score.ts';
import { behaviourPrior, detectFlags, type BehaviourSignals } from './behaviour.ts';
import { LRUCache } from 'lru-cache';
import { deserializeAuthorState, serializeAuthorState } from './codec.ts';
import { DAY_MS, decayFactor, lateWeight, ratePerDay } from './decay.ts';
import { communityInfluence, influenceConfidence, meetsEvidenceRule } from './community-influence.ts';
import type { InfluenceFeatures } from './influence.ts';
import { eventMs, type ScoringInteraction, type ScoringPost, type ScoringProfile } from './inputs.ts';
import { resolveOptions, type ScoringOptions } from './options.ts';
import { buildGraph, pagerank } from './pagerank.ts';
import { addReactor, countReactors } from './reactor-sketch.ts';
import { betaReputation, IGNORED_POST_CHARGE, REPEAT_REACTOR_WEIGHT } from './reputation.ts';
import {
  addInEdge,
  ageAuthor,
  B,
  brandActivity,
  F,
  FAST_HALF_LIFE_MS,
  I,
  newAuthorState,
  newBrandState,
  TEXT_RING,
  type AuthorState,
  type BrandState,
} from './state.ts';
import { bandKeys, SIGNATURE_SLOTS, signatureSimilarity, textSignature } from './text-signature.ts';

/** How much each kind of reaction says about the author reacted to. */
const KIND_WEIGHT: Record<ScoringInteraction['kind'], number> = {
  repost: 1,
  quote: 1,
  reply: 0.8,
  mention: 0.5,
  review_reply: 0.5,
};

/** Negative reputation evidence per observed spam/bot signal. */
const SIGNAL_CHARGE = { duplicateOwn: 1, duplicateCross: 0.5, burst: 0.5, syncRepost: 1 } as const;

const LINK = /https?:\/\//g;

export interface TrustResult {
  trust: number;
  reputation: number;
  positive: number;
  negative: number;
  prior: number;
  factors: Record<string, number>;
}

export interface RecomputeReport {
  brand: string;
  nodes: number;
  edges: number;
  iterations: number;
}

/**
 * Streaming influence and trust scoring (docs/architecture.md §6), pure and in memory. Feed it posts and interactions in
 * any order (time comes from the events, never from the clock, so a replay gives the same scores); it keeps
 * bounded state per author, recomputes PageRank and community percentiles every `recomputeEveryMs` of event
 * time (or when asked), and produces `AuthorScore` records and per-author checkpoints on demand.
 */
export class ScoringEngine {
  readonly options: ScoringOptions;
  private readonly authors = new Map<string, AuthorState>();
  private readonly seen: LRUCache<string, true>;
  /** Latest repost of each post: who and when (synchronised-repost detection). */
  private readonly reposts: LRUCache<string, { author: string; at: number; synced: boolean }>;
  /** LSH band key → the last two distinct authors who posted a text in that bucket, and when. */
  private readonly duplicates: LRUCache<number, { authors: string[]; at: number[] }>;
  /** Decayed mean rating per brand on a 0–1 scale (rating deviation). */
  private readonly ratings = new Map<string, { sum: number; weight: number; at: number }>();
  /** Sorted raw influence scores of each community at the last recompute (percentiles). */
  private readonly communities = new Map<string, Float64Array>();
  private readonly changed = new Set<string>();
  private clock = 0;
  private lastRecompute = Number.NEGATIVE_INFINITY;

  constructor(options: Partial<ScoringOptions> = {}) {
    this.options = resolveOptions(options);
    this.seen = new LRUCache({ max: this.options.dedupeCapacity });
    this.reposts = new LRUCache({ max: this.options.repostIndexCapacity });
    this.duplicates = new LRUCache({ max: this.options.duplicateIndexCapacity });
  }

  /** Latest event time seen (ms). */
  get now(): number {
    return this.clock;
  }

  get authorCount(): number {
    return this.authors.size;
  }

  authorIds(): IterableIterator<string> {
    return this.authors.keys();
  }

  /** One of a configured brand's own accounts (as the posts said). */
  isBrand(authorId: string): boolean {
    return this.authors.get(authorId)?.profile.isBrand === true;
  }

  brandsOf(authorId: string): string[] {
    return [...(this.authors.get(authorId)?.brands.keys() ?? [])];
  }

  // ---- input ----------------------------------------------------------------------------------------------

  ingestPost(post: ScoringPost): void {
    if (!post.authorId) return; // nobody to score: an empty id would merge every author-less post into one
    const t = eventMs(post.createdAt);
    const state = this.touch(post.authorId, t);
    if (post.profile) this.updateProfile(state, post.profile);
    const o = this.options;

    if (this.firstTime(`p\u0000${post.postId}`)) {
      const w = lateWeight(t, state.at, o.trustHalfLifeMs);
      const b = state.behaviour;
      this.countDay(state, t);
      if (state.lastItemAt > 0 && Math.abs(t - state.lastItemAt) <= o.burstGapMs) {
        b[B.burst]! += w;
        b[B.negative]! += SIGNAL_CHARGE.burst * w;
      }
      state.lastItemAt = Math.max(state.lastItemAt, t);
      if (post.isRepost) b[B.reposts]! += w;
      else {
        b[B.posts]! += w;
        b[B.negative]! += IGNORED_POST_CHARGE * w;
        const links = post.links ?? post.text.match(LINK)?.length ?? 0;
        if (links > 0) b[B.linkPosts]! += w;
        this.textEvidence(state, post.text, t, w);
        if (post.review) this.reviewEvidence(state, post, t, w);
      }
    }
    for (const brand of post.brands) {
      if (!this.firstTime(`b\u0000${post.postId}\u0000${brand}`)) continue;
      const bs = this.brandState(state, brand);
      if (!post.isRepost) bs.counters[I.posts]! += lateWeight(t, state.at, o.influenceHalfLifeMs);
    }
    this.changed.add(state.id);
    this.maybeRecompute();
  }

  ingestInteraction(interaction: ScoringInteraction): void {
    const { from, to, kind, brand } = interaction;
    if (!from || !to) return; // a post without an author reacts to nobody and is reacted to by nobody
    if (from === to) return; // answering in one's own thread is not a reaction from someone else
    const key =
      interaction.id ??
      `${kind}\u0000${from}\u0000${to}\u0000${interaction.postId ?? ''}\u0000${interaction.targetPostId ?? ''}`;
    if (!this.firstTime(`i\u0000${key}`)) return;
    const t = eventMs(interaction.at);
    const o = this.options;
    const reactor = this.touch(from, t);
    const target = this.touch(to, t);

    const wTrustReactor = lateWeight(t, reactor.at, o.trustHalfLifeMs);
    reactor.behaviour[B.sent]! += wTrustReactor;
    reactor.fast[F.sent]! += lateWeight(t, reactor.at, FAST_HALF_LIFE_MS);
    if (kind === 'repost' && interaction.targetPostId)
      this.repostTiming(reactor, interaction.targetPostId, t, wTrustReactor);

    const reactorTrust = this.trust(reactor).trust / 100;
    const weight = reactorTrust * this.hyperactivityDiscount(reactor) * KIND_WEIGHT[kind];
    this.brandState(reactor, brand); // reacting in a community makes one a member of it
    const bs = this.brandState(target, brand);
    const wInfluence = lateWeight(t, target.at, o.influenceHalfLifeMs);
    bs.counters[I.weighted]! += weight * wInfluence;
    const slot =
      kind === 'repost'
        ? I.reposts
        : kind === 'quote'
          ? I.quotes
          : kind === 'mention'
            ? I.mentions
            : I.replies;
    bs.counters[slot]! += wInfluence;
    addReactor(bs.reactors, from);
    const { repeat } = addInEdge(bs, from, weight * wInfluence, o.maxInEdges);
    target.behaviour[B.positive]! +=
      (repeat ? REPEAT_REACTOR_WEIGHT : 1) *
      (weight / KIND_WEIGHT[kind]) *
      lateWeight(t, target.at, o.trustHalfLifeMs);

    this.changed.add(reactor.id);
    this.changed.add(target.id);
    this.maybeRecompute();
  }

  // ---- output ---------------------------------------------------------------------------------------------

  /** Trust of an author now (0–100) with its parts; an unknown author has the neutral 50. */
  trustOf(authorId: string): TrustResult {
    const state = this.authors.get(authorId);
    if (!state) return { trust: 50, reputation: 0.5, positive: 0, negative: 0, prior: 1, factors: {} };
    return this.trust(state);
  }

  /** Flags of an author (author-wide: the same in every community). */
  flagsOf(authorId: string): AuthorFlag[] {
    const state = this.authors.get(authorId);
    return state ? detectFlags(this.signals(state)) : [];
  }

  /** Behaviour signals of an author (decayed counts), as the prior and the flags see them. */
  signalsOf(authorId: string): BehaviourSignals | undefined {
    const state = this.authors.get(authorId);
    return state ? this.signals(state) : undefined;
  }

  /** The score of an author in one brand community, as of the latest event time; undefined if not a member. */
  score(authorId: string, brand: string): AuthorScore | undefined {
    const state = this.authors.get(authorId);
    const bs = state?.brands.get(brand);
    if (!state || !bs) return undefined;
    const asOf = Math.max(this.clock, state.at);
    const features = this.influenceFeatures(state, bs, asOf);
    const { score: raw, evidence, audience, components } = communityInfluence(features);
    const reactors = Math.round(features.uniqueReactors ?? 0);
    const trust = this.trust(state, asOf);
    const f = decayFactor(asOf - state.at, this.options.influenceHalfLifeMs);
    const c = bs.counters;
    const posts = c[I.posts]! * f;
    return {
      authorId,
      brand,
      influence: this.percentile(brand, raw),
      influenceConfidence: round4(influenceConfidence(reactors, this.options.confidenceHalfReactors)),
      hasEvidence: meetsEvidenceRule(reactors, this.options.minEvidenceReactors),
      trust: round2(trust.trust),
      components: {
        influence: {
          raw: round4(raw),
          evidence: round4(evidence),
          audience: round4(audience),
          ...mapValues(components, round4),
          weightedReactions: round4(c[I.weighted]! * f),
          repostsReceived: round4(c[I.reposts]! * f),
          quotesReceived: round4(c[I.quotes]! * f),
          repliesReceived: round4(c[I.replies]! * f),
          mentionsReceived: round4(c[I.mentions]! * f),
          uniqueReactors: reactors,
          posts: round4(posts),
          amplificationPerPost: round4(((c[I.reposts]! + c[I.quotes]!) * f) / Math.max(1, posts)),
          pagerank: round4(bs.pagerank),
          followers: state.profile.followers ?? 0,
        },
        trust: {
          reputation: round4(trust.reputation),
          positiveEvidence: round4(trust.positive),
          negativeEvidence: round4(trust.negative),
          prior: round4(trust.prior),
          factors: mapValues(trust.factors, round4),
        },
      },
      flags: detectFlags(this.signals(state)),
      updatedAt: new Date(asOf).toISOString(),
      model: this.options.model,
      version: Math.round(asOf),
    };
  }

  /** Every author × brand score (for a full refresh of the table). */
  *scores(): Generator<AuthorScore> {
    for (const [id, state] of this.authors) {
      for (const brand of state.brands.keys()) {
        const s = this.score(id, brand);
        if (s) yield s;
      }
    }
  }

  /** Authors changed since the last call (the ones whose scores and checkpoints to emit). */
  takeChanged(): string[] {
    const ids = [...this.changed];
    this.changed.clear();
    return ids;
  }

  /** Checkpoint of one author: the value for `lateral.authors.v1` (key: author id). */
  snapshot(authorId: string): Buffer | undefined {
    const state = this.authors.get(authorId);
    return state ? serializeAuthorState(state) : undefined;
  }

  /** Restores an author from a checkpoint (replacing what the engine had). */
  restore(checkpoint: Buffer): string {
    const state = deserializeAuthorState(checkpoint);
    this.authors.set(state.id, state);
    this.clock = Math.max(this.clock, state.at);
    return state.id;
  }

  /** Forgets an author entirely (GDPR erasure); returns whether it was known. */
  forget(authorId: string): boolean {
    this.changed.delete(authorId);
    return this.authors.delete(authorId);
  }

  // ---- erasure (lateral forget-author; processors/erasure) -------------------------------------------------

  /**
   * Erases authors: their state goes, and so do the in-edges they left in other authors' graphs (those
   * authors are marked changed, so their next checkpoint no longer names them). The short-memory caches
   * (seen event ids, latest repost per post, text buckets) are never checkpointed and roll over by capacity.
   */
  eraseAuthors(isErased: (authorId: string) => boolean): { erased: string[]; touched: string[] } {
    const erased: string[] = [];
    const touched: string[] = [];
    for (const [id, state] of this.authors) {
      if (isErased(id)) {
        erased.push(id);
        continue;
      }
      let changed = false;
      for (const bs of state.brands.values()) {
        const kept = bs.edges.filter((e) => !isErased(e.from));
        if (kept.length !== bs.edges.length) {
          bs.edges = kept;
          changed = true;
        }
      }
      if (changed) touched.push(id);
    }
    for (const id of erased) this.forget(id);
    for (const id of touched) this.changed.add(id);
    return { erased, touched };
  }

  /** Drops authors not touched since `beforeMs` (their checkpoint stays in the compacted topic). */
  evictIdle(beforeMs: number): number {
    let n = 0;
    for (const [id, state] of this.authors) {
      if (state.at >= beforeMs) continue;
      this.authors.delete(id);
      n++;
    }
    return n;
  }

  /**
   * PageRank on each community's reactor → author graph (edges: the bounded top-k in-edges, decayed to now),
   * warm-started from the ranks stored in the authors' state, then the percentile tables. All communities,
   * or only the ones named.
   */
  recompute(onlyBrands?: readonly string[]): RecomputeReport[] {
    const o = this.options;
    const members = new Map<string, AuthorState[]>();
    for (const state of this.authors.values())
      for (const brand of state.brands.keys()) {
        if (onlyBrands && !onlyBrands.includes(brand)) continue;
        let list = members.get(brand);
        if (!list) members.set(brand, (list = []));
        list.push(state);
      }
    const reports: RecomputeReport[] = [];
    for (const [brand, list] of members) {
      const index = new Map<string, number>();
      list.forEach((s, i) => index.set(s.id, i));
      const edges: [number, number, number][] = [];
      for (let v = 0; v < list.length; v++) {
        const s = list[v]!;
        const f = decayFactor(this.clock - s.at, o.influenceHalfLifeMs);
        for (const e of s.brands.get(brand)!.edges) {
          const u = index.get(e.from);
          if (u !== undefined) edges.push([u, v, e.weight * f]);
        }
      }
      const graph = buildGraph(list.length, edges);
      const initial = list.map((s) => s.brands.get(brand)!.pagerank);
      const result = pagerank(graph, {
        damping: o.pagerankDamping,
        tolerance: o.pagerankTolerance,
        maxIterations: o.pagerankMaxIterations,
        initial,
      });
      list.forEach((s, i) => (s.brands.get(brand)!.pagerank = result.ranks[i]! * list.length));
      const raws = new Float64Array(list.length);
      list.forEach(
        (s, i) =>
          (raws[i] = communityInfluence(this.influenceFeatures(s, s.brands.get(brand)!, this.clock)).score),
      );
      raws.sort();
      this.communities.set(brand, raws);
      reports.push({
        brand,
        nodes: list.length,
        edges: graph.inSource.length,
        iterations: result.iterations,
      });
    }
    if (!onlyBrands) this.lastRecompute = this.clock;
    return reports;
  }

  // ---- internals ------------------------------------------------------------------------------------------

  private firstTime(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }

  private touch(id: string, t: number): AuthorState {
    let state = this.authors.get(id);
    if (!state) this.authors.set(id, (state = newAuthorState(id, t)));
    ageAuthor(state, t, this.options);
    if (t > this.clock) this.clock = t;
    return state;
  }

  private maybeRecompute() {
    const every = this.options.recomputeEveryMs;
    if (every > 0 && this.clock - this.lastRecompute >= every) this.recompute();
  }

  private updateProfile(state: AuthorState, p: ScoringProfile) {
    const profile = state.profile;
    if (p.followers !== undefined) profile.followers = p.followers;
    if (p.following !== undefined) profile.following = p.following;
    if (p.listed !== undefined) profile.listed = p.listed;
    if (p.createdAt !== undefined) profile.accountCreatedMs = eventMs(p.createdAt);
    if (p.bot !== undefined) profile.bot = p.bot || undefined;
    if (p.isBrand) profile.isBrand = true;
  }

  private brandState(state: AuthorState, brand: string): BrandState {
    let bs = state.brands.get(brand);
    if (bs) return bs;
    if (state.brands.size >= this.options.maxBrandsPerAuthor) {
      let weakest: string | undefined;
      let least = Infinity;
      for (const [name, b] of state.brands) {
        const a = brandActivity(b);
        if (a < least) {
          least = a;
          weakest = name;
        }
      }
      if (weakest !== undefined) state.brands.delete(weakest);
    }
    state.brands.set(brand, (bs = newBrandState(this.options.reactorPrecision)));
    return bs;
  }

  /** Posts per UTC day: a new day folds the finished one into the (decayed) maximum. */
  private countDay(state: AuthorState, t: number) {
    const day = Math.floor(t / DAY_MS);
    if (day > state.day) {
      const f = decayFactor((day - state.day) * DAY_MS, this.options.trustHalfLifeMs);
      state.maxPerDay = Math.max(state.maxPerDay * f, state.postsToday);
      state.day = day;
      state.postsToday = 0;
    }
    if (day === state.day) state.postsToday++;
  }

  /** Near-duplicates of the author's own recent posts and of other accounts' recent posts. */
  private textEvidence(state: AuthorState, text: string, t: number, w: number) {
    const signature = textSignature(text);
    if (!signature) return;
    const b = state.behaviour;
    b[B.textPosts]! += w;
    const kept = Math.min(state.texts, TEXT_RING);
    for (let k = 1; k <= kept; k++) {
      const slot = (state.texts - k) % TEXT_RING;
      if (
        signatureSimilarity(signature, state.recentTexts, slot * SIGNATURE_SLOTS) >=
        this.options.nearDuplicateSimilarity
      ) {
        b[B.duplicateOwn]! += w;
        b[B.negative]! += SIGNAL_CHARGE.duplicateOwn * w;
        break;
      }
    }
    state.recentTexts.set(signature, (state.texts % TEXT_RING) * SIGNATURE_SLOTS);
    state.texts++;

    // Coordination is the same text from several accounts at once: this one and two others in the window.
    let cross = false;
    const window = this.options.crossDuplicateWindowMs;
    for (const key of bandKeys(signature, this.options.crossDuplicateBands)) {
      const bucket = this.duplicates.get(key) ?? { authors: [], at: [] };
      let others = 0;
      for (let i = 0; i < bucket.authors.length; i++)
        if (bucket.authors[i] !== state.id && Math.abs(t - bucket.at[i]!) <= window) others++;
      if (others >= 2) cross = true;
      const mine = bucket.authors.indexOf(state.id);
      if (mine >= 0) {
        bucket.authors.splice(mine, 1);
        bucket.at.splice(mine, 1);
      }
      bucket.authors.push(state.id);
      bucket.at.push(t);
      if (bucket.authors.length > 2) {
        bucket.authors.shift();
        bucket.at.shift();
      }
      this.duplicates.set(key, bucket);
    }
    if (cross) {
      b[B.duplicateCross]! += w;
      b[B.negative]! += SIGNAL_CHARGE.duplicateCross * w;
    }
  }

  /** A rating at the scale's end and far from the brand's running mean. */
  private reviewEvidence(state: AuthorState, post: ScoringPost, t: number, w: number) {
    const { rating, maxRating } = post.review!;
    if (!(maxRating > 0)) return;
    const value = Math.min(1, Math.max(0, rating / maxRating));
    state.behaviour[B.reviews]! += w;
    for (const brand of post.brands) {
      let mean = this.ratings.get(brand);
      if (!mean) this.ratings.set(brand, (mean = { sum: 0, weight: 0, at: t }));
      if (t > mean.at) {
        const f = decayFactor(t - mean.at, this.options.trustHalfLifeMs);
        mean.sum *= f;
        mean.weight *= f;
        mean.at = t;
      }
      // Judged against the mean of the others before this review joins it (needs some history first).
      const extreme = value <= 1 / maxRating + 1e-9 || value >= 1 - 1e-9;
      if (mean.weight >= 5 && extreme && Math.abs(value - mean.sum / mean.weight) >= 0.3) {
        state.behaviour[B.extremeReviews]! += w;
        break;
      }
      mean.sum += value;
      mean.weight += 1;
    }
  }

  /** Reposts of one post by different accounts within seconds of each other: automation, both sides. */
  private repostTiming(reactor: AuthorState, targetPostId: string, t: number, w: number) {
    const last = this.reposts.get(targetPostId);
    let synced = false;
    if (last && last.author !== reactor.id && Math.abs(t - last.at) <= this.options.syncRepostWindowMs) {
      synced = true;
      reactor.behaviour[B.syncReposts]! += w;
      reactor.behaviour[B.negative]! += SIGNAL_CHARGE.syncRepost * w;
      const previous = last.synced ? undefined : this.authors.get(last.author);
      if (previous) {
        const wp = lateWeight(last.at, previous.at, this.options.trustHalfLifeMs);
        previous.behaviour[B.syncReposts]! += wp;
        previous.behaviour[B.negative]! += SIGNAL_CHARGE.syncRepost * wp;
        this.changed.add(previous.id);
      }
    }
    this.reposts.set(targetPostId, { author: reactor.id, at: t, synced });
  }

  private hyperactivityDiscount(state: AuthorState): number {
    const rate = ratePerDay(state.fast[F.sent]!, FAST_HALF_LIFE_MS);
    const limit = this.options.hyperactiveReactionsPerDay;
    return rate > limit ? Math.sqrt(limit / rate) : 1;
  }

  private signals(state: AuthorState): BehaviourSignals {
    const b = state.behaviour;
    const p = state.profile;
    return {
      posts: b[B.posts]!,
      reposts: b[B.reposts]!,
      textPosts: b[B.textPosts]!,
      linkPosts: b[B.linkPosts]!,
      duplicateOwn: b[B.duplicateOwn]!,
      duplicateCross: b[B.duplicateCross]!,
      burst: b[B.burst]!,
      reviews: b[B.reviews]!,
      extremeReviews: b[B.extremeReviews]!,
      syncReposts: b[B.syncReposts]!,
      maxPerDay: Math.max(state.maxPerDay, state.postsToday),
      ...(p.accountCreatedMs !== undefined
        ? { accountAgeDays: (state.at - p.accountCreatedMs) / DAY_MS }
        : {}),
      ...(p.followers !== undefined ? { followers: p.followers } : {}),
      ...(p.following !== undefined ? { following: p.following } : {}),
      ...(p.bot ? { declaredBot: true } : {}),
      ...(p.isBrand ? { isBrand: true } : {}),
    };
  }

  private trust(state: AuthorState, asOf = state.at): TrustResult {
    const f = decayFactor(asOf - state.at, this.options.trustHalfLifeMs);
    const positive = state.behaviour[B.positive]! * f;
    const negative = state.behaviour[B.negative]! * f;
    const reputation = betaReputation(positive, negative);
    const { prior, factors } = behaviourPrior(this.signals(state));
    return { trust: 100 * reputation * prior, reputation, positive, negative, prior, factors };
  }

  /** The author's features in one community, decayed to `asOf`, as `scoreInfluence` takes them. */
  private influenceFeatures(state: AuthorState, bs: BrandState, asOf: number): InfluenceFeatures {
    const f = decayFactor(asOf - state.at, this.options.influenceHalfLifeMs);
    const c = bs.counters;
    const raw = c[I.reposts]! + c[I.quotes]! + c[I.replies]! + c[I.mentions]!;
    // Received reactions enter trust-weighted: split the weighted total in the raw proportions.
    const scale = raw > 0 ? c[I.weighted]! / raw : 0;
    return {
      followers: state.profile.followers,
      following: state.profile.following,
      listed: state.profile.listed,
      posts: c[I.posts]! * f,
      repostsReceived: (c[I.reposts]! + c[I.quotes]!) * scale * f,
      mentionsReceived: (c[I.replies]! + c[I.mentions]!) * scale * f,
      uniqueReactors: countReactors(bs.reactors),
      // Sent counts are not passed: they are kept with the trust half-life, received ones with the influence
      // half-life, and the chatter term would compare the two scales.
      pagerank: bs.pagerank,
    };
  }

  /**
   * Share of the community scoring below `raw` (ties count half), 0–100. No reactions (raw 0) is 0: nobody has
   * less evidence, and the tie with everyone else who has none must not lift it to the middle of the table.
   */
  private percentile(brand: string, raw: number): number {
    if (!(raw > 0)) return 0;
    let sorted = this.communities.get(brand);
    if (!sorted) {
      this.recompute([brand]);
      sorted = this.communities.get(brand);
    }
    if (!sorted || sorted.length === 0) return 50;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < raw) lo = mid + 1;
      else hi = mid;
    }
    let equal = lo;
    while (equal < sorted.length && sorted[equal] === raw) equal++;
    return round2((100 * (lo + 0.5 * (equal - lo))) / sorted.length);
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function mapValues<T extends object>(o: T, f: (v: number) => number): { [K in keyof T]: number } {
  const out = {} as { [K in keyof T]: number };
  for (const k of Object.keys(o) as (keyof T)[]) out[k] = f(o[k] as number);
  return out;
}
