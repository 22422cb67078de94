import { describe, expect, it } from 'vitest';
import { brandAccounts, classifyDirection, firstAddressee, type DirectionInput } from './direction.ts';

const acme = brandAccounts('mastodon', { mastodon: ['@Acme', 'acme_care'] }, ['mastodon:1']);
const post = (p: Partial<DirectionInput>): DirectionInput => ({
  author: { id: 'mastodon:99', handle: 'anna' },
  mentions: [],
  text: 'acme is great',
  ...p,
});

describe('classifyDirection', () => {
  it('brand account author → brand_to_customer', () => {
    expect(classifyDirection(post({ author: { id: 'mastodon:1', handle: 'x' } }), acme)).toEqual({
      direction: 'brand_to_customer',
      rule: 'brand_author',
    });
    expect(
      classifyDirection(post({ author: { id: 'mastodon:5', handle: 'ACME_care' } }), acme).direction,
    ).toBe('brand_to_customer');
  });

  it('owner reply to a review → brand_to_customer', () => {
    expect(classifyDirection(post({ isOwnerReply: true }), acme).rule).toBe('owner_reply');
  });

  it('reply to or quote of a brand post → customer_to_brand', () => {
    expect(classifyDirection(post({ replyTo: { authorId: 'mastodon:1' } }), acme).rule).toBe(
      'reply_to_brand',
    );
    expect(classifyDirection(post({ replyTo: { authorHandle: 'acme' } }), acme).rule).toBe('reply_to_brand');
    expect(classifyDirection(post({ quoteOf: { authorIsBrand: true } }), acme).rule).toBe('quote_of_brand');
  });

  it('brand addressed as first @-target → customer_to_brand; mentioned later → lateral', () => {
    expect(classifyDirection(post({ text: '@acme my order is late' }), acme).rule).toBe('addressed');
    expect(classifyDirection(post({ text: '@bob did you see what @acme did' }), acme).direction).toBe(
      'customer_to_customer',
    );
  });

  it('review of the product → customer_to_brand', () => {
    expect(classifyDirection(post({ review: {} }), acme).rule).toBe('review');
  });

  it('reply to another customer about the brand → customer_to_customer', () => {
    expect(
      classifyDirection(post({ replyTo: { authorId: 'mastodon:42', authorHandle: 'bob' } }), acme),
    ).toEqual({
      direction: 'customer_to_customer',
      rule: 'lateral',
    });
  });

  it('accounts of another source do not count', () => {
    const other = brandAccounts('reddit', { mastodon: ['acme'] });
    expect(classifyDirection(post({ author: { id: 'reddit:1', handle: 'acme' } }), other).direction).toBe(
      'customer_to_customer',
    );
  });
});

describe('firstAddressee', () => {
  it.each([
    ['@acme hi', 'acme'],
    ['  @Acme@social.example hi', 'acme@social.example'],
    ['RT @acme: news', 'acme'],
    ['hi @acme', undefined],
    ['@acme. thanks', 'acme'],
  ])('%j → %s', (text, expected) => {
    expect(firstAddressee(text)).toBe(expected);
  });
});

describe('thread continuation and standalone addressing', () => {
  it('a self-reply inherits the direction of the post it continues', () => {
    const r = classifyDirection(
      post({ text: 'and another thing', selfReplyParentDirection: 'customer_to_brand' }),
      acme,
    );
    expect(r).toEqual({ direction: 'customer_to_brand', rule: 'continued' });
  });

  it('a standalone post naming the brand before anyone else addresses it; in a lateral reply it does not', () => {
    expect(classifyDirection(post({ text: 'thanks @acme for nothing' }), acme).rule).toBe('addressed');
    expect(classifyDirection(post({ text: 'ask @bob, not @acme' }), acme).direction).toBe(
      'customer_to_customer',
    );
    expect(
      classifyDirection(
        post({ text: 'thanks @acme for nothing', replyTo: { authorId: 'mastodon:42' } }),
        acme,
      ).direction,
    ).toBe('customer_to_customer');
  });
});
