import { z } from 'zod';
import { formatIssues } from '../../core/config.ts';
import { Post } from '../../schema/post.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import { createValidateStep, decodedMessage } from '../framework/decode.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import { dlq, drop, ok, step, type Chain, type Step } from '../framework/step.ts';
import { boundPost } from '../../platforms/shared/bounds.ts';
import { runNormalizer, type Normalizer, type PostErasure } from '../../platforms/shared/normalizer.ts';
import { normalizers as defaultNormalizers } from './registry.ts';

/** What the normalize step hands on: the posts, and what the platform took down (see `PostErasure`). */
export interface Normalized {
  posts: unknown[];
  erasures: PostErasure[];
  /** Why the payload made no post on purpose (a moderator notice, removed content). */
  skipped?: string;
}

/** Picks the source's normaliser and applies it. */
export function createNormalizeStep(
  normalizers: Record<string, Normalizer> = defaultNormalizers,
): Step<RawEnvelope, Normalized> {
  return step('normalize', (envelope) => {
    const normalizer = normalizers[envelope.source];
    if (!normalizer) return dlq(`no normaliser for source "${envelope.source}"`);
    const result = runNormalizer(normalizer, envelope.payload, envelope);
    if ('error' in result) return dlq(result.error);
    return ok({
      posts: result.posts,
      erasures: result.erasures ?? [],
      ...(result.skipped ? { skipped: result.skipped } : {}),
    });
  });
}

/**
 * Erases what the platform took down (with `erasePosts`, the normalize processor's ClickHouse eraser, see
 * post-erasure.ts), then hands on the posts. A payload that makes no post on purpose is dropped with its
 * reason, which the runner logs and counts. An erasure that fails is dead-lettered, not retried: normalisation
 * must not stop while ClickHouse is away, and `lateral dlq replay` runs it again later.
 */
export function createErasePostsStep(
  erasePosts?: (erasures: PostErasure[]) => Promise<void>,
): Step<Normalized, unknown[]> {
  return step('erase-taken-down', async ({ posts, erasures, skipped }) => {
    let erased = '';
    if (erasures.length > 0 && erasePosts) {
      try {
        await erasePosts(erasures);
        erased = `; erased ${erasures.map((e) => e.postId).join(', ')}`;
      } catch (err) {
        return dlq(`could not erase ${erasures.map((e) => e.postId).join(', ')}: ${(err as Error).message}`);
      }
    }
    if (posts.length === 0 && skipped) return drop(`${skipped}${erased}`);
    return ok(posts);
  });
}

/** Repairs invalid UTF-16 and bounds every text field (platforms/shared/bounds.ts). */
export function createBoundPostsStep(): Step<unknown[], unknown[]> {
  return step('bound-post', (posts) => {
    const out: unknown[] = [];
    for (const [i, post] of posts.entries()) {
      if (!post || typeof post !== 'object') {
        out.push(post);
        continue;
      }
      const bounded = boundPost(post as Parameters<typeof boundPost>[0]);
      if ('error' in bounded) return dlq(posts.length > 1 ? `post ${i}: ${bounded.error}` : bounded.error);
      out.push(bounded.post);
    }
    return ok(out);
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

export interface NormalizeChainDeps {
  /** Erases stored posts the platform took down; without it they are only dropped (tests, offline runs). */
  erasePosts?: (erasures: PostErasure[]) => Promise<void>;
}

export function createNormalizeChain(
  normalizers?: Record<string, Normalizer>,
  deps: NormalizeChainDeps = {},
): Chain<MessageOrigin, Post[]> {
  return decodedMessage()
    .then(createValidateStep('validate-envelope', RawEnvelope, 'raw envelope'))
    .then(createNormalizeStep(normalizers))
    .then(createErasePostsStep(deps.erasePosts))
    .then(createBoundPostsStep())
    .then(createValidatePostsStep());
}
