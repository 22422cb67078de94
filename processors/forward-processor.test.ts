import { describe, expect, it } from 'vitest';
import { mentionExamples } from '../schema/examples.ts';
import { ForwardConfig } from '../schema/forward.ts';
import { Mention } from '../schema/mention.ts';
import { forwardPayload, wants } from './forward-processor.ts';

const m = Mention.parse(mentionExamples[0]);
const target = (over: Record<string, unknown>) =>
  ForwardConfig.parse([{ name: 'x', url: 'http://127.0.0.1:1/hook', ...over }])[0]!;

describe('forward filters', () => {
  it('matches everything unfiltered, but leaves out flagged authors unless asked', () => {
    expect(wants(target({}), m)).toBe(true);
    const flagged = { ...m, signals: ['spam'] };
    expect(wants(target({}), flagged)).toBe(false);
    expect(wants(target({ includeFlagged: true }), flagged)).toBe(true);
  });

  it('needs every filter to match', () => {
    expect(wants(target({ brands: [m.brand] }), m)).toBe(true);
    expect(wants(target({ brands: ['someone-else'] }), m)).toBe(false);
    expect(wants(target({ directions: [m.direction] }), m)).toBe(true);
    const other = m.direction === 'customer_to_customer' ? 'customer_to_brand' : 'customer_to_customer';
    expect(wants(target({ directions: [other] }), m)).toBe(false);
    expect(wants(target({ sentiments: [m.sentiment.label] }), m)).toBe(true);
    expect(wants(target({ brands: [m.brand], sentiments: [], directions: [other] }), m)).toBe(false);
  });

  it('rejects unknown options, duplicate names and timeouts past the session timeout', () => {
    expect(() => target({ brand: 'acme' })).toThrow();
    expect(() => target({ timeoutMs: 10_000 })).toThrow();
    expect(() =>
      ForwardConfig.parse([
        { name: 'a', url: 'http://127.0.0.1:1/' },
        { name: 'a', url: 'http://127.0.0.1:2/' },
      ]),
    ).toThrow('unique');
  });
});

describe('forward payload', () => {
  it('is a Slack-compatible line with the whole mention, long texts cut', () => {
    const p = forwardPayload({ ...m, text: 'x'.repeat(1000) });
    expect(p.text.startsWith(`${m.brand} · `)).toBe(true);
    expect(p.text).toContain(`<${m.url}>`);
    expect(p.text.length).toBeLessThan(400);
    expect(p.mention.text).toHaveLength(1000);
  });
});
