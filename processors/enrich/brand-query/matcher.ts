/**
 * Brand matcher: compiles all brands' queries once into one vocabulary and an
 * inverted index, then matches posts.
 *
 * Per post:
 * 1. The text is tokenized and folded once (text.ts). Only tokens some query
 *    mentions are kept: exact keys via a hash map, wildcards via a trie of all
 *    prefixes (walking a token down the trie finds every `prefix*` it
 *    satisfies). The kept positions are shared by all brands.
 * 2. Each term can carry "trigger" brands. A brand's trigger set is chosen at
 *    compile time so its query can only be true if one trigger term occurs:
 *    a term triggers itself, OR needs all children's triggers, AND/NEAR need
 *    only the cheapest child's, a phrase one of its words. Only brands whose
 *    trigger fired are evaluated; a post with no brand term evaluates no query.
 * 3. A query with no trigger set (it can be true with none of its terms
 *    present: `NOT recipe`, `lumora OR NOT spam`) is "unconditional" and is
 *    evaluated for every post — correct, but it costs one evaluation per post
 *    (listed in `matcher.unconditionalBrands`).
 *
 * Semantics chosen here:
 * - `exclude` is evaluated only when the query matched; a match of it removes
 *   the brand from the result.
 * - Own accounts (`accounts: { source: [handles] }`): a post written by, or
 *   @mentioning, one of the brand's accounts on the post's source (any source
 *   when the post has none) belongs to the brand regardless of query and
 *   exclude — the brand's own voice and people addressing it are never
 *   "apple pie". A local account `acme` also matches `@acme@any.instance`.
 * - `@x` in a query matches @mentions in the text and `post.mentions`, not the
 *   author (that is what `accounts` is for); `#x` matches hashtags in the text
 *   and `post.hashtags`; a bare word also matches hashtag words. Entries of
 *   `mentions`/`hashtags` have no position: they satisfy terms but not
 *   phrases or NEAR.
 * - A NEAR chain keeps, for each left span, only its nearest right partner on
 *   each side; exact for two operands, a (documented) approximation for chains.
 *
 * Not reentrant per matcher (it reuses one scratch buffer); JS is
 * single-threaded, so this only matters if match() were called from inside
 * itself.
 */
import { QueryParseError } from './lexer.ts';
import { parseQuery, type PhraseNode, type QueryNode, type TermNode } from './parser.ts';
import { fold, scanText, type TokenKind } from './text.ts';

export interface BrandQueryConfig {
  name: string;
  query: string;
  /** Posts matching this query are not the brand's (`"apple pie" OR recipe`). */
  exclude?: string;
  /** The brand's own accounts per source: `{ mastodon: ['acme@social.example'] }`. */
  accounts?: Record<string, string[]>;
}

export interface MatchablePost {
  text: string;
  /** Mentioned handles (without or with a leading @). */
  mentions?: string[];
  /** Hashtags (without or with a leading #). */
  hashtags?: string[];
  authorHandle?: string;
  source?: string;
}

export interface MatchStats {
  posts: number;
  /** Brand queries evaluated (the figure the inverted index keeps low). */
  queryEvaluations: number;
  excludeEvaluations: number;
  accountMatches: number;
  matches: number;
}

export interface TermHit {
  /** The term or phrase as written in the query. */
  term: string;
  field: TokenKind | 'phrase';
  /** Post tokens that matched (several for a wildcard). */
  matched: string[];
  /** Token positions in the post (start positions for phrases). */
  positions: number[];
  /** Under an odd number of NOTs: its presence argues against the match. */
  negated: boolean;
}

export interface MatchExplanation {
  brand: string;
  matched: boolean;
  reason: 'account' | 'query' | 'excluded' | 'no-match';
  account?: { handle: string; role: 'author' | 'mention' };
  /** Query terms and phrases present in the post. */
  terms: TermHit[];
  /** Exclude terms and phrases present in the post. */
  excludeTerms: TermHit[];
}

