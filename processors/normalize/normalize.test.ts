import { describe, expect, it } from 'vitest';
import { rawExamples, simulatorReview, simulatorStatus } from '../../schema/examples.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import { createNormalizeChain } from './steps.ts';

const chain = createNormalizeChain();
const message = (value: unknown): MessageOrigin => ({
  topic: 'lateral.raw.v1',
  partition: 0,
  offset: '7',
  key: 'k',
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});
const envelope = (payload: unknown, source = 'simulator') => ({
  source,
  fetchedAt: '2026-03-02T09:15:00.000Z',
  payload,
});

describe('normalize chain', () => {
  it.each(rawExamples.map((e, i) => [i, e] as const))('normalises raw example %i', async (_i, example) => {
    const result = await chain.run(message(example));
    expect(result.kind, JSON.stringify(result)).toBe('ok');
  });

  it('keeps reply structure and author data of a status', async () => {
    const status = {
      ...simulatorStatus,
      in_reply_to_id: '99',
      in_reply_to_account_id: 'b1',
      tags: [{ name: 'fiets' }],
    };
    const result = await chain.run(message(envelope(status)));
    if (result.kind !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.value).toHaveLength(1);
    expect(result.value[0]).toMatchObject({
      postId: 'simulator:100001',
      author: { id: 'simulator:u42', handle: 'anna', followers: 120, following: 80, bot: false },
      replyTo: { postId: 'simulator:99', authorId: 'simulator:b1' },
      mentions: ['fietsfabriek'],
      hashtags: ['fiets'],
      lang: 'nl',
      fetchedAt: '2026-03-02T09:15:00.000Z',
    });
  });

  it('turns a review with an owner reply into the review and a brand reply post', async () => {
    const result = await chain.run(message(envelope(simulatorReview)));
    if (result.kind !== 'ok') throw new Error(JSON.stringify(result));
    const [review, reply] = result.value;
    expect(review).toMatchObject({
      postId: 'simulator:r9001',
      review: { rating: 2, maxRating: 5, product: 'Lumora Buds' },
    });
    expect(review?.review?.ownerReply?.text).toContain('Feedback');
    expect(reply).toMatchObject({
      postId: 'simulator:dr9001',
      author: { id: 'simulator:b2', isBrand: true },
      replyTo: { postId: 'simulator:r9001', authorId: 'simulator:u77' },
    });
  });

  it.each([
    ['not JSON', '{"source":', 'decode', /invalid JSON/],
    ['empty value', '', 'decode', /empty/],
    ['no envelope fields', { hello: 1 }, 'validate-envelope', /source/],
    ['unknown source', envelope({}, 'myspace'), 'normalize', /no normaliser for source "myspace"/],
    ['status without id', envelope({ ...simulatorStatus, id: undefined }), 'normalize', /id/],
    [
      'status with bad date',
      envelope({ ...simulatorStatus, created_at: 'last tuesday' }),
      'normalize',
      /created_at/,
    ],
    ['status with numeric content', envelope({ ...simulatorStatus, content: 12 }), 'normalize', /content/],
    ['review rating out of range', envelope({ ...simulatorReview, rating: 9 }), 'normalize', /rating/],
    ['unknown kind', envelope({ kind: 'poll', id: '1' }), 'normalize', /kind/],
    ['import line that was not JSON', envelope('{broken', 'import'), 'normalize', /not a JSON object/],
    [
      'import post without author',
      envelope({ postId: 'x:1', source: 'x', text: 'hi', createdAt: '2026-01-01T00:00:00Z' }, 'import'),
      'validate-post',
      /author/,
    ],
    [
      'import post with foreign id prefix',
      envelope(
        {
          postId: 'y:1',
          source: 'x',
          text: '',
          createdAt: '2026-01-01T00:00:00Z',
          author: { id: 'a', handle: 'a' },
        },
        'import',
      ),
      'validate-post',
      /postId must start with "x:"/,
    ],
  ])('dead-letters %s with the step and reason', async (_name, value, step, reason) => {
    const result = await chain.run(message(value));
    expect(result.kind).toBe('dlq');
    if (result.kind === 'ok') return;
    expect(result.step).toBe(step);
    expect(result.reason).toMatch(reason);
  });
});
