import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUmsab } from './datasets.ts';
import { DEFAULT_MODEL_PATH, loadDefaultSentimentModel } from './default-model.ts';
import { evaluateItems } from './evaluate.ts';
import { extractFeatures, fnv1a, DEFAULT_FEATURE_CONFIG } from './features.ts';
import { analyseSentiment } from './lexicon-model.ts';
import {
  fromJSON,
  loadSentimentModel,
  modelIdFor,
  mulberry32,
  predictProbabilities,
  probabilitiesFromFeatures,
  saveSentimentModel,
  scorerFromModel,
  serializeModel,
  trainSentimentModel,
  type SentimentModel,
  type SentimentModelJSON,
} from './trained-model.ts';
import type { LabelledText } from './types.ts';

const pos = [
  'great product',
  'love it',
  'works perfectly, very happy',
  'fantastic quality',
  'super blij mee',
];
const neg = ['terrible product', 'hate it', 'broke after a day, very sad', 'awful quality', 'heel slecht'];
const neu = [
  'the package arrived on monday',
  'it is blue',
  'order number 1234',
  'the shop opens at nine',
  'het is blauw',
];
const examples: LabelledText[] = [
  ...pos.map((text) => ({ text, label: 'positive' as const, lang: 'en' })),
  ...neg.map((text) => ({ text, label: 'negative' as const, lang: 'en' })),
  ...neu.map((text) => ({ text, label: 'neutral' as const, lang: 'en' })),
];
const opts = { epochs: 20, features: { bits: 14 } };

describe('features', () => {
  it('hashes deterministically and L2-normalises the text part', () => {
    expect(fnv1a('abc')).toBe(fnv1a('abc'));
    expect(fnv1a('abc')).not.toBe(fnv1a('abd'));
    const cfg = { ...DEFAULT_FEATURE_CONFIG, bits: 14, lexicon: false };
    const a = extractFeatures('Great, great product!', 'en', cfg);
    const b = extractFeatures('Great, great product!', 'en', cfg);
    expect([...a.idx]).toEqual([...b.idx]);
    expect([...a.idx].every((i, k) => k === 0 || i > (a.idx[k - 1] as number))).toBe(true);
    expect([...a.idx].every((i) => i >= 0 && i < 2 ** 14)).toBe(true);
  });
  it("lexicon features of long texts do not depend on the lexicon scorer's long-text setting", () => {
    const cfg = { ...DEFAULT_FEATURE_CONFIG, bits: 16, charNgrams: null, wordBigrams: false };
    const text = 'Great. Awful plot, awful, terrible. Bad. Worse. Great ending.';
    const a = extractFeatures(text, 'en', cfg);
    const score = analyseSentiment(text, 'en', {
      params: { negativeWeight: cfg.negativeWeight, longTextSentences: 0 },
    }).score;
    const scoreIdx = fnv1a('d:score') & (2 ** 16 - 1);
    const k = [...a.idx].indexOf(scoreIdx);
    expect(k).toBeGreaterThanOrEqual(0);
    // the sign of the hashed slot may be flipped; collisions are unlikely at 2^16 for this short text
    expect(Math.abs(a.val[k] as number)).toBeCloseTo(Math.abs(score), 5);
  });
  it('adds last-sentence and after-contrast copies only when asked', () => {
    const cfg = { ...DEFAULT_FEATURE_CONFIG, bits: 20, lexicon: false, charNgrams: null, wordBigrams: false };
    const text = 'Nice cover. The plot drags but the ending works. Worth it.';
    const plain = [...extractFeatures(text, 'en', cfg).idx];
    const copies = [...extractFeatures(text, 'en', { ...cfg, clauseCopies: true }).idx];
    const slot = (f: string) => fnv1a(f) & (2 ** 20 - 1);
    for (const f of ['L:worth', 'C:ending']) {
      expect(plain).not.toContain(slot(f));
      expect(copies).toContain(slot(f));
    }
    expect(copies).not.toContain(slot('C:plot'));
    // a one-sentence tweet gets no last-sentence copies
    expect([...extractFeatures('worth it', 'en', { ...cfg, clauseCopies: true }).idx]).not.toContain(
      slot('L:worth'),
    );
  });
  it('adds per-sentence lexicon features only when asked', () => {
    const cfg = { ...DEFAULT_FEATURE_CONFIG, bits: 20, charNgrams: null, wordBigrams: false };
    const text = 'Great. Awful plot, terrible. Bad. Great ending.';
    const slot = fnv1a('d:s:last') & (2 ** 20 - 1);
    expect([...extractFeatures(text, 'en', cfg).idx]).not.toContain(slot);
    const x = extractFeatures(text, 'en', { ...cfg, sentenceLexicon: true });
    const last = analyseSentiment(text, 'en').sentenceScores.at(-1) as number;
    expect(Math.abs(x.val[[...x.idx].indexOf(slot)] as number)).toBeCloseTo(Math.abs(last), 5);
  });
  it('marks negated words', () => {
    const cfg = { ...DEFAULT_FEATURE_CONFIG, bits: 20, lexicon: false, charNgrams: null, wordBigrams: false };
    const a = extractFeatures('good', 'en', cfg);
    const b = extractFeatures('not good', 'en', cfg);
    const goodIdx = fnv1a('w:good') & (2 ** 20 - 1);
    expect([...a.idx]).toContain(goodIdx);
    expect([...b.idx]).not.toContain(goodIdx);
  });
});

