import type { BrandConfig } from '../../../schema/config.ts';
import type { EnrichedPost } from '../../../schema/enriched.ts';
import type { Post } from '../../../schema/post.ts';
import {
  compileBrands,
  type BrandMatcher,
  type BrandReason,
  type MatchablePost,
} from '../brand-query/index.ts';
import { detectAdvocacy, detectEmotions, EMOTIONS } from '../emotion/index.ts';
import type { LanguageDetector } from '../language/index.ts';
import type { SentimentScorer } from '../sentiment/index.ts';
import { LRUCache } from 'lru-cache';
import {
  loadReferencePriors,
  resultOf,
  StreamPriors,
  type StreamPriorOptions,
} from '../sentiment/prior-shift.ts';
import type { TrainedScorer } from '../sentiment/trained-model.ts';
import { ANALYSIS_TEXT_CHARS, boundText, MATCH_TEXT_CHARS } from './text-bounds.ts';
import { brandAccountBook, type BrandAccountBook } from './brand-accounts.ts';

/** The per-message analyses, in the order the enrich step runs them; the benchmark times each one. */
export const ANALYSIS_STEPS = ['match', 'language', 'sentiment', 'emotion', 'advocacy'] as const;
export type AnalysisStep = (typeof ANALYSIS_STEPS)[number];

export interface AnalyzerDeps {
  brands: readonly BrandConfig[];
  detector: LanguageDetector;
  /** Short posts (statuses, comments). */
  sentiment: SentimentScorer;
  /** Reviews (long, product-focused); defaults to `sentiment`. */
  reviewSentiment?: SentimentScorer;
  /** When given, each analysis adds its elapsed nanoseconds here. */
  timings?: Record<AnalysisStep, bigint>;
  /** Authors whose recent languages are remembered as a detection prior (LRU); default 50,000, 0 = off. */
  authorLanguageMemory?: number;
  /**
   * Adjust a trained scorer's posteriors to each brand × language stream's own class priors (EM over a recent
   * window, processors/enrich/sentiment/prior-shift.ts); only trained scorers, never reviews. Default off
   * (`enrich.priorShift`).
   */
  priorShift?: StreamPriorOptions | false;
}

/** Languages remembered per author: enough for a majority, small enough to follow a change. */
const RECENT_LANGS = 5;

export interface Analyzer {
  readonly brands: readonly string[];
  /** Brands the post is about: query matches plus posts written by an account the brand names by id. */
  match(post: Post): string[];
  /** One enriched record per matched brand; [] when the post is about no configured brand. */
  analyze(post: Post): EnrichedPost[];
  /**
   * For a reply, quote or repost that matches no brand: one record per configured brand with `matchedBy:
   * 'thread'`, a candidate the threads stage keeps only if the post's thread is that brand's (see
   * docs/architecture.md and processors/enrich/threads/brand-threads.ts). [] for other posts.
   */
  threadCandidates(post: Post): EnrichedPost[];
}

/**
 * Language, brands, sentiment, emotion and advocacy of one post. Pure and synchronous: the brand index is
 * compiled once, the scorers are loaded once, so a post costs a few microseconds per analysis.
 */
