import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSentimentModel } from './trained-model.ts';
import { loadTrainingExamples, trainFromFile } from './train-file.ts';

describe('sentiment training from a labelled file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lateral-train-'));

  it('trains on JSON Lines and writes a model the pipeline loads, with its id', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) {
      lines.push(
        JSON.stringify({ text: `great product number ${i}, love it`, label: 'positive', lang: 'en' }),
      );
      lines.push(
        JSON.stringify({ text: `terrible service again ${i}, broken`, label: 'negative', lang: 'en' }),
      );
    }
    const data = join(dir, 'labelled.jsonl');
    writeFileSync(data, lines.join('\n'));
    const out = join(dir, 'model.json');
    const { modelId, examples } = trainFromFile('jsonl', data, out);
    expect(examples).toBe(60);
    expect(modelId).toMatch(/^trained-[0-9a-f]{12}$/);
    const scorer = loadSentimentModel(out);
    expect(scorer.model).toBe(modelId);
    expect(scorer.score('love it, great', { lang: 'en' }).label).toBe('positive');
    expect(scorer.score('broken again, terrible', { lang: 'en' }).label).toBe('negative');
  });

  it('names the line and field of a bad example', () => {
    const data = join(dir, 'bad.jsonl');
    writeFileSync(data, '{"text":"ok","label":"positive"}\n{"text":"x","label":"meh"}\n');
    expect(() => loadTrainingExamples('jsonl', data)).toThrow(/bad\.jsonl:2: label/);
  });
});
