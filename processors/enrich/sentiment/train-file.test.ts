import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSentimentModel } from './trained-model.ts';
import { TRAIN_PRESETS, trainPreset } from './train-presets.ts';
import { inferTrainingFormat, loadTrainingExamples, trainFromFile, trainFromFiles } from './train-file.ts';

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

  it('pools several files of different formats, recognised by path', () => {
    const csv = join(dir, 'nl-shop.dev.csv');
    const rows = ['polarity,text'];
    for (let i = 0; i < 10; i++)
      rows.push(`1,"Heel mooi boek ${i}, echt een aanrader."`, `-1,"Slecht en saai ${i}."`);
    writeFileSync(csv, rows.join('\n'));
    const umsab = join(dir, 'umsab');
    mkdirSync(join(umsab, 'english'), { recursive: true });
    mkdirSync(join(umsab, 'german'), { recursive: true });
    writeFileSync(join(umsab, 'english', 'train_text.txt'), 'i love it\nit is monday\nawful day\n');
    writeFileSync(join(umsab, 'english', 'train_labels.txt'), '2\n1\n0\n');
    writeFileSync(join(umsab, 'german', 'train_text.txt'), 'super toll\nschrecklich\n');
    writeFileSync(join(umsab, 'german', 'train_labels.txt'), '2\n0\n');
    expect(inferTrainingFormat(csv)).toBe('pattern-csv');
    expect(inferTrainingFormat(umsab)).toBe('umsab');
    expect(inferTrainingFormat(join(dir, 'x.jsonl'))).toBe('jsonl');
    // a UMSAB folder holding language folders loads them all
    expect(loadTrainingExamples('umsab', umsab).map((x) => x.lang)).toEqual(['en', 'en', 'en', 'de', 'de']);

    const out = join(dir, 'pooled.json');
    const r = trainFromFiles([{ path: csv }, { path: umsab, format: 'umsab' }], out, { preset: 'reviews' });
    expect(r.perSource).toEqual([20, 5]);
    expect(r.examples).toBe(25);
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      training: { epochs: number; perLanguage: object };
    };
    expect(json.training.epochs).toBe(trainPreset('reviews').epochs);
    expect(json.training.perLanguage).toEqual({ nl: 20, en: 3, de: 2 });
    const scorer = loadSentimentModel(out);
    expect(scorer.model).toBe(r.modelId);
    expect(scorer.score('Echt een aanrader, heel mooi.', { lang: 'nl' }).score).toBeGreaterThan(0);
    expect(scorer.score('Saai en slecht.', { lang: 'nl' }).score).toBeLessThan(0);
  });

  it('has the tweets preset equal to the default model settings and refuses empty input', () => {
    expect(TRAIN_PRESETS.tweets.nbScale).toBe(true);
    expect(() => trainFromFiles([], join(dir, 'none.json'))).toThrow(/no training data/);
  });
});