describe('trained model', () => {
  const model = trainSentimentModel(examples, opts);
  const scorer = scorerFromModel(model);

  it('fits its training data', () => {
    for (const e of examples) expect(scorer.score(e.text, { lang: 'en' }).label).toBe(e.label);
  });

  it('returns the common result shape', () => {
    const r = scorer.score('love it', { lang: 'en' });
    expect(r.model).toMatch(/^trained-[0-9a-f]{12}$/);
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.confidence).toBeGreaterThan(1 / 3);
    expect(r.confidence).toBeLessThanOrEqual(1);
    const p = scorer.probabilities('love it', 'en');
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('round-trips through a file with identical scores and a sha-based id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    const path = join(dir, 'm.json');
    const id = saveSentimentModel(model, path);
    const loaded = loadSentimentModel(path);
    expect(loaded.model).toBe(id);
    expect(id).toBe(modelIdFor(readFileSync(path)));
    for (const e of examples) {
      expect(loaded.score(e.text, { lang: 'en' })).toEqual({
        ...scorer.score(e.text, { lang: 'en' }),
        model: id,
      });
    }
    const json = JSON.parse(readFileSync(path, 'utf8')) as SentimentModelJSON;
    expect(json.format).toBe('lateral-sentiment-model');
    expect(serializeModel(fromJSON(json))).toBe(readFileSync(path, 'utf8'));
  });

  it('is deterministic for a seed', () => {
    const again = trainSentimentModel(examples, opts);
    expect(serializeModel(again)).toBe(serializeModel(model));
    const other = trainSentimentModel(examples, { ...opts, seed: 7 });
    expect(serializeModel(other)).not.toBe(serializeModel(model));
  });

  it('trains NB-SVM, NB-ensemble and class-weighted variants in the same file format', () => {
    for (const o of [
      { nbScale: true, nbAlpha: 0.05 },
      { nbMix: 0.3 },
      { nbMix: 0.3, nbKind: 'complement' as const },
    ]) {
      const m = trainSentimentModel(examples, { ...opts, ...o });
      const sc = scorerFromModel(m);
      for (const e of examples) expect(sc.score(e.text, { lang: 'en' }).label).toBe(e.label);
      expect(serializeModel(fromJSON(JSON.parse(serializeModel(m)) as SentimentModelJSON))).toBe(
        serializeModel(m),
      );
      expect(m.json.training.nbAlpha).toBeDefined();
    }
    expect(trainSentimentModel(examples, { ...opts, nbScale: true }).json.training.nbScale).toBe(true);
  });

  it('class weights move predictions towards the heavier class', () => {
    const light = trainSentimentModel(examples, { ...opts, epochs: 2, classWeights: [1, 0.2, 1] });
    const heavy = trainSentimentModel(examples, { ...opts, epochs: 2, classWeights: [1, 5, 1] });
    const pNeutral = (m: SentimentModel) =>
      examples.reduce((a, e) => a + (predictProbabilities(m, e.text, 'en')[1] as number), 0);
    expect(pNeutral(heavy)).toBeGreaterThan(pNeutral(light));
    expect(heavy.json.training.classWeights).toEqual([1, 5, 1]);
  });

  it('scores cached feature vectors exactly as texts', () => {
    const x = extractFeatures('love it', 'en', model.json.features);
    expect([...probabilitiesFromFeatures(model, x)]).toEqual([
      ...predictProbabilities(model, 'love it', 'en'),
    ]);
  });

  it('rejects files of another format', () => {
    expect(() => fromJSON({ format: 'x' } as unknown as SentimentModelJSON)).toThrow();
  });

  it('mulberry32 is reproducible', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

const hasModel = existsSync(DEFAULT_MODEL_PATH);
const UMSAB_EN = '/work/shared/data/sentiment/umsab/english';
const hasData = existsSync(UMSAB_EN);
if (!hasData) console.log(`skipping default-model data check: ${UMSAB_EN} not found`);

describe.skipIf(!hasModel)('shipped default model', () => {
  it('is small and loads', () => {
    expect(readFileSync(DEFAULT_MODEL_PATH).length).toBeLessThan(5 * 1024 * 1024);
    const m = loadDefaultSentimentModel();
    expect(m?.model).toMatch(/^trained-[0-9a-f]{12}$/);
    expect(m?.score('I love this so much!', { lang: 'en' }).label).toBe('positive');
    expect(m?.score('Das ist wirklich schrecklich', { lang: 'de' }).label).toBe('negative');
  });
  it.skipIf(!hasData)('beats chance clearly on 150 UMSAB English val tweets', () => {
    const m = loadDefaultSentimentModel();
    if (!m) return;
    const items = loadUmsab(UMSAB_EN, 'val').slice(0, 150);
    expect(evaluateItems(items, m).accuracy).toBeGreaterThan(0.5);
  });
});
