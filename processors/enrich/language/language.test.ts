import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUmsab } from '../sentiment/datasets.ts';
import { cleanForLanguageDetection, splitHashtag, stripSocialNoise } from './clean.ts';
import { confidenceFromScores, createLanguageDetector, normaliseLangTag } from './detector.ts';
import { evaluateLanguageDetection } from './evaluate.ts';

const LANGS = ['nl', 'de', 'en', 'fr', 'es', 'it', 'pt'];
const detector = createLanguageDetector({ languages: LANGS });

describe('clean-up', () => {
  it('strips URLs, handles, emoji and keeps hashtag words', () => {
    const t = cleanForLanguageDetection('@user Check https://t.co/abc #BlackFriday deals 😍🔥 :) www.x.com');
    expect(t).toBe('Check Black Friday deals');
  });
  it('splits CamelCase and digits in tags', () => {
    expect(splitHashtag('WorldCup2026')).toBe('World Cup 2026');
    expect(splitHashtag('mooi_weer')).toBe('mooi weer');
  });
  it('keeps emoji when asked', () => {
    expect(stripSocialNoise('top 👍 @jan', { keepEmoji: true })).toBe('top 👍');
  });
  it('decodes HTML entities', () => {
    expect(stripSocialNoise('fish &amp; chips')).toBe('fish & chips');
  });
});

describe('language detector', () => {
  it.each([
    ['Ik vind dit echt een heel mooi boek, een aanrader voor iedereen', 'nl'],
    ['Das ist wirklich ein sehr schönes Buch, kann ich nur empfehlen', 'de'],
    ['This is really a very nice book, I would recommend it to everyone', 'en'],
    ["C'est vraiment un très beau livre, je le recommande à tout le monde", 'fr'],
    ['Es realmente un libro muy bonito, lo recomiendo a todo el mundo', 'es'],
    ['È davvero un libro molto bello, lo consiglio a tutti quanti', 'it'],
    ['É realmente um livro muito bonito, recomendo a todos vocês', 'pt'],
  ])('%s → %s', (text, lang) => {
    const r = detector.detect(text);
    expect(r.lang).toBe(lang);
    expect(r.reliable).toBe(true);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('short text falls back to the author hint, then the source hint, else und', () => {
    expect(detector.detect('ok 👍', { authorLang: 'nl-NL' })).toMatchObject({
      lang: 'nl',
      source: 'authorLang',
    });
    expect(detector.detect('ok 👍', { sourceLang: 'de' })).toMatchObject({
      lang: 'de',
      source: 'sourceLang',
    });
    expect(detector.detect('ok 👍')).toMatchObject({ lang: 'und', confidence: 0, reliable: false });
  });

  it('ignores hints for languages outside the configured set', () => {
    expect(detector.detect('lol', { authorLang: 'ja' }).lang).toBe('und');
  });

  it('only answers configured languages', () => {
    const d = createLanguageDetector({ languages: ['en', 'de'] });
    const r = d.detect('Dit is een Nederlandse zin over het weer van vandaag en morgen');
    expect(['en', 'de', 'und']).toContain(r.lang);
  });

  it('rejects languages eld cannot detect', () => {
    expect(() => createLanguageDetector({ languages: ['xx'] })).toThrow();
  });

  it('normalises locale tags', () => {
    expect(normaliseLangTag('en_US')).toBe('en');
    expect(normaliseLangTag('NL')).toBe('nl');
    expect(normaliseLangTag('')).toBeNull();
    expect(normaliseLangTag('zh-Hant-TW')).toBe('zh');
  });

  it('confidence is discounted by a close runner-up', () => {
    expect(confidenceFromScores({ en: 0.8 })).toBeCloseTo(0.8);
    expect(confidenceFromScores({ en: 0.8, de: 0.8 })).toBeCloseTo(0.4);
    expect(confidenceFromScores({})).toBe(0);
  });
});

const UMSAB = '/work/shared/data/sentiment/umsab';
const hasData = existsSync(UMSAB);
if (!hasData) console.log(`skipping UMSAB language-detection check: ${UMSAB} not found`);

describe.skipIf(!hasData)('UMSAB tweets (sample)', () => {
  it('detects ≥90% of 60 val tweets per language', () => {
    const folders: Record<string, string> = { english: 'en', german: 'de', french: 'fr', spanish: 'es' };
    const samples = Object.entries(folders).flatMap(([dir, lang]) =>
      loadUmsab(join(UMSAB, dir), 'val')
        .slice(0, 60)
        .map((x) => ({ text: x.text, lang })),
    );
    const e = evaluateLanguageDetection(detector, samples);
    expect(e.accuracy).toBeGreaterThan(0.9);
  });
});
