import { z } from 'zod';
import { IsoTime } from './post.ts';

/** A message a processor could not handle: the value of `lateral.dlq.v1`. */
export const DeadLetter = z.object({
  /**
   * Stable id from what failed, not where it sat (`<topic>/<key>/<step>/<payload sha-256>`): the same message
   * produced twice, or replayed, is one dead letter.
   */
  id: z.string().min(1),
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  offset: z.string().regex(/^\d+$/),
  key: z.string().nullable(),
  /** Consumer group (component) that gave up on the message. */
  component: z.string(),
  /** Name of the step that failed. */
  step: z.string(),
  error: z.string(),
  /** The original message value: UTF-8 text when it was valid UTF-8, otherwise base64. */
  payload: z.string(),
  payloadEncoding: z.enum(['utf8', 'base64']),
  at: IsoTime,
});
export type DeadLetter = z.infer<typeof DeadLetter>;
