import type { EnrichedPost, SentimentUpdate } from '../../../schema/enriched.ts';
import type { Interaction, Mention } from '../../../schema/mention.ts';
import type { Post } from '../../../schema/post.ts';
import { classifyDirection, normalizeHandle, type Direction } from '../direction/direction.ts';
import type { BrandAccountBook } from '../pipeline/brand-accounts.ts';
import type { AuthorStanding } from './author-trust.ts';
import { modeOf, type DirectionCounts, type Mode } from './mode.ts';
import { scrubText, type ErasedLookup } from '../../erasure/scrub.ts';

export interface ThreadLimits {
  /** Threads without a message (event time) for this long are forgotten. */
  horizonMs: number;
  /** Posts kept at most; the least recently active threads are forgotten first. */
  maxPosts: number;
}

export interface ThreadOutput {
  mentions: Mention[];
  interactions: Interaction[];
}

interface Thread {
  key: string;
  members: Set<string>;
  counts: DirectionCounts;
  mode: Mode;
  /** Newest createdAt of a member (ms): eviction runs on event time, so replays behave like live runs. */
  lastActivity: number;
}

interface Node {
  mention: Mention;
  parentId: string | undefined;
  thread: Thread;
  isRepost: boolean;
  /** The edge to the parent's author is still owed: the parent had not arrived and the post did not name it. */
  edgeOwed?: 'reply' | 'quote' | 'repost' | 'review_reply';
  /** Its author was erased: kept as an empty placeholder for the thread's shape, never emitted again. */
  erased?: true;
}

const MAX_HANDLES = 200_000;
/** Thread candidates (see `BrandThreads.apply`) waiting for their thread to show up, per brand at most. */
export const MAX_PENDING = 50_000;

/** An @handle in a text (not an e-mail address): `@ann`, `@ann.bsky.social`, `@mia@remote.example`. */
const HANDLE_IN_TEXT = /(?<![\w@/])@(\w(?:[\w.-]*\w)?(?:@\w(?:[\w.-]*\w)?)?)/gu;

const parentIdOf = (p: Post): string | undefined => (p.replyTo ?? p.quoteOf ?? p.repostOf)?.postId;
const isCandidate = (e: EnrichedPost) => e.matchedBy === 'thread';

function countKey(d: Direction): keyof DirectionCounts {
  return d === 'brand_to_customer'
    ? 'brandToCustomer'
    : d === 'customer_to_brand'
      ? 'customerToBrand'
      : 'customerToCustomer';
}

/**
 * Threads, direction and mode of one brand's messages. A reply may arrive before its parent: it then waits in
 * a thread keyed by the missing parent's id, which the parent joins when it comes (and which merges into the
 * parent's own thread if that one has a parent). Every change of a message's thread or mode re-emits its
 * `Mention` with a higher version, so the latest wins downstream.
 */
export class BrandThreads {
  private readonly nodes = new Map<string, Node>();
  private readonly threads = new Map<string, Thread>();
  /** Lower-case handle → author id of authors seen, to turn @-mentions into interaction edges. */
  private readonly handles = new Map<string, string>();
  /** Parent id → children whose edge waits for the parent's author. */
  private readonly owed = new Map<string, string[]>();
  /**
   * Handle (normalised) → posts that @-mentioned it before any post of its author came here: their `mention`
   * edge waits for the handle's author, so the edges do not depend on the order posts arrive in (replicas and
   * replays interleave the input differently than it was written).
   */
  private readonly handleOwed = new Map<string, { postId: string; target: string | undefined }[]>();
  private handleOwedSize = 0;
  /** Thread candidates not (yet) in one of this brand's threads, by post id, oldest first. */
  private readonly pendingById = new Map<string, EnrichedPost>();
  /** Parent id and root id → ids of the pending candidates waiting for them. */
  private readonly pendingFor = new Map<string, string[]>();
  private newestEvent = 0;
  private sinceSweep = 0;

  constructor(
    readonly brand: string,
    private readonly accounts: BrandAccountBook,
    private readonly nextVersion: () => number,
    private readonly limits: ThreadLimits,
    private readonly standing: (authorId: string) => AuthorStanding | undefined = () => undefined,
  ) {}

  get size(): number {
    return this.nodes.size;
  }

  has(postId: string): boolean {
    return this.nodes.has(postId);
  }

  /** Thread candidates waiting for their parent or root (bounded by MAX_PENDING and the horizon). */
  get pending(): number {
    return this.pendingById.size;
  }

