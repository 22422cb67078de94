import { describe, expect, it } from 'vitest';
import { detectAdvocacy, detectAdvocacyDetailed, detectEmotions, EMOTIONS } from './index.ts';

describe('emotions', () => {
  it.each([
    ['en', 'I am so happy and excited today!', 'joy'],
    ['en', 'This makes me furious, unacceptable', 'anger'],
    ['en', "I'm really scared and worried about tomorrow", 'fear'],
    ['en', 'So sad, I miss her and cried all night', 'sadness'],
    ['en', 'Wow, what an unexpected surprise', 'surprise'],
    ['en', 'A reliable and honest company I trust', 'trust'],
    ['nl', 'Ik ben zo blij en gelukkig vandaag!', 'joy'],
    ['nl', 'Ik word echt woedend van deze belachelijke service', 'anger'],
    ['nl', 'Ik ben bang en maak me zorgen', 'fear'],
    ['nl', 'Wat verdrietig, ik ben erg teleurgesteld', 'sadness'],
    ['nl', 'Wauw, wat een verrassing', 'surprise'],
    ['nl', 'Betrouwbaar en eerlijk bedrijf', 'trust'],
    ['de', 'Ich freue mich riesig, so glücklich!', 'joy'],
    ['de', 'Ich bin so wütend, eine Frechheit', 'anger'],
    ['de', 'Ich habe solche Angst vor morgen', 'fear'],
    ['de', 'Das ist so traurig, ich vermisse dich', 'sadness'],
    ['de', 'Was für eine Überraschung, unglaublich', 'surprise'],
    ['de', 'Ein zuverlässiger und seriöser Anbieter', 'trust'],
  ])('%s: %s → %s', (lang, text, emotion) => {
    const r = detectEmotions(text, lang);
    expect(r.dominant).toBe(emotion);
    for (const e of EMOTIONS) {
      expect(r.emotions[e]).toBeGreaterThanOrEqual(0);
      expect(r.emotions[e]).toBeLessThan(1);
    }
  });

  it('negated emotion words do not count', () => {
    expect(detectEmotions('I am not happy', 'en').emotions.joy).toBe(0);
    expect(detectEmotions('Ich bin nicht glücklich', 'de').emotions.joy).toBe(0);
    expect(detectEmotions('Ik ben niet blij', 'nl').emotions.joy).toBe(0);
  });

  it('intensifiers and emoji raise scores', () => {
    const plain = detectEmotions('I am happy', 'en').emotions.joy;
    expect(detectEmotions('I am very happy', 'en').emotions.joy).toBeGreaterThan(plain);
    expect(detectEmotions('ok 😡', 'en').dominant).toBe('anger');
  });

  it('no emotion → no dominant', () => {
    const r = detectEmotions('The train leaves at ten', 'en');
    expect(r.dominant).toBeUndefined();
    expect(Object.values(r.emotions).every((v) => v === 0)).toBe(true);
  });
});

describe('advocacy', () => {
  it.each([
    ['nl', 'Een echte aanrader!', 'promoter'],
    ['nl', 'Kan ik iedereen aanraden', 'promoter'],
    ['nl', 'Dit boek is niet aan te raden', 'detractor'],
    ['nl', 'Ik zou het niet aanraden', 'detractor'],
    ['nl', 'Geen aanrader', 'detractor'],
    ['de', 'Kann ich nur empfehlen', 'promoter'],
    ['de', 'Absolut empfehlenswert', 'promoter'],
    ['de', 'Nicht empfehlenswert', 'detractor'],
    ['de', 'Kann ich leider nicht empfehlen', 'detractor'],
    ['de', 'Finger weg!', 'detractor'],
    ['en', 'I highly recommend it', 'promoter'],
    ['en', 'You should try their pizza', 'promoter'],
    ['en', 'I would not recommend this hotel', 'detractor'],
    ['en', "I wouldn't recommend it to anyone", 'detractor'],
    ['en', 'I would never recommend it', 'detractor'],
    ['fr', 'Je recommande vivement', 'promoter'],
    ['fr', 'Je ne le recommande pas', 'detractor'],
    ['fr', 'À éviter absolument', 'detractor'],
    ['es', 'Lo recomiendo totalmente', 'promoter'],
    ['es', 'No lo recomiendo', 'detractor'],
  ])('%s: %s → %s', (lang, text, intent) => {
    expect(detectAdvocacy(text, lang)).toBe(intent);
    expect(detectAdvocacy(text)).toBe(intent); // language unknown: all patterns
  });

  it('returns null without recommendation language', () => {
    expect(detectAdvocacy('Nice weather today', 'en')).toBeNull();
    expect(detectAdvocacy('Het regent vandaag', 'nl')).toBeNull();
  });

  it('reports the deciding phrase', () => {
    expect(detectAdvocacyDetailed('Sehr empfehlenswert!', 'de')).toMatchObject({
      intent: 'promoter',
      lang: 'de',
    });
  });
});
