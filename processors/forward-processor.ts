import { LRUCache } from 'lru-cache';
import { createLogger } from '../core/logger.ts';
import { postJson, webhookUrl } from '../core/webhook.ts';
import type { ForwardTarget } from '../schema/forward.ts';
import { Mention } from '../schema/mention.ts';
import { scrubMention } from './erasure/scrub.ts';
import { createForgetErasedStep, erasuresOf } from './erasure/steps.ts';
import { createValidateStep, decodedMessage } from './framework/decode.ts';
import { defineProcessor } from './framework/spec.ts';
import { drop, ok, retry, step } from './framework/step.ts';

const ARROW = {
  brand_to_customer: 'brand→customer',
  customer_to_brand: 'customer→brand',
  customer_to_customer: 'customer↔customer',
};

/** Whether a target wants a mention: its filters, and flagged authors only when asked for. */
export function wants(target: ForwardTarget, m: Mention): boolean {
  return (
    (target.brands.length === 0 || target.brands.includes(m.brand)) &&
    (target.directions.length === 0 || target.directions.includes(m.direction)) &&
    (target.sentiments.length === 0 || target.sentiments.includes(m.sentiment.label)) &&
    (target.includeFlagged || m.signals.length === 0)
  );
}

/** What a target receives: a Slack-compatible `text` line, and the whole mention for other receivers. */
export function forwardPayload(m: Mention): { text: string; mention: Mention } {
  const text = m.text.length > 280 ? `${m.text.slice(0, 279)}…` : m.text;
  return {
    text: `${m.brand} · ${ARROW[m.direction]} · ${m.sentiment.label}: @${m.authorHandle}: ${text} <${m.url}>`,
    mention: m,
  };
}

/**
 * mentions → webhooks: each new mention (its first emission; re-emissions when its thread changes are not
 * forwarded again) goes to every target whose filters it matches, at least once. A failed delivery is retried
 * with backoff, holding the partition, and the offset is committed only once every target accepted; the
 * `idempotency-key` header (brand:postId) lets a receiver drop the repeat a crash can cause.
 */
export const forwardProcessor = defineProcessor<Mention>({
  name: 'forward',
  layouts: ['components', 'one-box'],
  inputs: ['mentions'],
  outputs: [],
  deadLetters: true,
  erasures: true,
  hasWork: (config) => config.forward.length > 0,
  deploy: { note: 'forwards in partition order; more replicas share the partitions of lateral.mentions.v1' },
  build: (rt) => {
    const targets = rt.config.forward.map((target) => ({ target, url: webhookUrl(target) }));
    // A brand name with a typo would silently forward nothing: say so at start.
    const brands = new Set(rt.config.brands.map((b) => b.name));
    const log = createLogger('forward');
    for (const { target } of targets)
      for (const brand of target.brands)
        if (!brands.has(brand))
          log.warn({ target: target.name, brand }, 'forward target names a brand not configured');
    // Targets that already accepted a mention, so a retry after a partial failure only re-sends to the others.
    const accepted = new LRUCache<string, true>({ max: 100_000 });
    const deliver = step('deliver', async (m: Mention) => {
      const key = `${m.brand}:${m.postId}`;
      for (const { target, url } of targets) {
        if (!wants(target, m) || accepted.has(`${target.name}|${key}`)) continue;
        try {
          await postJson(url, forwardPayload(m), {
            headers: target.headers,
            idempotencyKey: key,
            timeoutMs: target.timeoutMs,
          });
        } catch (err) {
          return retry(`forward ${target.name}: ${(err as Error).message}`);
        }
        accepted.set(`${target.name}|${key}`, true);
      }
      return ok(m);
    });
    return {
      chain: decodedMessage()
        .then(createValidateStep('validate-mention', Mention, 'mention'))
        .then(step('first-emission', (m: Mention) => (m.revision === 0 ? ok(m) : drop('re-emission'))))
        .then(createForgetErasedStep(erasuresOf(rt), scrubMention))
        .then(deliver),
      emitter: { emit: async () => ({ acked: Promise.resolve() }), close: async () => {} },
    };
  },
});
