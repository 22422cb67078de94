import { z } from 'zod';
import { WebhookNotifierConfig } from './alert.ts';
import { DirectionEnum, SentimentLabel } from './mention.ts';

/**
 * A webhook that receives each new mention matching its filters as it is found (a helpdesk, a CRM, a Slack
 * channel): processors/forward-processor.ts. Empty filter lists match everything.
 */
export const ForwardTarget = WebhookNotifierConfig.extend({
  brands: z.array(z.string().min(1)).default([]),
  directions: z.array(DirectionEnum).default([]),
  sentiments: z.array(SentimentLabel).default([]),
  /** Also forward mentions by authors flagged likely_bot, spam or coordinated (left out by default). */
  includeFlagged: z.boolean().default(false),
  /** Shorter than the consumer's session timeout (6 s): a receiver that takes longer should queue and answer. */
  timeoutMs: z.number().int().positive().max(4000).default(4000),
});
export type ForwardTarget = z.infer<typeof ForwardTarget>;

export const ForwardConfig = z
  .array(ForwardTarget)
  .default([])
  .refine((targets) => new Set(targets.map((t) => t.name)).size === targets.length, {
    message: 'forward target names must be unique',
  });