  /**
   * A message for this brand. A query or account match is always a mention. A thread candidate (`matchedBy:
   * 'thread'`: a reply, quote or repost that matches no brand, sent to every brand's worker) becomes one only
   * when its parent or root is in one of this brand's threads, or a message of this brand replies to it; until
   * then it waits, and the message that brings its thread here settles it (and, in turn, what waits for it).
   */
  apply(e: EnrichedPost): ThreadOutput {
    const out: ThreadOutput = { mentions: [], interactions: [] };
    const p = e.post;
    if (this.nodes.has(p.postId)) return out;
    if (isCandidate(e) && !this.inThread(p)) {
      // Already waiting (a duplicate, or read back after a restart and now consumed again): keep the first.
      if (this.pendingById.has(p.postId)) return out;
      this.addPending(e);
      if (++this.sinceSweep >= 5000) this.sweep();
      return out;
    }
    this.settle(e, out);
    return out;
  }

  /** A thread candidate read back after a restart: waits again (it cannot have been settled, or it would be a mention). */
  restorePending(e: EnrichedPost): void {
    if (!isCandidate(e) || this.nodes.has(e.post.postId) || this.pendingById.has(e.post.postId)) return;
    this.addPending(e);
  }

  /**
   * Settles the waiting candidates whose thread is now here (read back after a restart while the stream went
   * on: their parent may have been placed before they were restored).
   */
  settleWaiting(): ThreadOutput {
    const out: ThreadOutput = { mentions: [], interactions: [] };
    for (const [id, e] of [...this.pendingById])
      if (this.pendingById.has(id) && this.inThread(e.post)) this.settle(e, out);
    return out;
  }

  /**
   * The candidate's thread is this brand's: its parent or root is here, a message here waits for it, or a
   * message here waits for the same missing parent (a sibling that named the brand: the parent never came,
   * e.g. it was dead-lettered, and the source gives no root).
   */
  private inThread(p: Post): boolean {
    const parent = parentIdOf(p);
    if (parent !== undefined && (this.nodes.has(parent) || this.threads.has(parent))) return true;
    if (p.rootId !== undefined && (this.nodes.has(p.rootId) || this.threads.has(p.rootId))) return true;
    return this.threads.has(p.postId);
  }

  private addPending(e: EnrichedPost): void {
    const p = e.post;
    this.pendingById.set(p.postId, e);
    for (const key of new Set([parentIdOf(p), p.rootId])) {
      if (key === undefined) continue;
      const list = this.pendingFor.get(key);
      if (list) list.push(p.postId);
      else this.pendingFor.set(key, [p.postId]);
    }
    if (this.pendingById.size > MAX_PENDING) this.dropPending(this.pendingById.keys().next().value!);
  }

  private dropPending(id: string): void {
    const e = this.pendingById.get(id);
    if (!e) return;
    this.pendingById.delete(id);
    for (const key of [parentIdOf(e.post), e.post.rootId]) {
      if (key === undefined) continue;
      const list = this.pendingFor.get(key)?.filter((x) => x !== id);
      if (list && list.length > 0) this.pendingFor.set(key, list);
      else this.pendingFor.delete(key);
    }
  }

  /**
   * Places `first`, then the pending candidates it brings into this brand's threads: its parent chain upwards
   * (a message here now waits for them) and, downwards, whatever waited for a placed message.
   */
  private settle(first: EnrichedPost, out: ThreadOutput): void {
    const placed: string[] = [];
    const place = (e: EnrichedPost) => {
      this.dropPending(e.post.postId);
      if (this.nodes.has(e.post.postId)) return;
      const o = this.place(e);
      out.mentions.push(...o.mentions);
      out.interactions.push(...o.interactions);
      placed.push(e.post.postId);
    };
    place(first);
    for (let up = parentIdOf(first.post); up !== undefined;) {
      const parent = this.pendingById.get(up);
      if (!parent) break;
      place(parent);
      up = parentIdOf(parent.post);
    }
    while (placed.length > 0) {
      const id = placed.shift()!;
      // Candidates replying to it, and those waiting for the thread it is in while that thread's own first
      // message is missing (its key is the id they wait for: see `inThread`).
      const node = this.nodes.get(id);
      const keys = new Set([id, node && !this.nodes.has(node.thread.key) ? node.thread.key : id]);
      for (const key of keys)
        for (const childId of [...(this.pendingFor.get(key) ?? [])]) {
          const child = this.pendingById.get(childId);
          if (child) place(child);
        }
    }
  }

