import type { SourceConfig } from '../schema/config.ts';
import { createAppStoreSource } from './appstore/source.ts';
import { createBlueskySource } from './bluesky/source.ts';
import { createDiscourseSource } from './discourse/source.ts';
import { createFileSource } from './file/file-source.ts';
import type { Source } from './framework/source.ts';
import { createMastodonSource } from './mastodon/source.ts';
import { createJetstreamSource } from './jetstream/source.ts';
import { createLemmySource } from './lemmy/source.ts';
import { createSimulatorSource } from './simulator/source.ts';
import { createHackerNewsSource } from './hackernews/source.ts';
import { createRedditSource } from './reddit/source.ts';
import { createRssSource } from './rss/source.ts';
import { createStackExchangeSource } from './stackexchange/source.ts';

/** Builds the connector for a configured source. */
export function createSource(config: SourceConfig): Source {
  switch (config.type) {
    case 'simulator':
      return createSimulatorSource(config);
    case 'file':
      return createFileSource(config);
    case 'jetstream':
      return createJetstreamSource(config);
    case 'mastodon':
      return createMastodonSource(config);
    case 'reddit':
      return createRedditSource(config);
    case 'hackernews':
      return createHackerNewsSource(config);
    case 'rss':
      return createRssSource(config);
    case 'stackexchange':
      return createStackExchangeSource(config);
    case 'bluesky':
      return createBlueskySource(config);
    case 'appstore':
      return createAppStoreSource(config);
    case 'discourse':
      return createDiscourseSource(config);
    case 'lemmy':
      return createLemmySource(config);
    case 'webhook':
      throw new Error(`source ${config.id}: a webhook is served (serveWebhook), not paged`);
  }
}