/** Why one brand did or did not match, as explain() says, without the per-term detail. */
export interface BrandReason {
  brand: string;
  reason: MatchExplanation['reason'];
  /** explain()'s `terms` that are not negated, as written in the query, each once, in query order. */
  terms: string[];
}

export interface MatchWithReasons {
  /** As match(). */
  brands: string[];
  /** One per brand of `brands` and of `also` (in that order, each once). */
  reasons: BrandReason[];
}

export interface BrandMatcher {
  readonly brands: readonly string[];
  /** Brands whose query can match without any of its terms: evaluated for every post. */
  readonly unconditionalBrands: readonly string[];
  /** Names of the brands the post belongs to, in config order. */
  match(post: MatchablePost): string[];
  /** Why `brand` did or did not match `post`; throws RangeError for an unknown brand. */
  explain(post: MatchablePost, brand: string): MatchExplanation;
  /**
   * match() plus, for each matched brand and each brand named in `also`, explain()'s reason and present
   * terms: the post is indexed once, where match() then explain() per brand indexes it 1 + brands times.
   * Counts in stats() like match(). Throws RangeError for an unknown brand in `also`.
   */
  matchWithReasons(post: MatchablePost, also?: readonly string[]): MatchWithReasons;
  stats(): MatchStats;
  resetStats(): void;
}

// ---------------------------------------------------------------------------
// Compiled expressions: the AST with terms replaced by vocabulary ids.

type Expr =
  | { k: 'term'; id: number; src: TermNode }
  | { k: 'phrase'; ids: number[]; slop: number; src: PhraseNode }
  | { k: 'and' | 'or'; c: Expr[] }
  | { k: 'not'; c: Expr }
  | { k: 'near'; ops: Expr[]; d: number[] };

interface Term {
  key: string;
  prefix: boolean;
  field: TokenKind;
  /** Brands for which this term is a trigger. */
  triggers: number[];
}

interface TrieNode {
  /** Keyed by UTF-16 code unit: charCodeAt is cheaper than iterating code points. */
  next: Map<number, TrieNode>;
  /** Id of the prefix term ending here, or -1. */
  id: number;
}

interface CompiledBrand {
  name: string;
  query: Expr;
  querySource: string;
  exclude?: Expr;
  excludeSource?: string;
}

interface AccountRef {
  brand: number;
  source: string;
  handle: string;
  /** This reference as an account hit of each role, built once (a post only reads them). */
  asAuthor: AccountHit;
  asMention: AccountHit;
}

interface AccountHit {
  readonly brand: number;
  readonly source: string;
  readonly handle: string;
  readonly role: 'author' | 'mention';
}

/** Per-post state: positions of each vocabulary term present (undefined = absent). */
class Scratch {
  readonly pos: (number[] | undefined)[];
  readonly touched: number[] = [];
  /** Only for explain(): which post tokens produced each term. */
  surfaces?: Map<number, Set<string>>;

  constructor(size: number) {
    this.pos = new Array<number[] | undefined>(size).fill(undefined);
  }

  clear(): void {
    for (const id of this.touched) this.pos[id] = undefined;
    this.touched.length = 0;
  }
}

interface Span {
  s: number;
  e: number;
}

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function contains(a: readonly number[], x: number): boolean {
  const i = lowerBound(a, x);
  return i < a.length && a[i] === x;
}

const stripSigil = (h: string, sigil: string) => (h.startsWith(sigil) ? h.slice(1) : h);

/**
 * `stripSigil(fold(raw.trim()), sigil)` for a post's metadata (mentions, hashtags, author handle), memoised:
 * a stream repeats its handles and tags. Cleared when full, like the token fold memo in text.ts.
 */