export function createAnalyzer(deps: AnalyzerDeps): Analyzer {
  const matcher: BrandMatcher = compileBrands(
    deps.brands.map((b) => ({
      name: b.name,
      query: b.query,
      ...(b.exclude !== undefined ? { exclude: b.exclude } : {}),
      accounts: brandAccountBook(b).handlesBySource,
    })),
  );
  const books: [string, BrandAccountBook][] = deps.brands.map((b) => [b.name, brandAccountBook(b)]);
  const timings = deps.timings;
  // A prior only: each enrich instance remembers the authors it has seen (posts are spread over instances, so
  // one instance knows part of an author's history) and starts empty after a restart.
  const memory = deps.authorLanguageMemory ?? 50_000;
  const recentLangs = memory > 0 ? new LRUCache<string, string[]>({ max: memory }) : null;
  const timed = <T>(name: AnalysisStep, fn: () => T): T => {
    if (!timings) return fn();
    const t0 = process.hrtime.bigint();
    const out = fn();
    timings[name] += process.hrtime.bigint() - t0;
    return out;
  };

  const matchable = (post: Post): MatchablePost => ({
    text: boundText(post.text, MATCH_TEXT_CHARS),
    mentions: post.mentions,
    hashtags: post.hashtags,
    authorHandle: post.author.handle,
    source: post.source,
  });
  /** Brands that name the post's author by id: theirs whatever the query says. */
  const byAuthorId = (post: Post): string[] => {
    const id = post.author.id;
    return id === undefined ? [] : books.filter(([, book]) => book.ids.has(id)).map(([name]) => name);
  };
  /** The query's brands plus those of `byId`, in config order. */
  const withIdBrands = (byQuery: string[], byId: readonly string[]): string[] => {
    const extra = byId.filter((name) => !byQuery.includes(name));
    return extra.length === 0
      ? byQuery
      : deps.brands.map((b) => b.name).filter((n) => byQuery.includes(n) || extra.includes(n));
  };
  const match = (post: Post): string[] => withIdBrands(matcher.match(matchable(post)), byAuthorId(post));
  /** match() and, per brand, why (reason, query terms present): the matcher indexes the post once for both. */
  const matchWithReasons = (post: Post): { brands: string[]; reasons: Map<string, BrandReason> } => {
    const byId = byAuthorId(post);
    const { brands, reasons } = matcher.matchWithReasons(matchable(post), byId);
    return { brands: withIdBrands(brands, byId), reasons: new Map(reasons.map((r) => [r.brand, r])) };
  };

  const allBrands = deps.brands.map((b) => b.name);
  // A brand's `languages` keeps only its mentions in those languages (a post of unknown language is kept).
  const brandLangs = new Map(
    deps.brands.filter((b) => b.languages?.length).map((b) => [b.name, new Set(b.languages)] as const),
  );
  const speaks = (brand: string, lang: string) =>
    lang === 'und' || (brandLangs.get(brand)?.has(lang) ?? true);
  const trained =
    deps.priorShift !== undefined && deps.priorShift !== false && 'probabilities' in deps.sentiment
      ? (deps.sentiment as TrainedScorer)
      : null;
  const reference = trained ? loadReferencePriors(trained.model) : null;
  // One estimator per reference (language): streams are keyed brand|lang inside it.
  const shifts = new Map<string, StreamPriors>();
  const shiftFor = (lang: string): StreamPriors => {
    const ref = reference?.[lang] ?? reference?.['*'];
    const key = ref ? lang : '*';
    let sp = shifts.get(key);
    if (!sp)
      shifts.set(
        key,
        (sp = new StreamPriors({ ...(deps.priorShift || {}), ...(ref ? { referencePriors: ref } : {}) })),
      );
    return sp;
  };

  /**
   * The analyses of `post`, once per brand; `reasons`: why each brand matched, absent for thread candidates
   * (posts that matched no brand query).
   */
  const enrichFor = (
    post: Post,
    brands: readonly string[],
    reasons: ReadonlyMap<string, BrandReason> | null,
  ): EnrichedPost[] => {
    const text = boundText(post.text, ANALYSIS_TEXT_CHARS);
    const language = timed('language', () => {
      // A post without an author has no history (see `Author.id` in schema/post.ts).
      const authorKey = post.author.id !== undefined ? `${post.source}:${post.author.id}` : undefined;
      const recent = authorKey !== undefined ? recentLangs?.get(authorKey) : undefined;
      const detected = deps.detector.detect(text, {
        sourceLang: post.lang ?? null,
        ...(recent ? { recentLangs: recent } : {}),
      });
      if (recentLangs && authorKey !== undefined && detected.source === 'text') {
        const next = [...(recent ?? []), detected.lang].slice(-RECENT_LANGS);
        recentLangs.set(authorKey, next);
      }
      return detected;
    });
    const lang = language.lang;
    const scorer = post.review ? (deps.reviewSentiment ?? deps.sentiment) : deps.sentiment;
    // A trained scorer's posterior is kept so each brand's stream can re-weight it (below).
    const { s, posterior } = timed('sentiment', () => {
      const p = trained && scorer === trained && !post.review ? trained.probabilities(text, lang) : null;
      return {
        posterior: p,
        s: p ? { ...resultOf([...p]), model: trained!.model } : scorer.score(text, { lang }),
      };
    });
    const emotion = timed('emotion', () => detectEmotions(text, lang));
    const advocacy = timed('advocacy', () => detectAdvocacy(text, lang));
    // The optional fields, the same for every brand: built once per post, not once per record.
    const optional: Pick<EnrichedPost, 'emotion' | 'dominantEmotion' | 'advocacy'> = {};
    for (const e of EMOTIONS) {
      const v = emotion.emotions[e];
      if (v > 0) (optional.emotion ??= {})[e] = v;
    }
    if (emotion.dominant) optional.dominantEmotion = emotion.dominant;
    if (advocacy) optional.advocacy = advocacy;
    const out: EnrichedPost[] = [];
    for (const brand of brands) {
      if (!speaks(brand, lang)) continue;
      const why = reasons?.get(brand);
      // Brands matched by an account id (no query hit) and by a handle are the brand's own posts.
      const matchedBy = reasons === null ? 'thread' : why?.reason === 'query' ? 'query' : 'account';
      let sentiment = s;
      if (posterior) {
        const shifted = shiftFor(lang).observe(`${brand}|${lang}`, [...posterior]);
        if (shifted.adjusted) sentiment = { ...resultOf(shifted.probabilities), model: `${s.model}+prior` };
      }
      out.push({
        kind: 'post',
        brand,
        post,
        lang,
        sentiment: {
          score: Math.max(-1, Math.min(1, sentiment.score)),
          label: sentiment.label,
          confidence: Math.max(0, Math.min(1, sentiment.confidence)),
          model: sentiment.model,
        },
        ...optional,
        // Each brand's reason is its own (fresh) object: its terms can be the record's.
        matchedTerms: why?.terms ?? [],
        matchedBy,
      });
    }
    return out;
  };

  return {
    brands: allBrands,
    match,
    analyze(post) {
      const { brands, reasons } = timed('match', () => matchWithReasons(post));
      if (brands.length === 0) return [];
      return enrichFor(post, brands, reasons);
    },
    threadCandidates(post) {
      if (!post.replyTo && !post.quoteOf && !post.repostOf) return [];
      return allBrands.length === 0 ? [] : enrichFor(post, allBrands, null);
    },
  };
}
