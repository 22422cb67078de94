import { appstorePlatform } from './appstore/index.ts';
import { blueskyPlatform } from './bluesky/index.ts';
import { discoursePlatform } from './discourse/index.ts';
import { filePlatform } from './file/index.ts';
import { hackernewsPlatform } from './hackernews/index.ts';
import { jetstreamPlatform } from './jetstream/index.ts';
import { lemmyPlatform } from './lemmy/index.ts';
import { mastodonPlatform } from './mastodon/index.ts';
import { redditPlatform } from './reddit/index.ts';
import { rssPlatform } from './rss/index.ts';
import type { Normalizer } from './shared/normalizer.ts';
import { simulatorPlatform } from './simulator/index.ts';
import { stackexchangePlatform } from './stackexchange/index.ts';
import { webhookPlatform } from './webhook/index.ts';

/**
 * Every platform, each from its own folder (platforms/<name>/index.ts). This list is the only registry: the
 * config's `sources` union (schema/config.ts), the source factory (ingest/sources.ts), the normalisers
 * (processors/normalize/registry.ts) and the contract tests (platforms/contracts.ts) are built from it, so a
 * new platform is its folder plus one line here.
 */
export const platforms = [
  simulatorPlatform,
  filePlatform,
  jetstreamPlatform,
  webhookPlatform,
  mastodonPlatform,
  redditPlatform,
  hackernewsPlatform,
  rssPlatform,
  stackexchangePlatform,
  blueskyPlatform,
  appstorePlatform,
  discoursePlatform,
  lemmyPlatform,
] as const;

/** Normaliser per `RawEnvelope.source`, from every platform. A source without one is dead-lettered. */
export const normalizers: Readonly<Record<string, Normalizer>> = Object.fromEntries(
  platforms.flatMap((p) => Object.entries(p.normalizers)),
);
