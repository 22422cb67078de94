import type { LanguageDetector, LanguageHints } from './detector.ts';

export interface LanguageSample {
  text: string;
  lang: string;
  hints?: LanguageHints;
}

export interface LanguageEvaluation {
  total: number;
  correct: number;
  accuracy: number;
  /** Share of samples answered 'und'. */
  undetermined: number;
  perLanguage: Record<string, { total: number; correct: number; accuracy: number; und: number }>;
  /** gold → predicted → count */
  confusion: Record<string, Record<string, number>>;
}

/** Accuracy of a detector on labelled samples ('und' counts as wrong). */
export function evaluateLanguageDetection(
  detector: LanguageDetector,
  samples: readonly LanguageSample[],
): LanguageEvaluation {
  const perLanguage: LanguageEvaluation['perLanguage'] = {};
  const confusion: LanguageEvaluation['confusion'] = {};
  let correct = 0;
  let und = 0;
  for (const s of samples) {
    const got = detector.detect(s.text, s.hints).lang;
    const pl = (perLanguage[s.lang] ??= { total: 0, correct: 0, accuracy: 0, und: 0 });
    pl.total++;
    const row = (confusion[s.lang] ??= {});
    row[got] = (row[got] ?? 0) + 1;
    if (got === s.lang) {
      pl.correct++;
      correct++;
    }
    if (got === 'und') {
      pl.und++;
      und++;
    }
  }
  for (const pl of Object.values(perLanguage)) pl.accuracy = pl.total ? pl.correct / pl.total : 0;
  const total = samples.length;
  return {
    total,
    correct,
    accuracy: total ? correct / total : 0,
    undetermined: total ? und / total : 0,
    perLanguage,
    confusion,
  };
}

export function formatLanguageReport(title: string, e: LanguageEvaluation): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `${title}: accuracy ${pct(e.accuracy)} (${e.correct}/${e.total}), und ${pct(e.undetermined)}`,
  ];
  for (const [lang, pl] of Object.entries(e.perLanguage).sort()) {
    const wrong = Object.entries(e.confusion[lang] ?? {})
      .filter(([p]) => p !== lang)
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${p}:${n}`)
      .join(' ');
    lines.push(`  ${lang}: ${pct(pl.accuracy)} (${pl.correct}/${pl.total}) und ${pl.und}  errors ${wrong}`);
  }
  return lines.join('\n');
}
