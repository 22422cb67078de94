import { describe, expect, it } from 'vitest';
import { bandKeys, contentTokens, signatureSimilarity, textSignature } from './text-signature.ts';

describe('text signatures', () => {
  it('normalises away what templated spam varies: numbers, link paths, mentions, case', () => {
    expect(contentTokens('@anna WIN a free Buds! 40% off https://deals.example/x-123 now')).toEqual([
      'win',
      'a',
      'free',
      'buds',
      '00',
      'off',
      'deals',
      'example',
      'now',
    ]);
  });

  it('finds near-duplicates and tells different texts apart', () => {
    const a = textSignature(
      'Win a free Lumora Buds! Follow + share and click https://cheap-buy.example/lumora-8053 #lumora',
    )!;
    const b = textSignature(
      'Win a free Lumora Buds! Follow + share and click https://cheap-buy.example/lumora-3915 #lumora',
    )!;
    const c = textSignature('The battery of my Lumora Buds dies after two hours, anyone else seeing this?')!;
    expect(signatureSimilarity(a, b)).toBe(1);
    expect(signatureSimilarity(a, c)).toBeLessThan(0.3);
    const d = textSignature(
      'Win a free Lumora Buds today! Follow + share and click https://cheap-buy.example/x #lumora',
    )!;
    expect(signatureSimilarity(a, d)).toBeGreaterThanOrEqual(0.5);
  });

  it('is deterministic (signatures survive a restart) and skips texts too short to judge', () => {
    const text = 'Die Maschine zeigt ständig einen Fehlercode, keine Empfehlung mehr';
    expect([...textSignature(text)!]).toEqual([...textSignature(text)!]);
    expect(textSignature('thanks a lot!')).toBeUndefined();
  });

  it('band keys agree for equal signatures and need all rows of a band', () => {
    const a = textSignature(
      'Cheap Kaffeekraft Barista deals, 20 left in stock https://promo-hub.example/k-1 #kaffeekraft',
    )!;
    expect(bandKeys(a, 4)).toEqual(bandKeys(Uint16Array.from(a), 4));
    const changed = Uint16Array.from(a);
    changed[0] = changed[0]! ^ 1;
    const [first, ...rest] = bandKeys(changed, 4);
    expect(first).not.toBe(bandKeys(a, 4)[0]);
    expect(rest).toEqual(bandKeys(a, 4).slice(1));
    expect(bandKeys(changed, 1)).not.toEqual(bandKeys(a, 1));
    expect(() => bandKeys(a, 3)).toThrow(/bands/);
  });
});
