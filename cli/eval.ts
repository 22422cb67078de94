import {
  createLexiconScorer,
  evaluateSentimentOnPath,
  loadDefaultSentimentModel,
  loadSentimentModel,
} from '../processors/enrich/sentiment/index.ts';
import type { SentimentScorer } from '../processors/enrich/sentiment/index.ts';
import type { DatasetFormat } from '../processors/enrich/sentiment/index.ts';
import { evaluateDirectionOnTwcs, loadTwcs } from '../processors/enrich/direction/twcs.ts';

/** `lexicon` (default for reviews), `trained` (the shipped model), or a path to a trained model file. */
export function sentimentScorer(model: string): SentimentScorer {
  if (model === 'lexicon') return createLexiconScorer();
  if (model === 'trained') {
    const trained = loadDefaultSentimentModel();
    if (!trained)
      throw new Error('the default trained model file is missing; train one with the sentiment scripts');
    return trained;
  }
  return loadSentimentModel(model);
}

/** `lateral eval sentiment --format umsab|pattern-csv <path>`: accuracy, macro-F1, confusion matrix. */
export function evalSentiment(format: DatasetFormat, path: string, model: string, split: string): string {
  const result = evaluateSentimentOnPath(format, path, sentimentScorer(model), { split });
  return result.formatReport();
}

/** `lateral eval direction --format twcs <path>`. */
export function evalDirection(path: string): string {
  return evaluateDirectionOnTwcs(loadTwcs(path)).report();
}