function foldMeta(raw: string, sigil: '@' | '#'): string {
  const memo = sigil === '@' ? metaHandles : metaTags;
  let out = memo.get(raw);
  if (out === undefined) {
    out = stripSigil(fold(raw.trim()), sigil);
    if (memo.size >= META_MEMO_MAX) memo.clear();
    memo.set(raw, out);
  }
  return out;
}

/** The non-empty `_`-separated parts of a folded tag, memoised like {@link foldMeta}. */
function tagParts(tag: string): readonly string[] {
  let parts = metaTagParts.get(tag);
  if (parts === undefined) {
    parts = tag.split('_').filter((part) => part !== '');
    if (metaTagParts.size >= META_MEMO_MAX) metaTagParts.clear();
    metaTagParts.set(tag, parts);
  }
  return parts;
}

const META_MEMO_MAX = 50_000;
const metaTagParts = new Map<string, readonly string[]>();
const metaHandles = new Map<string, string>();
const metaTags = new Map<string, string>();

function addTerm(terms: string[], term: string): void {
  if (!terms.includes(term)) terms.push(term);
}

// ---------------------------------------------------------------------------

class Matcher implements BrandMatcher {
  readonly brands: string[];
  readonly unconditionalBrands: string[];
  private readonly compiled: CompiledBrand[] = [];
  private readonly terms: Term[] = [];
  private readonly exact = new Map<string, number>();
  private readonly prefixIds = new Map<string, number>();
  private readonly trie: TrieNode = { next: new Map(), id: -1 };
  private hasPrefixes = false;
  private hasSymbols = false;
  private readonly unconditional: number[] = [];
  private readonly accounts = new Map<string, AccountRef[]>();
  private scratch!: Scratch;
  /** mark[b] === epoch: brand b is already a candidate for the current post. */
  private mark!: Uint32Array;
  private epoch = 0;
  private readonly candidates: number[] = [];
  private readonly accountHit: AccountHit[] = [];
  private counters: MatchStats = emptyStats();
  /** The post being indexed (its source filters account matches). */
  private post?: MatchablePost;
  // Created once: a per-post closure showed up in profiles.
  private cur!: Scratch;
  private hot = false;
  private readonly sink = (kind: TokenKind, key: string, position: number) =>
    this.token(this.cur, kind, key, position, this.hot);
  private readonly scanOptions = { symbols: false, symbolFilter: (key: string) => this.exact.has(key) };

  constructor(configs: readonly BrandQueryConfig[]) {
    const seen = new Set<string>();
    for (const [b, cfg] of configs.entries()) {
      if (typeof cfg.name !== 'string' || cfg.name === '')
        throw new Error(`brand #${b}: name must be non-empty`);
      if (seen.has(cfg.name)) throw new Error(`brand ${cfg.name}: duplicate name`);
      seen.add(cfg.name);
      const query = this.compileField(cfg, 'query');
      const exclude = cfg.exclude !== undefined ? this.compileField(cfg, 'exclude') : undefined;
      const brand: CompiledBrand = { name: cfg.name, query, querySource: cfg.query };
      if (exclude !== undefined) {
        brand.exclude = exclude;
        brand.excludeSource = cfg.exclude;
      }
      this.compiled.push(brand);
      const triggers = this.triggers(query);
      if (triggers === null) this.unconditional.push(b);
      else for (const id of triggers) (this.terms[id] as Term).triggers.push(b);
      for (const [source, handles] of Object.entries(cfg.accounts ?? {})) {
        for (const h of handles) {
          const handle = stripSigil(fold(h.trim()), '@');
          if (handle === '') continue;
          const refs = this.accounts.get(handle) ?? [];
          const asAuthor: AccountHit = { brand: b, source, handle, role: 'author' };
          const asMention: AccountHit = { brand: b, source, handle, role: 'mention' };
          refs.push({ brand: b, source, handle, asAuthor, asMention });
          this.accounts.set(handle, refs);
        }
      }
    }
    this.brands = this.compiled.map((c) => c.name);
    this.unconditionalBrands = this.unconditional.map((b) => this.brands[b] as string);
    this.scratch = new Scratch(this.terms.length);
    this.cur = this.scratch;
    this.scanOptions.symbols = this.hasSymbols;
    this.mark = new Uint32Array(this.compiled.length);
  }

