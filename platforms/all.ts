// The platforms, one line each: every registry is built from this list (platforms/index.ts).

export { appstorePlatform } from './appstore/index.ts';
export { blueskyPlatform } from './bluesky/index.ts';
export { discoursePlatform } from './discourse/index.ts';
export { filePlatform } from './file/index.ts';
export { hackernewsPlatform } from './hackernews/index.ts';
export { jetstreamPlatform } from './jetstream/index.ts';
export { lemmyPlatform } from './lemmy/index.ts';
export { lobstersPlatform } from './lobsters/index.ts';
export { mastodonPlatform } from './mastodon/index.ts';
export { redditPlatform } from './reddit/index.ts';
export { rssPlatform } from './rss/index.ts';
export { simulatorPlatform } from './simulator/index.ts';
export { stackexchangePlatform } from './stackexchange/index.ts';
export { webhookPlatform } from './webhook/index.ts';