  private place(e: EnrichedPost): ThreadOutput {
    const out: ThreadOutput = { mentions: [], interactions: [] };
    const p = e.post;
    // Seen before (a replay after a restart, a duplicate from the source): its mention is already out.
    if (this.nodes.has(p.postId)) return out;
    const at = Date.parse(p.createdAt);
    this.newestEvent = Math.max(this.newestEvent, at);
    if (p.author.handle && p.author.id) this.rememberHandle(p.author.handle, p.author.id);

    const parentRef = p.replyTo ?? p.quoteOf ?? p.repostOf;
    const parent = parentRef ? this.nodes.get(parentRef.postId) : undefined;
    const { direction, rule } = this.direction(p);

    let thread: Thread;
    if (parent) thread = parent.thread;
    else {
      const key = p.rootId ?? parentRef?.postId ?? p.postId;
      thread = this.threads.get(key) ?? this.newThread(key);
    }
    const changed = new Set<Node>();
    const waiting = this.threads.get(p.postId);
    if (waiting && waiting !== thread) {
      for (const n of this.merge(waiting, thread)) changed.add(n);
    }

    const isRepost = p.repostOf !== undefined && p.replyTo === undefined && p.quoteOf === undefined;
    const mention = this.toMention(e, direction, rule, thread.key, thread.mode);
    const node: Node = { mention, parentId: parentRef?.postId, thread, isRepost };
    this.nodes.set(p.postId, node);
    thread.members.add(p.postId);
    thread.lastActivity = Math.max(thread.lastActivity, at);
    if (!isRepost) thread.counts[countKey(direction)]++;
    const mode = modeOf(thread.counts);
    if (mode !== thread.mode) {
      thread.mode = mode;
      for (const id of thread.members) changed.add(this.nodes.get(id)!);
    }
    mention.mode = thread.mode;
    out.mentions.push(mention);
    for (const n of changed) {
      if (n === node || n.erased) continue;
      const m = n.mention;
      if (m.mode === n.thread.mode && m.rootId === n.thread.key) continue;
      n.mention = {
        ...m,
        mode: n.thread.mode,
        rootId: n.thread.key,
        version: this.nextVersion(),
        revision: m.revision + 1,
      };
      out.mentions.push(n.mention);
    }

    this.edges(p, node, parent, out.interactions);
    for (const childId of this.owed.get(p.postId) ?? []) {
      const child = this.nodes.get(childId);
      if (!child?.edgeOwed || child.erased) continue;
      // A parent without an author (see `Author.id` in schema/post.ts) is reacted to by nobody's edge.
      if (p.author.id) out.interactions.push(this.edge(child.mention, child.edgeOwed, p.author.id, p.postId));
      delete child.edgeOwed;
    }
    this.owed.delete(p.postId);
    if (p.author.handle && p.author.id)
      this.settleHandleOwed(normalizeHandle(p.author.handle), p.author.id, out.interactions);

    if (++this.sinceSweep >= 5000) this.sweep();
    return out;
  }

  /** The author of `handle` is known now: the `mention` edges that waited for it. */
  private settleHandleOwed(handle: string, authorId: string, out: Interaction[]): void {
    const waiting = this.handleOwed.get(handle);
    if (!waiting) return;
    this.handleOwed.delete(handle);
    this.handleOwedSize -= waiting.length;
    for (const { postId, target } of waiting) {
      const n = this.nodes.get(postId);
      if (!n || n.erased || n.isRepost || !n.mention.authorId) continue;
      if (authorId === target || authorId === n.mention.authorId) continue;
      out.push(this.edge(n.mention, 'mention', authorId));
    }
  }

  private oweHandle(handle: string, postId: string, target: string | undefined): void {
    const list = this.handleOwed.get(handle);
    if (list) {
      if (list.some((x) => x.postId === postId)) return;
      list.push({ postId, target });
    } else this.handleOwed.set(handle, [{ postId, target }]);
    this.handleOwedSize++;
    while (this.handleOwedSize > MAX_HANDLES) {
      const [oldest, dropped] = this.handleOwed.entries().next().value!;
      this.handleOwed.delete(oldest);
      this.handleOwedSize -= dropped.length;
    }
  }

  /** A re-score: the stored mention with the new sentiment, re-emitted; unknown posts give nothing. */
  applySentiment(u: SentimentUpdate): Mention[] {
    const node = this.nodes.get(u.postId);
    if (!node || node.erased) return [];
    const s = node.mention.sentiment;
    if (s.model === u.sentiment.model && s.score === u.sentiment.score && s.label === u.sentiment.label)
      return [];
    node.mention = {
      ...node.mention,
      sentiment: u.sentiment,
      version: this.nextVersion(),
      revision: node.mention.revision + 1,
    };
    return [node.mention];
  }