  private compileField(cfg: BrandQueryConfig, field: 'query' | 'exclude'): Expr {
    const source = cfg[field];
    if (typeof source !== 'string') throw new Error(`brand ${cfg.name}: ${field} must be a string`);
    try {
      return this.compileNode(parseQuery(source));
    } catch (err) {
      if (err instanceof QueryParseError) {
        err.brand = cfg.name;
        err.field = field;
        err.message = `brand ${cfg.name} ${field}: ${err.message}`;
      }
      throw err;
    }
  }

  private termId(t: TermNode): number {
    // Exact keys are looked up on the hot path by the token string itself;
    // prefix terms live in the trie, with their own id map for deduplication.
    const ids = t.prefix ? this.prefixIds : this.exact;
    const known = ids.get(t.key);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.terms.push({ key: t.key, prefix: t.prefix, field: t.field, triggers: [] });
    ids.set(t.key, id);
    if (t.prefix) {
      let node = this.trie;
      for (let i = 0; i < t.key.length; i++) {
        const ch = t.key.charCodeAt(i);
        let child = node.next.get(ch);
        if (child === undefined) {
          child = { next: new Map(), id: -1 };
          node.next.set(ch, child);
        }
        node = child;
      }
      node.id = id;
      this.hasPrefixes = true;
    } else if (t.field === 'symbol') {
      this.hasSymbols = true;
    }
    return id;
  }

  /** AST → Expr. Recursion depth is bounded by the parser's nesting limit. */
  private compileNode(n: QueryNode): Expr {
    switch (n.kind) {
      case 'term':
        return { k: 'term', id: this.termId(n), src: n };
      case 'phrase':
        return { k: 'phrase', ids: n.terms.map((t) => this.termId(t)), slop: n.slop ?? -1, src: n };
      case 'and':
      case 'or':
        return { k: n.kind, c: n.children.map((c) => this.compileNode(c)) };
      case 'not':
        return { k: 'not', c: this.compileNode(n.child) };
      case 'near':
        return { k: 'near', ops: n.operands.map((o) => this.compileNode(o)), d: n.distances };
    }
  }

  /** Relative cost of triggering on a term: wildcards and very short keys fire often. */
  private cost(ids: readonly number[]): number {
    let c = 0;
    for (const id of ids) {
      const t = this.terms[id] as Term;
      c += (t.prefix ? 8 : 1) * (t.key.length <= 2 ? 4 : 1);
    }
    return c;
  }

  /** Terms of which at least one must occur for `e` to be true; null if there is no such set. */
  private triggers(e: Expr): number[] | null {
    switch (e.k) {
      case 'term':
        return [e.id];
      case 'phrase': {
        // All words must occur: trigger on the most selective one (exact, then longest).
        const score = (id: number) => this.cost([id]) * 1000 - (this.terms[id] as Term).key.length;
        let best = e.ids[0] as number;
        for (const id of e.ids) if (score(id) < score(best)) best = id;
        return [best];
      }
      case 'or': {
        const all = new Set<number>();
        for (const c of e.c) {
          const t = this.triggers(c);
          if (t === null) return null;
          for (const id of t) all.add(id);
        }
        return [...all];
      }
      case 'and':
      case 'near': {
        let best: number[] | null = null;
        const children = e.k === 'near' ? e.ops : e.c;
        for (const c of children) {
          const t = this.triggers(c);
          if (t !== null && (best === null || this.cost(t) < this.cost(best))) best = t;
        }
        return best;
      }
      case 'not':
        return null;
    }
  }

  // ---- indexing a post ----------------------------------------------------

