import { z } from 'zod';
import { EnvVarName, SourceBase } from '../../schema/source-base.ts';

/** An authenticated HTTP endpoint (`POST /ingest/:source`) that platforms or scripts push payloads to. */
export const WebhookSourceConfig = SourceBase.extend({
  type: z.literal('webhook'),
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests). */
  port: z.number().int().min(0).max(65535).default(8787),
  /** Environment variable holding the bearer token; required unless the host is loopback. */
  tokenEnv: EnvVarName.optional(),
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
}).refine((c) => c.schedule === undefined, {
  path: ['schedule'],
  message: 'a webhook is always listening; it takes no schedule',
});
export type WebhookSourceConfig = z.infer<typeof WebhookSourceConfig>;
