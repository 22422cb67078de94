import {
  createLexiconScorer,
  evaluateSentimentOnPath,
  loadDefaultSentimentModel,
  loadSentimentModel,
} from '../processors/enrich/sentiment/index.ts';
import type { SentimentScorer } from '../processors/enrich/sentiment/index.ts';
import type { DatasetFormat } from '../processors/enrich/sentiment/index.ts';
import { evaluateDirectionOnTwcs, loadTwcs } from '../processors/enrich/direction/twcs.ts';
import { evaluateItems, formatMetrics } from '../processors/enrich/sentiment/evaluate.ts';
import {
  loadUserLabelled,
  skippedReport,
  type UserFormat,
} from '../processors/enrich/sentiment/user-labels.ts';
import { loadLanguageDetector } from '../processors/enrich/language/index.ts';
import { analyzerFromConfig } from '../processors/enrich/pipeline/analyzer-from-config.ts';
import { evaluateBrandMatching, formatBrandReport } from '../processors/enrich/pipeline/evaluate-brands.ts';
import type { LateralConfig } from '../schema/config.ts';

/**
 * `lexicon` (default for reviews; with `reviews`, the review parameters the pipeline uses for reviews),
 * `trained` (the shipped model), or a path to a trained model file.
 */
export function sentimentScorer(model: string, reviews = false): SentimentScorer {
  if (model === 'lexicon') return createLexiconScorer({ reviews });
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
  const result = evaluateSentimentOnPath(format, path, sentimentScorer(model, format === 'pattern-csv'), {
    split,
  });
  return result.formatReport();
}

/** `lateral eval direction --format twcs <path>`. */
export function evalDirection(path: string): string {
  return evaluateDirectionOnTwcs(loadTwcs(path)).report();
}

export interface UserColumnsOptions {
  textColumn?: string;
  labelColumn?: string;
  langColumn?: string;
  /** `--labels bad=negative,ok=neutral,good=positive` */
  labels?: string;
  /** One language for every row; else a `--lang-column`, else detected per row as the pipeline does. */
  lang?: string;
}

/**
 * `lateral eval sentiment --format csv|jsonl`: a user's own labelled export. Rows without a language get the
 * one the pipeline would detect (with `enrich.languages`), so the figures are the pipeline's.
 */
export async function evalSentimentUser(
  format: UserFormat,
  path: string,
  model: string,
  options: UserColumnsOptions,
  languages: string[],
): Promise<string> {
  const loaded = loadUserLabelled(format, path, options);
  if (loaded.items.length === 0) {
    throw new Error(
      `${path}: no row has a recognised label${skippedReport(loaded) ? `; ${skippedReport(loaded)}` : ''}`,
    );
  }
  const detector = options.lang ? null : await loadLanguageDetector({ languages });
  const items = loaded.items.map((x) => ({
    ...x,
    lang: options.lang ?? x.lang ?? detector?.detect(x.text).lang ?? 'und',
  }));
  const scorer = sentimentScorer(model);
  const metrics = evaluateItems(items, scorer);
  const binary = metrics.labels.length === 2;
  const out = [
    `model ${scorer.model}  format ${format}  path ${path}${binary ? '  [binary labels: sign of score]' : ''}`,
    formatMetrics(metrics, '  '),
  ];
  const skipped = skippedReport(loaded);
  if (skipped) out.push(skipped);
  return out.join('\n');
}

/** `lateral eval brands`: precision/recall of the configured brand queries against a labelled column. */
export async function evalBrands(
  config: LateralConfig,
  format: UserFormat,
  path: string,
  options: { textColumn?: string; labelColumn?: string; brand?: string; authorColumn?: string },
): Promise<string> {
  if (config.brands.length === 0) throw new Error('no brands configured: give a config with brands (-c)');
  const analyzer = await analyzerFromConfig(config);
  return formatBrandReport(
    evaluateBrandMatching((p) => analyzer.match(p), analyzer.brands, format, path, options),
  );
}
