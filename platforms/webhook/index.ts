import { definePlatform } from '../shared/platform.ts';
import { WebhookSourceConfig } from './config.ts';

/**
 * The push endpoint (`POST /ingest/:source`, ingest/webhook/server.ts): payloads arrive under the platform
 * they name, so it has no normaliser of its own.
 */
export const webhookPlatform = definePlatform({
  type: 'webhook',
  config: WebhookSourceConfig,
  createSource: (config) => {
    throw new Error(`source ${config.id}: a webhook is served (serveWebhook), not paged`);
  },
  normalizers: {},
});