  private record(s: Scratch, id: number, position: number, surface: string, hot: boolean): void {
    let list = s.pos[id];
    if (list === undefined) {
      list = [];
      s.pos[id] = list;
      s.touched.push(id);
      if (hot) {
        for (const b of (this.terms[id] as Term).triggers) this.candidate(b);
      }
    }
    if (position >= 0 && list[list.length - 1] !== position) list.push(position);
    if (s.surfaces !== undefined) {
      const set = s.surfaces.get(id) ?? new Set<string>();
      set.add(surface);
      s.surfaces.set(id, set);
    }
  }

  private candidate(b: number): void {
    if (this.mark[b] !== this.epoch) {
      this.mark[b] = this.epoch;
      this.candidates.push(b);
    }
  }

  /** Records one post token: exact key, every prefix term it satisfies, account mentions. */
  private token(s: Scratch, kind: TokenKind, key: string, position: number, hot: boolean): void {
    const id = this.exact.get(key);
    if (id !== undefined) this.record(s, id, position, key, hot);
    if (this.hasPrefixes && kind !== 'symbol' && kind !== 'emoji') {
      let node: TrieNode | undefined = this.trie;
      for (let i = 0; i < key.length; i++) {
        node = node.next.get(key.charCodeAt(i));
        if (node === undefined) break;
        if (node.id >= 0) this.record(s, node.id, position, key, hot);
      }
    }
    if (kind === 'handle' && this.accounts.size > 0) this.accountMention(key.slice(1));
  }

  private accountMention(handle: string): void {
    const refs = this.accounts.get(handle);
    if (refs === undefined) return;
    for (const r of refs) this.accountMatch(r, 'mention');
  }

  private accountMatch(r: AccountRef, role: 'author' | 'mention'): void {
    const source = this.post?.source;
    if (source !== undefined && r.source !== source) return;
    this.accountHit.push(role === 'author' ? r.asAuthor : r.asMention);
  }

  private index(post: MatchablePost, s: Scratch, hot: boolean): void {
    this.post = post;
    this.accountHit.length = 0;
    this.cur = s;
    this.hot = hot;
    const sink = this.sink;
    scanText(post.text ?? '', sink, this.scanOptions);
    // Metadata lists: present, but without a position.
    for (const m of post.mentions ?? []) {
      const h = foldMeta(m, '@');
      if (h === '') continue;
      sink('handle', '@' + h, -1);
      const at = h.indexOf('@');
      if (at > 0) sink('handle', '@' + h.slice(0, at), -1);
    }
    for (const t of post.hashtags ?? []) {
      const tag = foldMeta(t, '#');
      if (tag === '') continue;
      sink('tag', '#' + tag, -1);
      for (const part of tagParts(tag)) sink('word', part, -1);
    }
    if (post.authorHandle !== undefined && this.accounts.size > 0) {
      const a = foldMeta(post.authorHandle, '@');
      const at = a.indexOf('@');
      for (const h of at > 0 ? [a, a.slice(0, at)] : [a]) {
        for (const r of this.accounts.get(h) ?? []) this.accountMatch(r, 'author');
      }
    }
  }

  // ---- evaluation ----------------------------------------------------------

  private evaluate(e: Expr, s: Scratch): boolean {
    switch (e.k) {
      case 'term':
        return s.pos[e.id] !== undefined;
      case 'phrase':
        return this.phraseSpans(e, s, true).length > 0;
      case 'and':
        for (const c of e.c) if (!this.evaluate(c, s)) return false;
        return true;
      case 'or':
        for (const c of e.c) if (this.evaluate(c, s)) return true;
        return false;
      case 'not':
        return !this.evaluate(e.c, s);
      case 'near':
        return this.spans(e, s).length > 0;
    }
  }