  /**
   * Rebuilds state from emitted mentions (the worker's own output, read back after a restart): the newest
   * version of each post, placed in its thread. Call `finishRestore` after the last one.
   */
  restore(m: Mention): void {
    const existing = this.nodes.get(m.postId);
    if (existing && existing.mention.version >= m.version) return;
    this.nodes.set(m.postId, {
      mention: m,
      parentId: m.replyToPostId ?? m.quoteOfPostId ?? m.repostOfPostId,
      thread: existing?.thread ?? this.newThread(`restore:${m.postId}`, false),
      isRepost: m.repostOfPostId !== undefined && !m.replyToPostId && !m.quoteOfPostId,
    });
    if (m.authorHandle && m.authorId) this.rememberHandle(m.authorHandle, m.authorId);
  }

  finishRestore(): void {
    this.threads.clear();
    for (const node of this.nodes.values()) {
      const m = node.mention;
      const thread = this.threads.get(m.rootId) ?? this.newThread(m.rootId);
      node.thread = thread;
      thread.members.add(m.postId);
      const at = Date.parse(m.createdAt);
      thread.lastActivity = Math.max(thread.lastActivity, at);
      this.newestEvent = Math.max(this.newestEvent, at);
      if (!node.isRepost) thread.counts[countKey(m.direction)]++;
    }
    for (const thread of this.threads.values()) thread.mode = modeOf(thread.counts);
    // Edges to a parent that has not come yet still wait for its author (as in `edges`). The mention does not
    // tell whether the parent's author was known already (then the edge is out): the edge is sent again, with
    // the same id, when the parent comes.
    for (const [id, node] of this.nodes) {
      const m = node.mention;
      if (node.erased || !m.authorId || node.parentId === undefined || this.nodes.has(node.parentId))
        continue;
      node.edgeOwed = m.replyToPostId
        ? m.directionRule === 'owner_reply'
          ? 'review_reply'
          : 'reply'
        : m.quoteOfPostId
          ? 'quote'
          : 'repost';
      const list = this.owed.get(node.parentId) ?? [];
      list.push(id);
      this.owed.set(node.parentId, list);
    }
    // @-mention edges still waiting for the mentioned author (see `handleOwed`): the mention keeps the post's
    // text, not its list of handles, so they are taken from the @handles of the text. A reply whose parent is
    // not here is left out: the parent's author, who gets the reply edge instead, is unknown.
    for (const [id, node] of this.nodes) {
      const m = node.mention;
      if (node.erased || node.isRepost || !m.authorId) continue;
      const parent = node.parentId === undefined ? undefined : this.nodes.get(node.parentId);
      if (node.parentId !== undefined && !parent) continue;
      for (const match of m.text.matchAll(HANDLE_IN_TEXT)) {
        const handle = normalizeHandle(match[1]!);
        if (!this.handles.has(handle)) this.oweHandle(handle, id, parent?.mention.authorId);
      }
    }
  }

