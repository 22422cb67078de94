export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface SentimentResult {
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  label: SentimentLabel;
  /** 0..1 */
  confidence: number;
  /** Version id of the model that produced this, e.g. 'lexicon-1.0.0' or 'trained-<sha>'. */
  model: string;
}

export interface ScoreOptions {
  /** ISO 639-1 language of the text; unknown/absent → language-independent cues only (+ English). */
  lang?: string | null;
}

export interface SentimentScorer {
  /** Version id, copied into every result. */
  readonly model: string;
  score(text: string, options?: ScoreOptions): SentimentResult;
}

export interface LabelledText {
  text: string;
  label: SentimentLabel;
  lang?: string;
}

/** UMSAB numeric labels: 0 negative, 1 neutral, 2 positive. */
export function labelFromIndex(i: number): SentimentLabel {
  const l = SENTIMENT_LABELS[i];
  if (!l) throw new Error(`bad label index ${i}`);
  return l;
}

export function labelIndex(l: SentimentLabel): 0 | 1 | 2 {
  return l === 'negative' ? 0 : l === 'neutral' ? 1 : 2;
}
