import type { LateralConfig } from '../../../schema/config.ts';
import { loadLanguageDetector } from '../language/index.ts';
import {
  createLexiconScorer,
  loadDefaultSentimentModel,
  loadSentimentModel,
  type SentimentScorer,
} from '../sentiment/index.ts';
import { createAnalyzer, type Analyzer, type AnalyzerDeps } from './analyze.ts';

/**
 * Sentiment scorers for `enrich.sentimentModel`: `default` uses the shipped trained model for posts and the
 * lexicon for reviews (long product reviews, where the lexicon measures better than a tweet-trained model),
 * `lexicon` the lexicon for both, a path a model from `lateral sentiment train` for both.
 */
export function sentimentScorers(model: string): {
  sentiment: SentimentScorer;
  reviewSentiment: SentimentScorer;
} {
  // reviews: the lexicon with its review parameters (lexicon-model.ts REVIEW_LEXICON_PARAMS)
  if (model === 'lexicon') {
    return { sentiment: createLexiconScorer(), reviewSentiment: createLexiconScorer({ reviews: true }) };
  }
  if (model === 'default') {
    const lexicon = createLexiconScorer();
    return {
      sentiment: loadDefaultSentimentModel() ?? lexicon,
      reviewSentiment: createLexiconScorer({ reviews: true }),
    };
  }
  const trained = loadSentimentModel(model);
  return { sentiment: trained, reviewSentiment: trained };
}

export async function analyzerFromConfig(
  config: Pick<LateralConfig, 'brands' | 'enrich'>,
  timings?: AnalyzerDeps['timings'],
): Promise<Analyzer> {
  const detector = await loadLanguageDetector({ languages: config.enrich.languages });
  return createAnalyzer({
    brands: config.brands,
    detector,
    ...sentimentScorers(config.enrich.sentimentModel),
    priorShift: config.enrich.priorShift ? {} : false,
    ...(timings ? { timings } : {}),
  });
}