  /** Position spans where `e` occurs (terms, phrases, OR and NEAR only; the parser enforces this). */
  private spans(e: Expr, s: Scratch): Span[] {
    switch (e.k) {
      case 'term':
        return (s.pos[e.id] ?? []).map((p) => ({ s: p, e: p }));
      case 'phrase':
        return this.phraseSpans(e, s, false);
      case 'or': {
        const all = e.c.flatMap((c) => this.spans(c, s));
        return all.sort((a, b) => a.s - b.s || a.e - b.e);
      }
      case 'near': {
        let acc = this.spans(e.ops[0] as Expr, s);
        for (let i = 1; i < e.ops.length && acc.length > 0; i++) {
          acc = nearSpans(acc, this.spans(e.ops[i] as Expr, s), e.d[i - 1] as number);
        }
        return acc;
      }
      default:
        return [];
    }
  }

  private phraseSpans(e: Extract<Expr, { k: 'phrase' }>, s: Scratch, firstOnly: boolean): Span[] {
    const lists: number[][] = [];
    for (const id of e.ids) {
      const l = s.pos[id];
      if (l === undefined || l.length === 0) return [];
      lists.push(l);
    }
    // `~n`: at most n foreign words inside the window, so its span is ≤ n + k − 1.
    return e.slop < 0 ? exactPhrase(lists, firstOnly) : proximity(e.ids, lists, e.slop + e.ids.length - 1);
  }

  // ---- public API ----------------------------------------------------------

  match(post: MatchablePost): string[] {
    const out = this.matchIndexed(post);
    this.scratch.clear();
    this.post = undefined;
    return out;
  }

  matchWithReasons(post: MatchablePost, also: readonly string[] = []): MatchWithReasons {
    const extra = also.map((name) => {
      const b = this.brands.indexOf(name);
      if (b < 0) throw new RangeError(`unknown brand: ${name}`);
      return b;
    });
    const brands = this.matchIndexed(post);
    const s = this.scratch;
    const reasons: BrandReason[] = [];
    // The matched brands in config order, then `also`, each once.
    const order =
      extra.length === 0
        ? brands.map((n) => this.brands.indexOf(n))
        : [...new Set([...brands.map((n) => this.brands.indexOf(n)), ...extra])];
    for (const b of order) {
      const brand = this.compiled[b] as CompiledBrand;
      reasons.push({ brand: brand.name, reason: this.reason(b, s), terms: this.presentTerms(brand, s) });
    }
    s.clear();
    this.post = undefined;
    return { brands, reasons };
  }

  /** explain()'s reason for brand `b`, from the indexed post in `s` (and its account hits). */
  private reason(b: number, s: Scratch): MatchExplanation['reason'] {
    const brand = this.compiled[b] as CompiledBrand;
    if (this.accountHit.some((h) => h.brand === b)) return 'account';
    if (!this.evaluate(brand.query, s)) return 'no-match';
    return brand.exclude !== undefined && this.evaluate(brand.exclude, s) ? 'excluded' : 'query';
  }

  /**
   * The not-negated query terms of `brand` present in `s`, each once: hits() without building its TermHit
   * records (positions, surfaces), which only explain() reports.
   */
  private presentTerms(brand: CompiledBrand, s: Scratch): string[] {
    const terms: string[] = [];
    this.collectPresent(brand.query, false, brand.querySource, s, terms);
    return terms;
  }

  /** presentTerms()'s walk: a method, not a per-call closure (closures showed up in profiles). */
  private collectPresent(x: Expr, negated: boolean, source: string, s: Scratch, terms: string[]): void {
    switch (x.k) {
      case 'term':
        if (!negated && s.pos[x.id] !== undefined) addTerm(terms, source.slice(x.src.start, x.src.end));
        return;
      case 'phrase':
        if (!negated && this.phraseSpans(x, s, true).length > 0)
          addTerm(terms, source.slice(x.src.start, x.src.end));
        return;
      case 'and':
      case 'or':
        for (const c of x.c) this.collectPresent(c, negated, source, s, terms);
        return;
      case 'near':
        for (const c of x.ops) this.collectPresent(c, negated, source, s, terms);
        return;
      case 'not':
        this.collectPresent(x.c, !negated, source, s, terms);
        return;
    }
  }

