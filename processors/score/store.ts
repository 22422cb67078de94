import { DAY_MS, decayFactor } from './decay.ts';
import type { ScoringOptions } from './options.ts';
import {
  BEHAVIOUR_SLOTS,
  FAST_HALF_LIFE_MS,
  FAST_SLOTS,
  INFLUENCE_SLOTS,
  TEXT_RING,
  type AuthorState,
  type BrandState,
} from './state.ts';
import { SIGNATURE_SLOTS } from './text-signature.ts';

/**
 * The engine's per-author state for millions of authors, kept as columns of typed arrays indexed by an author
 * slot (and by a brand-record number for the per-community part) instead of one object graph per author: a
 * million authors as objects took ~3 KB each on the V8 heap, mostly object headers, small typed arrays and
 * per-author Maps. Author ids and edge sources are interned strings (one copy, shared by the edges that name
 * them); the text ring, the reactor registers and the in-edges are allocated only when first written.
 *
 * Values keep the precision the object form had, so scores do not move: counters that were Float32Array
 * slots are float32 here, times, day counts, `maxPerDay`, edge weights and PageRank (plain numbers before)
 * are float64. The plain `AuthorState` (state.ts) remains the checkpoint form: `toState` / `load`.
 *
 * Columns are replaced when they grow: read them through the store again after anything that may add an
 * author, a record, a ring, registers or an edge, never from a local copy taken before.
 */

const PROFILE_FIELDS = 4;
/** Profile number slots and their presence bits (bot and brand are flags only). */
export const PF = { followers: 0, following: 1, accountCreatedMs: 2, listed: 3 } as const;
const HAS = [1, 2, 4, 8] as const;
const BOT = 16;
const BRAND = 32;

/** Largest edge block class: 2^8 = 256 edges, above the 255 a checkpoint can hold. */
const EDGE_CLASSES = 9;
const NONE = -1;

type Column = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

