import type { Normalizer } from './normalizer.ts';
import { normalizeAppStore } from './sources/appstore.ts';
import { normalizeBluesky, normalizeJetstream } from './sources/bluesky.ts';
import { normalizeDiscourse } from './sources/discourse.ts';
import { normalizeImport } from './sources/import.ts';
import { normalizeHackerNews } from './sources/hackernews.ts';
import { normalizeLemmy } from './sources/lemmy.ts';
import { normalizeMastodon } from './sources/mastodon.ts';
import { normalizeReddit } from './sources/reddit.ts';
import { normalizeRss } from './sources/rss.ts';
import { normalizeStackExchange } from './sources/stackexchange.ts';
import { normalizeSimulator } from './sources/simulator.ts';

/** Normaliser per `RawEnvelope.source`. A source without one is dead-lettered, never silently dropped. */
export const normalizers: Record<string, Normalizer> = {
  simulator: normalizeSimulator,
  import: normalizeImport,
  mastodon: normalizeMastodon,
  reddit: normalizeReddit,
  hackernews: normalizeHackerNews,
  rss: normalizeRss,
  stackexchange: normalizeStackExchange,
  bluesky: normalizeBluesky,
  jetstream: normalizeJetstream,
  appstore: normalizeAppStore,
  discourse: normalizeDiscourse,
  lemmy: normalizeLemmy,
};