  /** match() without the clean-up: the caller clears the scratch and `post`. */
  private matchIndexed(post: MatchablePost): string[] {
    const s = this.scratch;
    const c = this.counters;
    c.posts++;
    if (++this.epoch === 0xffffffff) {
      this.mark.fill(0);
      this.epoch = 1;
    }
    this.candidates.length = 0;
    this.index(post, s, true);
    for (const b of this.unconditional) this.candidate(b);
    let byAccount: Set<number> | undefined;
    if (this.accountHit.length > 0) {
      byAccount = new Set();
      for (const hit of this.accountHit) {
        byAccount.add(hit.brand);
        this.candidate(hit.brand);
      }
    }
    const out: string[] = [];
    if (this.candidates.length > 0) {
      const order = this.candidates.length > 1 ? [...this.candidates].sort((a, b) => a - b) : this.candidates;
      for (const b of order) {
        const brand = this.compiled[b] as CompiledBrand;
        if (byAccount?.has(b) === true) {
          c.accountMatches++;
          out.push(brand.name);
          continue;
        }
        c.queryEvaluations++;
        if (!this.evaluate(brand.query, s)) continue;
        if (brand.exclude !== undefined) {
          c.excludeEvaluations++;
          if (this.evaluate(brand.exclude, s)) continue;
        }
        out.push(brand.name);
      }
    }
    c.matches += out.length;
    return out;
  }

  explain(post: MatchablePost, brandName: string): MatchExplanation {
    const b = this.brands.indexOf(brandName);
    if (b < 0) throw new RangeError(`unknown brand: ${brandName}`);
    const brand = this.compiled[b] as CompiledBrand;
    const s = new Scratch(this.terms.length);
    s.surfaces = new Map();
    this.index(post, s, false);
    const account = this.accountHit.find((h) => h.brand === b);
    this.post = undefined;
    const terms = this.hits(brand.query, brand.querySource, s);
    const excludeTerms =
      brand.exclude !== undefined ? this.hits(brand.exclude, brand.excludeSource ?? '', s) : [];
    const result: MatchExplanation = {
      brand: brandName,
      matched: false,
      reason: 'no-match',
      terms,
      excludeTerms,
    };
    if (account !== undefined) {
      result.matched = true;
      result.reason = 'account';
      result.account = { handle: account.handle, role: account.role };
    } else if (this.evaluate(brand.query, s)) {
      const excluded = brand.exclude !== undefined && this.evaluate(brand.exclude, s);
      result.matched = !excluded;
      result.reason = excluded ? 'excluded' : 'query';
    }
    return result;
  }

  /** Terms and phrases of `e` present in the post, with the NOT parity under which they sit. */
  private hits(e: Expr, source: string, s: Scratch): TermHit[] {
    const out: TermHit[] = [];
    const surfaces = (id: number) => [...(s.surfaces?.get(id) ?? [])];
    const walk = (x: Expr, negated: boolean): void => {
      switch (x.k) {
        case 'term': {
          const list = s.pos[x.id];
          if (list === undefined) return;
          const t = this.terms[x.id] as Term;
          const term = source.slice(x.src.start, x.src.end);
          out.push({ term, field: t.field, matched: surfaces(x.id), positions: [...list], negated });
          return;
        }
        case 'phrase': {
          const spans = this.phraseSpans(x, s, false);
          if (spans.length === 0) return;
          out.push({
            term: source.slice(x.src.start, x.src.end),
            field: 'phrase',
            matched: [...new Set(x.ids.flatMap(surfaces))],
            positions: spans.map((sp) => sp.s),
            negated,
          });
          return;
        }
        case 'and':
        case 'or':
          for (const c of x.c) walk(c, negated);
          return;
        case 'near':
          for (const c of x.ops) walk(c, negated);
          return;
        case 'not':
          walk(x.c, !negated);
          return;
      }
    };
    walk(e, false);
    return out;
  }