  /**
   * Erasure (`lateral forget-author`): the erased authors' messages become empty placeholders that keep their
   * thread's shape but are never emitted again, their handles are forgotten, and @-references to them in the
   * other messages are scrubbed. Returns the number of messages erased.
   */
  eraseAuthors(erased: ErasedLookup): number {
    let n = 0;
    for (const node of this.nodes.values()) {
      if (node.erased) continue;
      const m = node.mention;
      if (erased.isErasedAuthor(m.authorId)) {
        node.erased = true;
        delete node.edgeOwed;
        node.mention = { ...m, authorId: '', authorHandle: '', text: '', url: '', matchedTerms: [] };
        n++;
      } else {
        const text = scrubText(m.text, erased);
        if (text !== m.text) node.mention = { ...m, text };
      }
    }
    for (const [handle, id] of this.handles)
      if (erased.isErasedAuthor(id) || erased.isErasedHandle(handle)) this.handles.delete(handle);
    for (const [handle, waiting] of [...this.handleOwed])
      if (erased.isErasedHandle(handle)) {
        this.handleOwed.delete(handle);
        this.handleOwedSize -= waiting.length;
      }
    // Waiting thread candidates: an erased author's are forgotten, the others' texts scrubbed.
    for (const [id, e] of [...this.pendingById]) {
      if (e.post.author.id !== undefined && erased.isErasedAuthor(e.post.author.id)) this.dropPending(id);
      else {
        const text = scrubText(e.post.text, erased);
        if (text !== e.post.text) this.pendingById.set(id, { ...e, post: { ...e.post, text } });
      }
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------------------

  private newThread(key: string, register = true): Thread {
    const thread: Thread = {
      key,
      members: new Set(),
      counts: { brandToCustomer: 0, customerToBrand: 0, customerToCustomer: 0 },
      mode: 'multiway',
      lastActivity: 0,
    };
    if (register) this.threads.set(key, thread);
    return thread;
  }

  /** Moves every member of `from` into `into`; returns the moved nodes (their root id changed). */
  private merge(from: Thread, into: Thread): Node[] {
    const moved: Node[] = [];
    for (const id of from.members) {
      const n = this.nodes.get(id)!;
      n.thread = into;
      into.members.add(id);
      moved.push(n);
    }
    into.counts.brandToCustomer += from.counts.brandToCustomer;
    into.counts.customerToBrand += from.counts.customerToBrand;
    into.counts.customerToCustomer += from.counts.customerToCustomer;
    // `into.mode` stays until the caller recomputes it, so it can tell which members' mode changed.
    into.lastActivity = Math.max(into.lastActivity, from.lastActivity);
    this.threads.delete(from.key);
    return moved;
  }

  private isBrandAuthor(ref: { postId: string; authorId?: string | undefined } | undefined):
    | {
        authorId?: string;
        authorIsBrand?: boolean;
      }
    | undefined {
    if (!ref) return undefined;
    const known = this.nodes.get(ref.postId)?.mention;
    const authorId = ref.authorId ?? known?.authorId;
    return {
      ...(authorId ? { authorId } : {}),
      ...(known ? { authorIsBrand: known.authorIsBrand } : {}),
    };
  }

  private direction(p: Post): { direction: Direction; rule: string } {
    const accounts = this.accounts.forSource(p.source);
    const ownAccount =
      (p.author.id !== undefined && accounts.ids.has(p.author.id)) ||
      (p.author.handle !== '' && accounts.handles.has(normalizeHandle(p.author.handle)));
    if (p.repostOf && !p.replyTo && !p.quoteOf) {
      // A repost adds no words: it takes the side of the author it amplifies.
      if (ownAccount) return { direction: 'brand_to_customer', rule: 'brand_author' };
      const target = this.isBrandAuthor(p.repostOf);
      const brandTarget =
        target?.authorIsBrand === true ||
        (target?.authorId !== undefined && accounts.ids.has(target.authorId));
      return brandTarget
        ? { direction: 'customer_to_brand', rule: 'repost_of_brand' }
        : { direction: 'customer_to_customer', rule: 'repost' };
    }
    const parent = p.replyTo ? this.nodes.get(p.replyTo.postId)?.mention : undefined;
    const result = classifyDirection(
      {
        author: p.author,
        replyTo: this.isBrandAuthor(p.replyTo),
        quoteOf: this.isBrandAuthor(p.quoteOf),
        mentions: p.mentions,
        text: p.text,
        review: p.review,
        isOwnerReply: p.author.isBrand === true && p.replyTo !== undefined,
        ...(parent && p.author.id !== undefined && parent.authorId === p.author.id
          ? { selfReplyParentDirection: parent.direction }
          : {}),
      },
      accounts,
    );
    return result;
  }

  private toMention(
    e: EnrichedPost,
    direction: Direction,
    rule: string,
    rootId: string,
    mode: Mode,
  ): Mention {
    const p = e.post;
    const standing = p.author.id !== undefined ? this.standing(p.author.id) : undefined;
    return {
      postId: p.postId,
      brand: e.brand,
      source: p.source,
      url: p.url,
      authorId: p.author.id ?? '',
      authorHandle: p.author.handle,
      ...(p.author.followers !== undefined ? { authorFollowers: p.author.followers } : {}),
      ...(p.author.following !== undefined ? { authorFollowing: p.author.following } : {}),
      ...(p.author.createdAt !== undefined
        ? { authorCreatedAt: new Date(p.author.createdAt).toISOString() }
        : {}),
      ...(p.author.bot !== undefined ? { authorBot: p.author.bot } : {}),
      authorIsBrand: rule === 'brand_author' || rule === 'owner_reply',
      text: p.text,
      lang: e.lang,
      createdAt: new Date(p.createdAt).toISOString(),
      ...(p.replyTo ? { replyToPostId: p.replyTo.postId } : {}),
      ...(p.quoteOf ? { quoteOfPostId: p.quoteOf.postId } : {}),
      ...(p.repostOf ? { repostOfPostId: p.repostOf.postId } : {}),
      rootId,
      direction,
      directionRule: rule,
      mode,
      sentiment: e.sentiment,
      ...(e.emotion ? { emotion: e.emotion } : {}),
      ...(e.dominantEmotion ? { dominantEmotion: e.dominantEmotion } : {}),
      ...(e.advocacy ? { advocacy: e.advocacy } : {}),
      ...(p.review ? { reviewRating: (p.review.rating / p.review.maxRating) * 5 } : {}),
      ...(standing ? { authorTrust: standing.trust } : {}),
      signals: standing?.flags ?? [],
      matchedTerms: e.matchedTerms,
      matchedBy: e.matchedBy ?? 'query',
      version: this.nextVersion(),
      revision: 0,
    };
  }

  /**
   * Reaction edges of a new post: to the author it replies to, quotes or reposts, and to those it @-mentions.
   * A post without an author (see `Author.id` in schema/post.ts) reacts to nobody, and nobody's edge points
   * at it: an empty id would merge every such post into one author.
   */
  private edges(p: Post, node: Node, parent: Node | undefined, out: Interaction[]): void {
    const m = node.mention;
    if (!m.authorId) return;
    const ref = p.replyTo ?? p.quoteOf ?? p.repostOf;
    const kind: NonNullable<Node['edgeOwed']> = p.replyTo
      ? m.directionRule === 'owner_reply' || parent?.mention.reviewRating !== undefined
        ? 'review_reply'
        : 'reply'
      : p.quoteOf
        ? 'quote'
        : 'repost';
    let target: string | undefined;
    if (ref) {
      target = ref.authorId ?? parent?.mention.authorId;
      if (target) out.push(this.edge(m, kind, target, ref.postId));
      else if (!parent) {
        node.edgeOwed = kind;
        const list = this.owed.get(ref.postId) ?? [];
        list.push(p.postId);
        this.owed.set(ref.postId, list);
      }
    }
    if (node.isRepost) return; // a repost's mentions are the original's
    for (const handle of p.mentions) {
      const key = normalizeHandle(handle);
      const to = this.handles.get(key);
      if (!to) {
        if (key) this.oweHandle(key, p.postId, target);
        continue;
      }
      if (to === target || to === p.author.id) continue;
      out.push(this.edge(m, 'mention', to));
    }
  }

  private edge(m: Mention, kind: Interaction['kind'], to: string, targetPostId?: string): Interaction {
    return {
      id: `${m.postId}>${kind}>${to}`,
      from: m.authorId,
      to,
      kind,
      brand: m.brand,
      postId: m.postId,
      ...(targetPostId ? { targetPostId } : {}),
      at: m.createdAt,
    };
  }

  private rememberHandle(handle: string, id: string): void {
    const key = normalizeHandle(handle);
    if (this.handles.get(key) === id) return;
    this.handles.delete(key);
    this.handles.set(key, id);
    if (this.handles.size > MAX_HANDLES) this.handles.delete(this.handles.keys().next().value!);
  }

  /** Forgets threads idle beyond the horizon, then the least recently active ones above `maxPosts`. */
  private sweep(): void {
    this.sinceSweep = 0;
    const cutoff = this.newestEvent - this.limits.horizonMs;
    const forget = (t: Thread) => {
      for (const id of t.members) {
        this.nodes.delete(id);
        this.owed.delete(id);
      }
      this.threads.delete(t.key);
    };
    for (const t of this.threads.values()) if (t.lastActivity < cutoff) forget(t);
    for (const [id, e] of this.pendingById) if (Date.parse(e.post.createdAt) < cutoff) this.dropPending(id);
    for (const [handle, waiting] of [...this.handleOwed]) {
      const kept = waiting.filter((x) => this.nodes.has(x.postId));
      this.handleOwedSize -= waiting.length - kept.length;
      if (kept.length > 0) this.handleOwed.set(handle, kept);
      else this.handleOwed.delete(handle);
    }
    if (this.nodes.size > this.limits.maxPosts) {
      const byAge = [...this.threads.values()].sort((a, b) => a.lastActivity - b.lastActivity);
      for (const t of byAge) {
        if (this.nodes.size <= this.limits.maxPosts * 0.9) break;
        forget(t);
      }
    }
  }
}