function grown<T extends Column>(a: T, length: number, fill?: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

const nextCapacity = (n: number) => Math.max(1024, Math.ceil(n * 1.5));

/**
 * The columns of one kind of row (interned id, author slot, brand record, edge), which all hold the same
 * number of rows: each AuthorStore field with its entries a row and, when not 0, what a new row holds.
 */
type Columns = Readonly<Record<string, readonly [width: number, fill?: number]>>;

const ID_COLUMNS: Columns = { idRefs: [1], idSlot: [1, NONE] };
const SLOT_COLUMNS: Columns = {
  prev: [1],
  next: [1],
  idOf: [1],
  at: [1],
  lastItemAt: [1],
  day: [1],
  postsToday: [1],
  maxPerDay: [1],
  texts: [1],
  profileNum: [PROFILE_FIELDS],
  profileBits: [1],
  behaviour: [BEHAVIOUR_SLOTS],
  fast: [FAST_SLOTS],
  ring: [1],
  brandHead: [1],
};
const RECORD_COLUMNS: Columns = {
  rBrand: [1],
  rNext: [1],
  counters: [INFLUENCE_SLOTS],
  pagerank: [1],
  rReactors: [1],
  rPrecision: [1],
  rEdgeBase: [1],
  rEdgeCount: [1],
  rEdgeClass: [1],
};
const EDGE_COLUMNS: Columns = { edgeFrom: [1], edgeWeight: [1] };

/** Fixed-size blocks in one typed array, reused through a free list. */
class Blocks<T extends Uint8Array | Uint16Array> {
  private top = 0;
  private readonly free: number[] = [];
  constructor(
    public data: T,
    readonly stride: number,
  ) {}

  /** A zeroed block; returns its offset in `data`. */
  alloc(): number {
    const block = this.free.pop() ?? this.top++;
    const offset = block * this.stride;
    if (offset + this.stride > this.data.length)
      this.data = grown(this.data, nextCapacity(block + 1) * this.stride);
    this.data.fill(0, offset, offset + this.stride);
    return offset;
  }

  release(offset: number) {
    this.free.push(offset / this.stride);
  }
}

export class AuthorStore {
  // ---- interned ids: author ids and in-edge sources, reference-counted --------------------------------
  private readonly idIndex = new Map<string, number>();
  private readonly idStrings: (string | undefined)[] = [];
  private idRefs = new Uint32Array(0);
  /** Author slot of an id, or NONE when the id is only named by edges. */
  private idSlot = new Int32Array(0);
  private readonly freeIds: number[] = [];

  // ---- author slots ----------------------------------------------------------------------------------
  private slots = 0;
  private readonly freeSlots: number[] = [];
  private size = 0;
  /** Authors in insertion order (what iterating the former Map gave): a doubly linked list of slots. */
  private head = NONE;
  private tail = NONE;
  private prev = new Int32Array(0);
  private next = new Int32Array(0);
  idOf = new Int32Array(0);
  at = new Float64Array(0);
  lastItemAt = new Float64Array(0);
  day = new Float64Array(0);
  postsToday = new Float64Array(0);
  maxPerDay = new Float64Array(0);
  texts = new Float64Array(0);
  private profileNum = new Float64Array(0);
  private profileBits = new Uint8Array(0);
  behaviour = new Float32Array(0);
  fast = new Float32Array(0);
  /** Offset of the author's text ring in `rings.data`, NONE until the first signature. */
  private ring = new Int32Array(0);
  private brandHead = new Int32Array(0);
  private readonly rings = new Blocks(new Uint16Array(0), TEXT_RING * SIGNATURE_SLOTS);

  // ---- brand records: one per author and community, chained per author in insertion order -----------
  private readonly brandIndex = new Map<string, number>();
  private readonly brandNames: string[] = [];
  private records = 0;
  private readonly freeRecords: number[] = [];
  private rBrand = new Int32Array(0);
  private rNext = new Int32Array(0);
  counters = new Float32Array(0);
  pagerank = new Float64Array(0);
  /** Reactor registers: offset in the blocks of the record's precision, NONE while empty. */
  private rReactors = new Int32Array(0);
  private rPrecision = new Uint8Array(0);
  private readonly reactorBlocks = new Map<number, Blocks<Uint8Array>>();
  private rEdgeBase = new Int32Array(0);
  private rEdgeCount = new Uint8Array(0);
  private rEdgeClass = new Uint8Array(0);

  // ---- in-edges: blocks of 2^class (source id, weight) pairs ------------------------------------------
  edgeFrom = new Int32Array(0);
  edgeWeight = new Float64Array(0);
  private edgeTop = 0;
  private readonly freeEdges: number[][] = Array.from({ length: EDGE_CLASSES }, () => []);

  get count(): number {
    return this.size;
  }

  // ---- ids ----------------------------------------------------------------------------------------------

  private ref(id: string): number {
    let n = this.idIndex.get(id);
    if (n === undefined) {
      n = this.freeIds.pop() ?? this.idStrings.length;
      if (n === this.idStrings.length) this.idStrings.push(id);
      else this.idStrings[n] = id;
      if (n >= this.idRefs.length) this.grow(ID_COLUMNS, nextCapacity(n + 1));
      this.idRefs[n] = 0;
      this.idSlot[n] = NONE;
      this.idIndex.set(id, n);
    }
    this.idRefs[n]!++;
    return n;
  }

  private unref(n: number) {
    if (--this.idRefs[n]! > 0) return;
    this.idIndex.delete(this.idStrings[n]!);
    this.idStrings[n] = undefined;
    this.freeIds.push(n);
  }

  idString(n: number): string {
    return this.idStrings[n]!;
  }

  /** Number of an interned id (NONE if nothing names it), for id comparisons without strings. */
  idNumber(id: string): number {
    return this.idIndex.get(id) ?? NONE;
  }

  /** Ids interned now (authors and edge sources): drops back when nothing names an id any more. */
  get internedIds(): number {
    return this.idIndex.size;
  }

  get idCapacity(): number {
    return this.idStrings.length;
  }

  // ---- authors ------------------------------------------------------------------------------------------

  /** Slot of a known author, or NONE. */
  slot(id: string): number {
    const n = this.idIndex.get(id);
    return n === undefined ? NONE : this.idSlot[n]!;
  }

  id(a: number): string {
    return this.idStrings[this.idOf[a]!]!;
  }

  *slotsInOrder(): Generator<number> {
    for (let a = this.head; a !== NONE;) {
      const following = this.next[a]!; // read first: the caller may remove `a`
      yield a;
      a = following;
    }
  }

  /** A new author at time `at`, appended to the iteration order. */
  add(id: string, at: number): number {
    const n = this.ref(id);
    const a = this.freeSlots.pop() ?? this.slots++;
    if (a >= this.idOf.length) this.grow(SLOT_COLUMNS, nextCapacity(a + 1));
    this.idSlot[n] = a;
    this.idOf[a] = n;
    this.clear(a, at);
    this.prev[a] = this.tail;
    this.next[a] = NONE;
    if (this.tail === NONE) this.head = a;
    else this.next[this.tail] = a;
    this.tail = a;
    this.size++;
    return a;
  }

  remove(a: number) {
    this.dropContents(a);
    const p = this.prev[a]!;
    const nx = this.next[a]!;
    if (p === NONE) this.head = nx;
    else this.next[p] = nx;
    if (nx === NONE) this.tail = p;
    else this.prev[nx] = p;
    const n = this.idOf[a]!;
    this.idSlot[n] = NONE;
    this.unref(n);
    this.freeSlots.push(a);
    this.size--;
  }

  /** Replaces each of the columns by a copy with room for `rows` rows. */
  private grow(columns: Columns, rows: number) {
    const fields = this as unknown as Record<string, Column>;
    for (const name in columns) {
      const [width, fill] = columns[name]!;
      fields[name] = grown(fields[name]!, rows * width, fill);
    }
  }

  /** The state of a fresh author at `at` (what `newAuthorState` gives). */
  private clear(a: number, at: number) {
    this.at[a] = at;
    this.lastItemAt[a] = 0;
    this.day[a] = Math.floor(at / DAY_MS);
    this.postsToday[a] = 0;
    this.maxPerDay[a] = 0;
    this.texts[a] = 0;
    this.profileNum.fill(0, a * PROFILE_FIELDS, (a + 1) * PROFILE_FIELDS);
    this.profileBits[a] = 0;
    this.behaviour.fill(0, a * BEHAVIOUR_SLOTS, (a + 1) * BEHAVIOUR_SLOTS);
    this.fast.fill(0, a * FAST_SLOTS, (a + 1) * FAST_SLOTS);
    this.ring[a] = NONE;
    this.brandHead[a] = NONE;
  }

  private dropContents(a: number) {
    while (this.brandHead[a] !== NONE) this.removeBrand(a, this.brandHead[a]!);
    if (this.ring[a] !== NONE) this.rings.release(this.ring[a]!);
    this.ring[a] = NONE;
  }

  // ---- profile ------------------------------------------------------------------------------------------

  profileValue(a: number, field: number): number | undefined {
    return this.profileBits[a]! & HAS[field]! ? this.profileNum[a * PROFILE_FIELDS + field]! : undefined;
  }

  setProfileValue(a: number, field: number, value: number) {
    this.profileNum[a * PROFILE_FIELDS + field] = value;
    this.profileBits[a]! |= HAS[field]!;
  }

  isBot(a: number): boolean {
    return (this.profileBits[a]! & BOT) !== 0;
  }

  setBot(a: number, bot: boolean) {
    this.profileBits[a] = bot ? this.profileBits[a]! | BOT : this.profileBits[a]! & ~BOT;
  }

  isBrand(a: number): boolean {
    return (this.profileBits[a]! & BRAND) !== 0;
  }

  setBrand(a: number) {
    this.profileBits[a]! |= BRAND;
  }

  // ---- text ring ----------------------------------------------------------------------------------------

  /** The array holding every text ring (read with `ringOffset`). */
  get ringData(): Uint16Array {
    return this.rings.data;
  }

  /** Offset of the author's ring in `ringData`, allocated on first use. */
  ringOffset(a: number): number {
    if (this.ring[a] === NONE) this.ring[a] = this.rings.alloc();
    return this.ring[a]!;
  }

  // ---- brand records ------------------------------------------------------------------------------------

  brandNumber(brand: string): number {
    let b = this.brandIndex.get(brand);
    if (b === undefined) {
      b = this.brandNames.length;
      this.brandNames.push(brand);
      this.brandIndex.set(brand, b);
    }
    return b;
  }

  brandName(r: number): string {
    return this.brandNames[this.rBrand[r]!]!;
  }

  brandOf(r: number): number {
    return this.rBrand[r]!;
  }

  firstBrand(a: number): number {
    return this.brandHead[a]!;
  }

  nextBrand(r: number): number {
    return this.rNext[r]!;
  }

  /** The author's record for a brand, or NONE. */
  findBrand(a: number, brand: string): number {
    const b = this.brandIndex.get(brand);
    if (b === undefined) return NONE;
    for (let r = this.brandHead[a]!; r !== NONE; r = this.rNext[r]!) if (this.rBrand[r] === b) return r;
    return NONE;
  }

  brandCount(a: number): number {
    let n = 0;
    for (let r = this.brandHead[a]!; r !== NONE; r = this.rNext[r]!) n++;
    return n;
  }

  /** A fresh record (zero counters, empty sketch, no edges) appended to the author's communities. */
  addBrand(a: number, brand: string, precision: number): number {
    const r = this.freeRecords.pop() ?? this.records++;
    if (r >= this.rBrand.length) this.grow(RECORD_COLUMNS, nextCapacity(r + 1));
    this.rBrand[r] = this.brandNumber(brand);
    this.rNext[r] = NONE;
    this.counters.fill(0, r * INFLUENCE_SLOTS, (r + 1) * INFLUENCE_SLOTS);
    this.pagerank[r] = 0;
    this.rReactors[r] = NONE;
    this.rPrecision[r] = precision;
    this.rEdgeBase[r] = NONE;
    this.rEdgeCount[r] = 0;
    this.rEdgeClass[r] = 0;
    let last = this.brandHead[a]!;
    if (last === NONE) this.brandHead[a] = r;
    else {
      while (this.rNext[last] !== NONE) last = this.rNext[last]!;
      this.rNext[last] = r;
    }
    return r;
  }

  removeBrand(a: number, r: number) {
    if (this.brandHead[a] === r) this.brandHead[a] = this.rNext[r]!;
    else {
      let p = this.brandHead[a]!;
      while (this.rNext[p] !== r) p = this.rNext[p]!;
      this.rNext[p] = this.rNext[r]!;
    }
    this.setEdgeCount(r, 0);
    if (this.rReactors[r] !== NONE) this.reactorBlocks.get(this.rPrecision[r]!)!.release(this.rReactors[r]!);
    this.freeRecords.push(r);
  }

  /** Activity of a community record (for evicting the least active when an author has too many). */
  activity(r: number): number {
    let sum = 0;
    for (let i = 1; i < INFLUENCE_SLOTS; i++) sum += this.counters[r * INFLUENCE_SLOTS + i]!;
    return sum;
  }

  // ---- reactor registers -------------------------------------------------------------------------------

  private reactorBlocksOf(precision: number): Blocks<Uint8Array> {
    let blocks = this.reactorBlocks.get(precision);
    if (!blocks) this.reactorBlocks.set(precision, (blocks = new Blocks(new Uint8Array(0), 2 ** precision)));
    return blocks;
  }

  hasReactors(r: number): boolean {
    return this.rReactors[r] !== NONE;
  }

  /** The record's registers as a view (allocated on first write); a zero copy when `forWrite` is false and none exist. */
  reactors(r: number, forWrite: boolean): Uint8Array {
    const precision = this.rPrecision[r]!;
    const size = 2 ** precision;
    if (this.rReactors[r] === NONE) {
      if (!forWrite) return new Uint8Array(size);
      this.rReactors[r] = this.reactorBlocksOf(precision).alloc();
    }
    const offset = this.rReactors[r]!;
    return this.reactorBlocksOf(precision).data.subarray(offset, offset + size);
  }

  // ---- in-edges -----------------------------------------------------------------------------------------

  edgeBase(r: number): number {
    return this.rEdgeBase[r]!;
  }

  edgeCount(r: number): number {
    return this.rEdgeCount[r]!;
  }

  /** Makes room for `n` edges in the record's block (moving it to a larger class) or shrinks the count to `n`. */
  private setEdgeCount(r: number, n: number) {
    const count = this.rEdgeCount[r]!;
    if (n < count)
      for (let i = this.rEdgeBase[r]! + n; i < this.rEdgeBase[r]! + count; i++) this.unref(this.edgeFrom[i]!);
    if (n === 0) {
      if (this.rEdgeBase[r] !== NONE) this.freeEdges[this.rEdgeClass[r]!]!.push(this.rEdgeBase[r]!);
      this.rEdgeBase[r] = NONE;
    } else if (this.rEdgeBase[r] === NONE || n > 1 << this.rEdgeClass[r]!) {
      let cls = 0;
      while (1 << cls < n) cls++;
      const base = this.allocEdges(cls);
      const old = this.rEdgeBase[r]!;
      if (old !== NONE) {
        this.edgeFrom.copyWithin(base, old, old + count);
        this.edgeWeight.copyWithin(base, old, old + count);
        this.freeEdges[this.rEdgeClass[r]!]!.push(old);
      }
      this.rEdgeBase[r] = base;
      this.rEdgeClass[r] = cls;
    }
    this.rEdgeCount[r] = n;
  }

  private allocEdges(cls: number): number {
    const reused = this.freeEdges[cls]!.pop();
    if (reused !== undefined) return reused;
    const base = this.edgeTop;
    this.edgeTop += 1 << cls;
    if (this.edgeTop > this.edgeFrom.length) this.grow(EDGE_COLUMNS, nextCapacity(this.edgeTop));
    return base;
  }

  private pushEdge(r: number, from: string, weight: number) {
    const n = this.rEdgeCount[r]!;
    this.setEdgeCount(r, n + 1);
    const i = this.rEdgeBase[r]! + n;
    this.edgeFrom[i] = this.ref(from);
    this.edgeWeight[i] = weight;
  }

  /** Adds weight to the in-edge from `from`, keeping only the strongest `max` (the weakest gives way). */
  addInEdge(r: number, from: string, weight: number, max: number): { repeat: boolean } {
    const n = this.rEdgeCount[r]!;
    const base = this.rEdgeBase[r]!;
    const fromId = this.idIndex.get(from);
    if (fromId !== undefined)
      for (let i = base; i < base + n; i++)
        if (this.edgeFrom[i] === fromId) {
          this.edgeWeight[i]! += weight;
          return { repeat: true };
        }
    if (n < max) {
      this.pushEdge(r, from, weight);
      return { repeat: false };
    }
    let weakest = base;
    for (let i = base + 1; i < base + n; i++)
      if (this.edgeWeight[i]! < this.edgeWeight[weakest]!) weakest = i;
    if (this.edgeWeight[weakest]! < weight) {
      const id = this.ref(from);
      this.unref(this.edgeFrom[weakest]!);
      this.edgeFrom[weakest] = id;
      this.edgeWeight[weakest] = weight;
    }
    return { repeat: false };
  }

  /** Drops the record's edges whose source `drop` says, keeping the order of the rest; true if any went. */
  filterEdges(r: number, drop: (from: string) => boolean): boolean {
    const n = this.rEdgeCount[r]!;
    const base = this.rEdgeBase[r]!;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const from = this.edgeFrom[base + i]!;
      if (drop(this.idStrings[from]!)) {
        this.unref(from);
        continue;
      }
      this.edgeFrom[base + kept] = from;
      this.edgeWeight[base + kept] = this.edgeWeight[base + i]!;
      kept++;
    }
    if (kept === n) return false;
    // The dropped references are already released: only shrink the count.
    this.rEdgeCount[r] = kept;
    if (kept === 0) this.setEdgeCount(r, 0);
    return true;
  }

  // ---- time ---------------------------------------------------------------------------------------------

  /** Moves every decayed counter of the author forward to `toMs` (never backwards: late events are down-weighted instead). */
  age(a: number, toMs: number, options: ScoringOptions) {
    const from = this.at[a]!;
    if (!(toMs > from)) return;
    scale(
      this.behaviour,
      a * BEHAVIOUR_SLOTS,
      BEHAVIOUR_SLOTS,
      decayFactor(toMs - from, options.trustHalfLifeMs),
    );
    scale(this.fast, a * FAST_SLOTS, FAST_SLOTS, decayFactor(toMs - from, FAST_HALF_LIFE_MS));
    const f = decayFactor(toMs - from, options.influenceHalfLifeMs);
    for (let r = this.brandHead[a]!; r !== NONE; r = this.rNext[r]!) {
      for (let i = r * INFLUENCE_SLOTS; i < (r + 1) * INFLUENCE_SLOTS; i++)
        this.counters[i] = this.counters[i]! * f;
      const base = this.rEdgeBase[r]!;
      for (let i = base; i < base + this.rEdgeCount[r]!; i++) this.edgeWeight[i]! *= f;
    }
    this.at[a] = toMs;
  }

  // ---- checkpoint form ----------------------------------------------------------------------------------

  /** The author as the plain state the codec writes. */
  toState(a: number): AuthorState {
    const profile: AuthorState['profile'] = {};
    const followers = this.profileValue(a, PF.followers);
    const following = this.profileValue(a, PF.following);
    const created = this.profileValue(a, PF.accountCreatedMs);
    const listed = this.profileValue(a, PF.listed);
    if (followers !== undefined) profile.followers = followers;
    if (following !== undefined) profile.following = following;
    if (created !== undefined) profile.accountCreatedMs = created;
    if (listed !== undefined) profile.listed = listed;
    if (this.isBot(a)) profile.bot = true;
    if (this.isBrand(a)) profile.isBrand = true;
    const ringSize = TEXT_RING * SIGNATURE_SLOTS;
    const brands = new Map<string, BrandState>();
    for (let r = this.brandHead[a]!; r !== NONE; r = this.rNext[r]!) {
      const base = this.rEdgeBase[r]!;
      const edges: BrandState['edges'] = [];
      for (let i = base; i < base + this.rEdgeCount[r]!; i++)
        edges.push({ from: this.idStrings[this.edgeFrom[i]!]!, weight: this.edgeWeight[i]! });
      brands.set(this.brandName(r), {
        counters: this.counters.slice(r * INFLUENCE_SLOTS, (r + 1) * INFLUENCE_SLOTS),
        reactors: this.reactors(r, false).slice(),
        edges,
        pagerank: this.pagerank[r]!,
      });
    }
    return {
      id: this.id(a),
      profile,
      at: this.at[a]!,
      lastItemAt: this.lastItemAt[a]!,
      day: this.day[a]!,
      postsToday: this.postsToday[a]!,
      maxPerDay: this.maxPerDay[a]!,
      behaviour: this.behaviour.slice(a * BEHAVIOUR_SLOTS, (a + 1) * BEHAVIOUR_SLOTS),
      fast: this.fast.slice(a * FAST_SLOTS, (a + 1) * FAST_SLOTS),
      recentTexts:
        this.ring[a] === NONE
          ? new Uint16Array(ringSize)
          : this.rings.data.slice(this.ring[a]!, this.ring[a]! + ringSize),
      texts: this.texts[a]!,
      brands,
    };
  }

  /** Puts a checkpointed author in (replacing a known one in place, as setting a Map key did). */
  load(state: AuthorState): number {
    let a = this.slot(state.id);
    if (a === NONE) a = this.add(state.id, state.at);
    else {
      this.dropContents(a);
      this.clear(a, state.at);
    }
    this.lastItemAt[a] = state.lastItemAt;
    this.day[a] = state.day;
    this.postsToday[a] = state.postsToday;
    this.maxPerDay[a] = state.maxPerDay;
    this.texts[a] = state.texts;
    const p = state.profile;
    if (p.followers !== undefined) this.setProfileValue(a, PF.followers, p.followers);
    if (p.following !== undefined) this.setProfileValue(a, PF.following, p.following);
    if (p.accountCreatedMs !== undefined) this.setProfileValue(a, PF.accountCreatedMs, p.accountCreatedMs);
    if (p.listed !== undefined) this.setProfileValue(a, PF.listed, p.listed);
    if (p.bot) this.setBot(a, true);
    if (p.isBrand) this.setBrand(a);
    this.behaviour.set(state.behaviour, a * BEHAVIOUR_SLOTS);
    this.fast.set(state.fast, a * FAST_SLOTS);
    if (state.texts > 0) {
      const ring = this.ringOffset(a); // first: allocating may replace `ringData`
      this.ringData.set(state.recentTexts, ring);
    }
    for (const [name, bs] of state.brands) {
      const r = this.addBrand(a, name, Math.log2(bs.reactors.length));
      this.counters.set(bs.counters, r * INFLUENCE_SLOTS);
      this.pagerank[r] = bs.pagerank;
      if (bs.reactors.some((x) => x !== 0)) this.reactors(r, true).set(bs.reactors);
      for (const e of bs.edges) this.pushEdge(r, e.from, e.weight);
    }
    return a;
  }
}

function scale(values: Float32Array, offset: number, length: number, f: number) {
  if (f === 1) return;
  for (let i = offset; i < offset + length; i++) values[i] = values[i]! * f;
}