  stats(): MatchStats {
    return { ...this.counters };
  }

  resetStats(): void {
    this.counters = emptyStats();
  }
}

function emptyStats(): MatchStats {
  return { posts: 0, queryEvaluations: 0, excludeEvaluations: 0, accountMatches: 0, matches: 0 };
}

/** Start positions p where lists[i] contains p + i for every i. */
function exactPhrase(lists: number[][], firstOnly: boolean): Span[] {
  const out: Span[] = [];
  const k = lists.length;
  for (const p of lists[0] as number[]) {
    let ok = true;
    for (let i = 1; i < k && ok; i++) ok = contains(lists[i] as number[], p + i);
    if (ok) {
      out.push({ s: p, e: p + k - 1 });
      if (firstOnly) break;
    }
  }
  return out;
}

/**
 * Minimal windows (max − min ≤ maxSpan) holding every phrase word in any
 * order. A word repeated in the phrase needs that many distinct positions.
 */
function proximity(ids: number[], lists: number[][], maxSpan: number): Span[] {
  const need = new Map<number, number>();
  const listOf = new Map<number, number[]>();
  ids.forEach((id, i) => {
    need.set(id, (need.get(id) ?? 0) + 1);
    listOf.set(id, lists[i] as number[]);
  });
  const events: { p: number; id: number }[] = [];
  for (const [id, list] of listOf) for (const p of list) events.push({ p, id });
  events.sort((a, b) => a.p - b.p);
  const have = new Map<number, number>();
  let satisfied = 0;
  const out: Span[] = [];
  let l = 0;
  for (let r = 0; r < events.length; r++) {
    const ev = events[r] as { p: number; id: number };
    const h = (have.get(ev.id) ?? 0) + 1;
    have.set(ev.id, h);
    if (h === need.get(ev.id)) satisfied++;
    while (satisfied === need.size) {
      const left = events[l] as { p: number; id: number };
      if (ev.p - left.p <= maxSpan) out.push({ s: left.p, e: ev.p });
      const hl = (have.get(left.id) ?? 0) - 1;
      have.set(left.id, hl);
      if (hl < (need.get(left.id) ?? 0)) satisfied--;
      l++;
    }
  }
  return out;
}

/**
 * Combined spans of a in A and b in B that do not overlap and have at most
 * `d` positions (words) between them, either order. For each a only its
 * nearest b on each side.
 */
function nearSpans(A: Span[], B: Span[], d: number): Span[] {
  const byStart = [...B].sort((x, y) => x.s - y.s);
  const starts = byStart.map((x) => x.s);
  const byEnd = [...B].sort((x, y) => x.e - y.e);
  const ends = byEnd.map((x) => x.e);
  const out: Span[] = [];
  for (const a of A) {
    const i = lowerBound(starts, a.e + 1); // first b starting after a
    const after = byStart[i];
    if (after !== undefined && after.s - a.e - 1 <= d) out.push({ s: a.s, e: Math.max(a.e, after.e) });
    const j = lowerBound(ends, a.s) - 1; // last b ending before a
    const before = byEnd[j];
    if (before !== undefined && a.s - before.e - 1 <= d) out.push({ s: Math.min(a.s, before.s), e: a.e });
  }
  return out.sort((x, y) => x.s - y.s || x.e - y.e);
}

/**
 * Compiles brand configs into one matcher. Throws QueryParseError (with
 * `brand` and `field` set) for a bad query, Error for a bad config shape.
 */
export function compileBrands(brands: readonly BrandQueryConfig[]): BrandMatcher {
  return new Matcher(brands);
}
