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
  B,
  BEHAVIOUR_SLOTS,
  F,
  FAST_HALF_LIFE_MS,
  FAST_SLOTS,
  I,
  INFLUENCE_SLOTS,
  TEXT_RING,
} from './state.ts';
import { AuthorStore, PF } from './store.ts';
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
  /** Per-author state, by author slot (`a`) and community record (`r`); see store.ts. */
  private readonly store = new AuthorStore();
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
    return this.store.count;
  }

  *authorIds(): IterableIterator<string> {
    for (const a of this.store.slotsInOrder()) yield this.store.id(a);
  }

  /** One of a configured brand's own accounts (as the posts said). */
  isBrand(authorId: string): boolean {
    const a = this.store.slot(authorId);
    return a >= 0 && this.store.isBrand(a);
  }

  brandsOf(authorId: string): string[] {
    const st = this.store;
    const a = st.slot(authorId);
    const names: string[] = [];
    if (a >= 0) for (let r = st.firstBrand(a); r >= 0; r = st.nextBrand(r)) names.push(st.brandName(r));
    return names;
  }

  // ---- input ----------------------------------------------------------------------------------------------

  ingestPost(post: ScoringPost): void {
    if (!post.authorId) return; // nobody to score: an empty id would merge every author-less post into one
    const t = eventMs(post.createdAt);
    const st = this.store;
    const a = this.touch(post.authorId, t);
    if (post.profile) this.updateProfile(a, post.profile);
    const o = this.options;

    if (this.firstTime(`p\u0000${post.postId}`)) {
      const w = lateWeight(t, st.at[a]!, o.trustHalfLifeMs);
      const b = a * BEHAVIOUR_SLOTS;
      this.countDay(a, t);
      const last = st.lastItemAt[a]!;
      if (last > 0 && Math.abs(t - last) <= o.burstGapMs) {
        st.behaviour[b + B.burst]! += w;
        st.behaviour[b + B.negative]! += SIGNAL_CHARGE.burst * w;
      }
      st.lastItemAt[a] = Math.max(last, t);
      if (post.isRepost) st.behaviour[b + B.reposts]! += w;
      else {
        st.behaviour[b + B.posts]! += w;
        st.behaviour[b + B.negative]! += IGNORED_POST_CHARGE * w;
        const links = post.links ?? post.text.match(LINK)?.length ?? 0;
        if (links > 0) st.behaviour[b + B.linkPosts]! += w;
        this.textEvidence(a, post.text, t, w);
        if (post.review) this.reviewEvidence(a, post, t, w);
      }
    }
    for (const brand of post.brands) {
      if (!this.firstTime(`b\u0000${post.postId}\u0000${brand}`)) continue;
      const r = this.brandState(a, brand);
      if (!post.isRepost)
        st.counters[r * INFLUENCE_SLOTS + I.posts]! += lateWeight(t, st.at[a]!, o.influenceHalfLifeMs);
    }
    this.changed.add(st.id(a));
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
    const st = this.store;
    const reactor = this.touch(from, t);
    const target = this.touch(to, t);

    const wTrustReactor = lateWeight(t, st.at[reactor]!, o.trustHalfLifeMs);
    st.behaviour[reactor * BEHAVIOUR_SLOTS + B.sent]! += wTrustReactor;
    st.fast[reactor * FAST_SLOTS + F.sent]! += lateWeight(t, st.at[reactor]!, FAST_HALF_LIFE_MS);
    if (kind === 'repost' && interaction.targetPostId)
      this.repostTiming(reactor, interaction.targetPostId, t, wTrustReactor);

    const reactorTrust = this.trust(reactor).trust / 100;
    const weight = reactorTrust * this.hyperactivityDiscount(reactor) * KIND_WEIGHT[kind];
    this.brandState(reactor, brand); // reacting in a community makes one a member of it
    const r = this.brandState(target, brand);
    const c = r * INFLUENCE_SLOTS;
    const wInfluence = lateWeight(t, st.at[target]!, o.influenceHalfLifeMs);
    st.counters[c + I.weighted]! += weight * wInfluence;
    const slot =
      kind === 'repost'
        ? I.reposts
        : kind === 'quote'
          ? I.quotes
          : kind === 'mention'
            ? I.mentions
            : I.replies;
    st.counters[c + slot]! += wInfluence;
    addReactor(st.reactors(r, true), from);
    const { repeat } = st.addInEdge(r, from, weight * wInfluence, o.maxInEdges);
    st.behaviour[target * BEHAVIOUR_SLOTS + B.positive]! +=
      (repeat ? REPEAT_REACTOR_WEIGHT : 1) *
      (weight / KIND_WEIGHT[kind]) *
      lateWeight(t, st.at[target]!, o.trustHalfLifeMs);

    this.changed.add(st.id(reactor));
    this.changed.add(st.id(target));
    this.maybeRecompute();
  }

  // ---- output ---------------------------------------------------------------------------------------------

  /** Trust of an author now (0–100) with its parts; an unknown author has the neutral 50. */
  trustOf(authorId: string): TrustResult {
    const a = this.store.slot(authorId);
    if (a < 0) return { trust: 50, reputation: 0.5, positive: 0, negative: 0, prior: 1, factors: {} };
    return this.trust(a);
  }

  /** Flags of an author (author-wide: the same in every community). */
  flagsOf(authorId: string): AuthorFlag[] {
    const a = this.store.slot(authorId);
    return a >= 0 ? detectFlags(this.signals(a)) : [];
  }

  /** Behaviour signals of an author (decayed counts), as the prior and the flags see them. */
  signalsOf(authorId: string): BehaviourSignals | undefined {
    const a = this.store.slot(authorId);
    return a >= 0 ? this.signals(a) : undefined;
  }

  /** The score of an author in one brand community, as of the latest event time; undefined if not a member. */
  score(authorId: string, brand: string): AuthorScore | undefined {
    const st = this.store;
    const a = st.slot(authorId);
    const r = a >= 0 ? st.findBrand(a, brand) : -1;
    if (r < 0) return undefined;
    const asOf = Math.max(this.clock, st.at[a]!);
    const features = this.influenceFeatures(a, r, asOf);
    const { score: raw, evidence, audience, components } = communityInfluence(features);
    const reactors = Math.round(features.uniqueReactors ?? 0);
    const trust = this.trust(a, asOf);
    const f = decayFactor(asOf - st.at[a]!, this.options.influenceHalfLifeMs);
    const c = st.counters.subarray(r * INFLUENCE_SLOTS, (r + 1) * INFLUENCE_SLOTS);
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
          pagerank: round4(st.pagerank[r]!),
          followers: st.profileValue(a, PF.followers) ?? 0,
        },
        trust: {
          reputation: round4(trust.reputation),
          positiveEvidence: round4(trust.positive),
          negativeEvidence: round4(trust.negative),
          prior: round4(trust.prior),
          factors: mapValues(trust.factors, round4),
        },
      },
      flags: detectFlags(this.signals(a)),
      updatedAt: new Date(asOf).toISOString(),
      model: this.options.model,
      version: Math.round(asOf),
    };
  }

  /** Every author × brand score (for a full refresh of the table). */
  *scores(): Generator<AuthorScore> {
    for (const id of this.authorIds()) {
      for (const brand of this.brandsOf(id)) {
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
    const a = this.store.slot(authorId);
    return a >= 0 ? serializeAuthorState(this.store.toState(a)) : undefined;
  }

  /** Restores an author from a checkpoint (replacing what the engine had). */
  restore(checkpoint: Buffer): string {
    const state = deserializeAuthorState(checkpoint);
    this.store.load(state);
    this.clock = Math.max(this.clock, state.at);
    return state.id;
  }

  /** Forgets an author entirely (GDPR erasure); returns whether it was known. */
  forget(authorId: string): boolean {
    this.changed.delete(authorId);
    const a = this.store.slot(authorId);
    if (a < 0) return false;
    this.store.remove(a);
    return true;
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
    const st = this.store;
    for (const a of st.slotsInOrder()) {
      const id = st.id(a);
      if (isErased(id)) {
        erased.push(id);
        continue;
      }
      let changed = false;
      for (let r = st.firstBrand(a); r >= 0; r = st.nextBrand(r))
        if (st.filterEdges(r, isErased)) changed = true;
      if (changed) touched.push(id);
    }
    for (const id of erased) this.forget(id);
    for (const id of touched) this.changed.add(id);
    return { erased, touched };
  }

  /** Drops authors not touched since `beforeMs` (their checkpoint stays in the compacted topic). */
  evictIdle(beforeMs: number): number {
    let n = 0;
    for (const a of this.store.slotsInOrder()) {
      if (this.store.at[a]! >= beforeMs) continue;
      this.store.remove(a);
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
    const st = this.store;
    // Members of each community: author slots and their record there, communities in order of first sight.
    const members = new Map<number, { brand: string; authors: number[]; records: number[] }>();
    for (const a of st.slotsInOrder())
      for (let r = st.firstBrand(a); r >= 0; r = st.nextBrand(r)) {
        const brand = st.brandName(r);
        if (onlyBrands && !onlyBrands.includes(brand)) continue;
        let list = members.get(st.brandOf(r));
        if (!list) members.set(st.brandOf(r), (list = { brand, authors: [], records: [] }));
        list.authors.push(a);
        list.records.push(r);
      }
    const reports: RecomputeReport[] = [];
    // Position of each member in its community by interned id number (-1: not a member).
    const index = new Int32Array(st.idCapacity).fill(-1);
    for (const { brand, authors, records } of members.values()) {
      const n = authors.length;
      for (let i = 0; i < n; i++) index[st.idOf[authors[i]!]!] = i;
      const edges: [number, number, number][] = [];
      for (let v = 0; v < n; v++) {
        const f = decayFactor(this.clock - st.at[authors[v]!]!, o.influenceHalfLifeMs);
        const base = st.edgeBase(records[v]!);
        for (let e = base; e < base + st.edgeCount(records[v]!); e++) {
          const u = index[st.edgeFrom[e]!]!;
          if (u >= 0) edges.push([u, v, st.edgeWeight[e]! * f]);
        }
      }
      for (let i = 0; i < n; i++) index[st.idOf[authors[i]!]!] = -1;
      const graph = buildGraph(n, edges);
      const initial = records.map((r) => st.pagerank[r]!);
      const result = pagerank(graph, {
        damping: o.pagerankDamping,
        tolerance: o.pagerankTolerance,
        maxIterations: o.pagerankMaxIterations,
        initial,
      });
      records.forEach((r, i) => (st.pagerank[r] = result.ranks[i]! * n));
      const raws = new Float64Array(n);
      for (let i = 0; i < n; i++)
        raws[i] = communityInfluence(this.influenceFeatures(authors[i]!, records[i]!, this.clock)).score;
      raws.sort();
      this.communities.set(brand, raws);
      reports.push({
        brand,
        nodes: n,
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

  private touch(id: string, t: number): number {
    let a = this.store.slot(id);
    if (a < 0) a = this.store.add(id, t);
    this.store.age(a, t, this.options);
    if (t > this.clock) this.clock = t;
    return a;
  }

  private maybeRecompute() {
    const every = this.options.recomputeEveryMs;
    if (every > 0 && this.clock - this.lastRecompute >= every) this.recompute();
  }

  private updateProfile(a: number, p: ScoringProfile) {
    const st = this.store;
    if (p.followers !== undefined) st.setProfileValue(a, PF.followers, p.followers);
    if (p.following !== undefined) st.setProfileValue(a, PF.following, p.following);
    if (p.listed !== undefined) st.setProfileValue(a, PF.listed, p.listed);
    if (p.createdAt !== undefined) st.setProfileValue(a, PF.accountCreatedMs, eventMs(p.createdAt));
    if (p.bot !== undefined) st.setBot(a, p.bot);
    if (p.isBrand) st.setBrand(a);
  }

  /** The author's record in a community, joining it (and leaving the least active one when full). */
  private brandState(a: number, brand: string): number {
    const st = this.store;
    const r = st.findBrand(a, brand);
    if (r >= 0) return r;
    if (st.brandCount(a) >= this.options.maxBrandsPerAuthor) {
      let weakest = -1;
      let least = Infinity;
      for (let b = st.firstBrand(a); b >= 0; b = st.nextBrand(b)) {
        const activity = st.activity(b);
        if (activity < least) {
          least = activity;
          weakest = b;
        }
      }
      if (weakest >= 0) st.removeBrand(a, weakest);
    }
    return st.addBrand(a, brand, this.options.reactorPrecision);
  }

  /** Posts per UTC day: a new day folds the finished one into the (decayed) maximum. */
  private countDay(a: number, t: number) {
    const st = this.store;
    const day = Math.floor(t / DAY_MS);
    if (day > st.day[a]!) {
      const f = decayFactor((day - st.day[a]!) * DAY_MS, this.options.trustHalfLifeMs);
      st.maxPerDay[a] = Math.max(st.maxPerDay[a]! * f, st.postsToday[a]!);
      st.day[a] = day;
      st.postsToday[a] = 0;
    }
    if (day === st.day[a]) st.postsToday[a]!++;
  }

  /** Near-duplicates of the author's own recent posts and of other accounts' recent posts. */
  private textEvidence(a: number, text: string, t: number, w: number) {
    const signature = textSignature(text);
    if (!signature) return;
    const st = this.store;
    const id = st.id(a);
    const b = a * BEHAVIOUR_SLOTS;
    st.behaviour[b + B.textPosts]! += w;
    const ring = st.ringOffset(a);
    const texts = st.texts[a]!;
    const kept = Math.min(texts, TEXT_RING);
    for (let k = 1; k <= kept; k++) {
      const slot = (texts - k) % TEXT_RING;
      if (
        signatureSimilarity(signature, st.ringData, ring + slot * SIGNATURE_SLOTS) >=
        this.options.nearDuplicateSimilarity
      ) {
        st.behaviour[b + B.duplicateOwn]! += w;
        st.behaviour[b + B.negative]! += SIGNAL_CHARGE.duplicateOwn * w;
        break;
      }
    }
    st.ringData.set(signature, ring + (texts % TEXT_RING) * SIGNATURE_SLOTS);
    st.texts[a] = texts + 1;

    // Coordination is the same text from several accounts at once: this one and two others in the window.
    let cross = false;
    const window = this.options.crossDuplicateWindowMs;
    for (const key of bandKeys(signature, this.options.crossDuplicateBands)) {
      const bucket = this.duplicates.get(key) ?? { authors: [], at: [] };
      let others = 0;
      for (let i = 0; i < bucket.authors.length; i++)
        if (bucket.authors[i] !== id && Math.abs(t - bucket.at[i]!) <= window) others++;
      if (others >= 2) cross = true;
      const mine = bucket.authors.indexOf(id);
      if (mine >= 0) {
        bucket.authors.splice(mine, 1);
        bucket.at.splice(mine, 1);
      }
      bucket.authors.push(id);
      bucket.at.push(t);
      if (bucket.authors.length > 2) {
        bucket.authors.shift();
        bucket.at.shift();
      }
      this.duplicates.set(key, bucket);
    }
    if (cross) {
      st.behaviour[b + B.duplicateCross]! += w;
      st.behaviour[b + B.negative]! += SIGNAL_CHARGE.duplicateCross * w;
    }
  }

  /** A rating at the scale's end and far from the brand's running mean. */
  private reviewEvidence(a: number, post: ScoringPost, t: number, w: number) {
    const { rating, maxRating } = post.review!;
    if (!(maxRating > 0)) return;
    const value = Math.min(1, Math.max(0, rating / maxRating));
    const st = this.store;
    st.behaviour[a * BEHAVIOUR_SLOTS + B.reviews]! += w;
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
        st.behaviour[a * BEHAVIOUR_SLOTS + B.extremeReviews]! += w;
        break;
      }
      mean.sum += value;
      mean.weight += 1;
    }
  }

  /** Reposts of one post by different accounts within seconds of each other: automation, both sides. */
  private repostTiming(reactor: number, targetPostId: string, t: number, w: number) {
    const st = this.store;
    const reactorId = st.id(reactor);
    const last = this.reposts.get(targetPostId);
    let synced = false;
    if (last && last.author !== reactorId && Math.abs(t - last.at) <= this.options.syncRepostWindowMs) {
      synced = true;
      st.behaviour[reactor * BEHAVIOUR_SLOTS + B.syncReposts]! += w;
      st.behaviour[reactor * BEHAVIOUR_SLOTS + B.negative]! += SIGNAL_CHARGE.syncRepost * w;
      const previous = last.synced ? -1 : st.slot(last.author);
      if (previous >= 0) {
        const wp = lateWeight(last.at, st.at[previous]!, this.options.trustHalfLifeMs);
        st.behaviour[previous * BEHAVIOUR_SLOTS + B.syncReposts]! += wp;
        st.behaviour[previous * BEHAVIOUR_SLOTS + B.negative]! += SIGNAL_CHARGE.syncRepost * wp;
        this.changed.add(last.author);
      }
    }
    this.reposts.set(targetPostId, { author: reactorId, at: t, synced });
  }

  private hyperactivityDiscount(a: number): number {
    const rate = ratePerDay(this.store.fast[a * FAST_SLOTS + F.sent]!, FAST_HALF_LIFE_MS);
    const limit = this.options.hyperactiveReactionsPerDay;
    return rate > limit ? Math.sqrt(limit / rate) : 1;
  }

  private signals(a: number): BehaviourSignals {
    const st = this.store;
    const b = st.behaviour.subarray(a * BEHAVIOUR_SLOTS, (a + 1) * BEHAVIOUR_SLOTS);
    const created = st.profileValue(a, PF.accountCreatedMs);
    const followers = st.profileValue(a, PF.followers);
    const following = st.profileValue(a, PF.following);
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
      maxPerDay: Math.max(st.maxPerDay[a]!, st.postsToday[a]!),
      ...(created !== undefined ? { accountAgeDays: (st.at[a]! - created) / DAY_MS } : {}),
      ...(followers !== undefined ? { followers } : {}),
      ...(following !== undefined ? { following } : {}),
      ...(st.isBot(a) ? { declaredBot: true } : {}),
      ...(st.isBrand(a) ? { isBrand: true } : {}),
    };
  }

  private trust(a: number, asOf = this.store.at[a]!): TrustResult {
    const st = this.store;
    const f = decayFactor(asOf - st.at[a]!, this.options.trustHalfLifeMs);
    const positive = st.behaviour[a * BEHAVIOUR_SLOTS + B.positive]! * f;
    const negative = st.behaviour[a * BEHAVIOUR_SLOTS + B.negative]! * f;
    const reputation = betaReputation(positive, negative);
    const { prior, factors } = behaviourPrior(this.signals(a));
    return { trust: 100 * reputation * prior, reputation, positive, negative, prior, factors };
  }

  /** The author's features in one community, decayed to `asOf`, as `scoreInfluence` takes them. */
  private influenceFeatures(a: number, r: number, asOf: number): InfluenceFeatures {
    const st = this.store;
    const f = decayFactor(asOf - st.at[a]!, this.options.influenceHalfLifeMs);
    const c = st.counters.subarray(r * INFLUENCE_SLOTS, (r + 1) * INFLUENCE_SLOTS);
    const raw = c[I.reposts]! + c[I.quotes]! + c[I.replies]! + c[I.mentions]!;
    // Received reactions enter trust-weighted: split the weighted total in the raw proportions.
    const scale = raw > 0 ? c[I.weighted]! / raw : 0;
    return {
      followers: st.profileValue(a, PF.followers),
      following: st.profileValue(a, PF.following),
      listed: st.profileValue(a, PF.listed),
      posts: c[I.posts]! * f,
      repostsReceived: (c[I.reposts]! + c[I.quotes]!) * scale * f,
      mentionsReceived: (c[I.replies]! + c[I.mentions]!) * scale * f,
      // No registers yet means no reactor: skip building an empty sketch to count it.
      uniqueReactors: st.hasReactors(r) ? countReactors(st.reactors(r, false)) : 0,
      // Sent counts are not passed: they are kept with the trust half-life, received ones with the influence
      // half-life, and the chatter term would compare the two scales.
      pagerank: st.pagerank[r]!,
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
