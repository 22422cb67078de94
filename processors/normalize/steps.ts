import { z } from 'zod';
import { formatIssues } from '../../core/config.ts';
import { Post } from '../../schema/post.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import { createDecodeJsonStep, createValidateStep } from '../framework/decode.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import { Chain, dlq, ok, step, type Step } from '../framework/step.ts';
import type { Normalizer } from './normalizer.ts';
import { normalizers as defaultNormalizers } from './registry.ts';

/** Picks the source's normaliser and applies it. */
export function createNormalizeStep(
  normalizers: Record<string, Normalizer> = defaultNormalizers,
): Step<RawEnvelope, unknown[]> {
  return step('normalize', (envelope) => {
    const normalizer = normalizers[envelope.source];
    if (!normalizer) return dlq(`no normaliser for source "${envelope.source}"`);
    const result = normalizer(envelope.payload, envelope);
    return 'error' in result ? dlq(result.error) : ok(result.posts);
  });
}

/** Every post a normaliser made must satisfy the Post contract; one bad post rejects the message. */
export function createValidatePostsStep(): Step<unknown[], Post[]> {
  const Posts = z.array(Post);
  return step('validate-post', (posts) => {
    const parsed = Posts.safeParse(posts);
    return parsed.success ? ok(parsed.data) : dlq(`post: ${formatIssues(parsed.error).replace(/\n/g, '; ')}`);
  });
}

export function createNormalizeChain(normalizers?: Record<string, Normalizer>): Chain<MessageOrigin, Post[]> {
  return Chain.of(step('read-value', (m: MessageOrigin) => ok(m.value)))
    .then(createDecodeJsonStep())
    .then(createValidateStep('validate-envelope', RawEnvelope, 'raw envelope'))
    .then(createNormalizeStep(normalizers))
    .then(createValidatePostsStep());
}
