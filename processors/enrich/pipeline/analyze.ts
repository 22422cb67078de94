import type { BrandConfig } from '../../../schema/config.ts';
import type { EnrichedPost } from '../../../schema/enriched.ts';
import type { Post } from '../../../schema/post.ts';
import { compileBrands, type BrandMatcher } from '../brand-query/index.ts';
import { detectAdvocacy, detectEmotions } from '../emotion/index.ts';
import type { LanguageDetector } from '../language/index.ts';
import type { SentimentScorer } from '../sentiment/index.ts';
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
}

export interface Analyzer {
  readonly brands: readonly string[];
  /** Brands the post is about: query matches plus posts written by an account the brand names by id. */
  match(post: Post): string[];
  /** One enriched record per matched brand; [] when the post is about no configured brand. */
  analyze(post: Post): EnrichedPost[];
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
      accounts: brandAccountBook(b).handlesBySource,
    })),
  );
  const books: [string, BrandAccountBook][] = deps.brands.map((b) => [b.name, brandAccountBook(b)]);
  const timings = deps.timings;
  const timed = <T>(name: AnalysisStep, fn: () => T): T => {
    if (!timings) return fn();
    const t0 = process.hrtime.bigint();
    const out = fn();
    timings[name] += process.hrtime.bigint() - t0;
    return out;
  };

  const match = (post: Post): string[] => {
    const byQuery = matcher.match({
      text: post.text,
      mentions: post.mentions,
      hashtags: post.hashtags,
      authorHandle: post.author.handle,
      source: post.source,
    });
    const extra = books
      .filter(([name, book]) => book.ids.has(post.author.id) && !byQuery.includes(name))
      .map(([name]) => name);
    return extra.length === 0
      ? byQuery
      : deps.brands.map((b) => b.name).filter((n) => byQuery.includes(n) || extra.includes(n));
  };

  return {
    brands: deps.brands.map((b) => b.name),
    match,
    analyze(post) {
      const brands = timed('match', () => match(post));
      if (brands.length === 0) return [];
      const language = timed('language', () =>
        deps.detector.detect(post.text, { sourceLang: post.lang ?? null }),
      );
      const lang = language.lang;
      const scorer = post.review ? (deps.reviewSentiment ?? deps.sentiment) : deps.sentiment;
      const s = timed('sentiment', () => scorer.score(post.text, { lang }));
      const emotion = timed('emotion', () => detectEmotions(post.text, lang));
      const advocacy = timed('advocacy', () => detectAdvocacy(post.text, lang));
      const emotions = Object.fromEntries(Object.entries(emotion.emotions).filter(([, v]) => v > 0));
      return brands.map((brand) => {
        const terms = matcher
          .explain(
            {
              text: post.text,
              mentions: post.mentions,
              hashtags: post.hashtags,
              authorHandle: post.author.handle,
              source: post.source,
            },
            brand,
          )
          .terms.filter((t) => !t.negated)
          .map((t) => t.term);
        return {
          kind: 'post' as const,
          brand,
          post,
          lang,
          sentiment: {
            score: Math.max(-1, Math.min(1, s.score)),
            label: s.label,
            confidence: Math.max(0, Math.min(1, s.confidence)),
            model: s.model,
          },
          ...(Object.keys(emotions).length > 0 ? { emotion: emotions } : {}),
          ...(emotion.dominant ? { dominantEmotion: emotion.dominant } : {}),
          ...(advocacy ? { advocacy } : {}),
          matchedTerms: [...new Set(terms)],
        };
      });
    },
  };
}
