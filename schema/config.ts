import { validate as validCron } from 'node-cron';
import { z } from 'zod';
import { tryParseQuery } from '../processors/enrich/brand-query/parser.ts';
import { AlertsConfig } from './alert.ts';
import { DashboardConfig } from './dashboard-config.ts';

const Identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)');
const Port = z.number().int().min(1).max(65535);
/** An absolute http(s) URL: `localhost:8123` (no scheme) is refused here, not at the first request. */
const HttpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http:// or https:// URL, e.g. http://localhost:8123',
});

/**
 * A brand query, parsed at config load with the parser the matcher uses: a bad query fails at start with
 * its position, instead of stopping enrich later.
 */
const BrandQuery = z
  .string()
  .min(1)
  .superRefine((query, ctx) => {
    const parsed = tryParseQuery(query);
    if (!parsed.ok) {
      const pointer = parsed.error.pointer.replace(/^/gm, '      ');
      ctx.addIssue({ code: 'custom', message: `${parsed.error.message}\n${pointer}` });
    }
  });

export const BrandConfig = z.strictObject({
  name: z.string().regex(/^[a-z0-9_-]+$/, 'brand name must be lowercase letters, digits, _ or -'),
  displayName: z.string().optional(),
  /**
   * The brand's own accounts per source: `{ mastodon: ['acme@social.example'], simulator: ['acme', 'id:b1'] }`.
   * `id:<native id>` names an account by its platform id, for posts that carry no handle (App Store replies).
   */
  accounts: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** Boolean query (terms, "phrases", @handles, #tags, AND OR NOT, NEAR/n). */
  query: BrandQuery,
  /** Posts matching this query are not the brand's (`"apple pie" OR recipe`), unless its own accounts are involved. */
  exclude: BrandQuery.optional(),
  /** Only posts in these languages (ISO 639-1, as detected) are the brand's mentions; absent: every language. */
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en'))
    .min(1)
    .optional(),
});
export type BrandConfig = z.infer<typeof BrandConfig>;

const SourceBase = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'source id must be letters, digits, _ . or -'),
  /** node-cron expression; absent means run once (backfill) or continuously for streams. */
  schedule: z
    .string()
    .refine((e) => validCron(e), 'invalid cron expression')
    .optional(),
  enabled: z.boolean().default(true),
});

export const SimulatorSourceConfig = SourceBase.extend({
  type: z.literal('simulator'),
  seed: z.union([z.string(), z.number()]).default('lateral'),
  count: z.number().int().positive().default(5000),
  start: z.iso.datetime({ offset: true }).optional(),
  malformedRate: z.number().min(0).max(1).default(0),
  /** Items per produce call; also the cursor checkpoint interval. */
  pageSize: z.number().int().positive().default(500),
  /** Limits the emission rate (items/s); absent means as fast as Kafka accepts. */
  ratePerSecond: z.number().positive().optional(),
  /** Mean items per simulated hour (default count/96 within [20, 500]). */
  postsPerHour: z.number().positive().optional(),
  /** Produce each item when the clock reaches its timestamp (live data; use with a recent `start`). */
  realtime: z.boolean().default(false),
  /** Base of the simulated post ids, so a second run of the same community gets ids of its own. */
  idBase: z.number().int().nonnegative().max(1e15).optional(),
  /** Where to write the ground-truth JSON Lines file (optional). */
  truthFile: z.string().optional(),
});

export const FileSourceConfig = SourceBase.extend({
  type: z.literal('file'),
  path: z.string().min(1),
  /** Platform of lines that are bare payloads; lines shaped `{source, payload}` keep their own. */
  source: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default('import'),
  pageSize: z.number().int().positive().default(1000),
});

/** Names an environment variable; secrets never sit in the config file itself. */
const EnvVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

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

/** Backfill horizon: a duration back from now (`90m`, `12h`, `7d`, `2w`) or an ISO date/date-time. */
const Backfill = z
  .string()
  .refine(
    (v) => /^\d+\s*[smhdw]$/.test(v.trim()) || !Number.isNaN(Date.parse(v.trim())),
    'must be a duration like 7d, 12h, 30m or an ISO date',
  );

/** What every polling HTTP connector shares (ingest/README.md "Writing a connector"). */
const HttpSourceBase = SourceBase.extend({
  /** How far back the first run goes; later runs continue from the cursor. */
  backfill: Backfill.default('1d'),
  /** Upper bound of new items buffered per query and pass (oldest beyond it are skipped, with a warning). */
  maxItemsPerPass: z.number().int().positive().default(10_000),
  /** Items remembered per source to skip repeats within a process. */
  dedupCapacity: z.number().int().positive().default(50_000),
  userAgent: z.string().min(1).optional(),
  http: z
    .strictObject({
      maxPerHost: z.number().int().positive().default(2),
      maxAttempts: z.number().int().positive().default(5),
      baseDelayMs: z.number().int().positive().default(1000),
      maxDelayMs: z.number().int().positive().default(60_000),
      timeoutMs: z.number().int().positive().default(30_000),
    })
    .prefault({}),
});

export const MastodonSourceConfig = HttpSourceBase.extend({
  type: z.literal('mastodon'),
  /** The instance, e.g. https://mastodon.social. */
  baseUrl: HttpUrl,
  /** Hashtag timelines, without `#`. */
  hashtags: z.array(z.string().regex(/^[^\s#]+$/, 'a hashtag without # or spaces')).default([]),
  /** Public accounts whose statuses to follow: `kettlebrew` (local) or `kettlebrew@other.example`. */
  accounts: z
    .array(z.string().regex(/^@?[^\s@]+(@[^\s@]+)?$/, 'an account like name or name@instance'))
    .default([]),
  /** Only statuses of the instance's own users in hashtag timelines. */
  local: z.boolean().default(false),
  /** Environment variable holding an access token (some instances require one for timelines). */
  accessTokenEnv: EnvVarName.optional(),
  /** Follow the hashtags live through the streaming API between scheduled polls. */
  stream: z.boolean().default(false),
  /** Streaming endpoint when it is not on the instance's own host. */
  streamingUrl: z
    .url({ protocol: /^(https?|wss?)$/, error: 'must be an http(s):// or ws(s):// URL' })
    .optional(),
  /** Statuses per request (Mastodon caps at 40). */
  pageSize: z.number().int().min(1).max(40).default(40),
}).refine((c) => c.hashtags.length + c.accounts.length > 0, {
  path: ['hashtags'],
  message: 'give at least one hashtag or account',
});

export const RedditSourceConfig = HttpSourceBase.extend({
  type: z.literal('reddit'),
  /** Public JSON endpoint; with OAuth credentials `oauthBaseUrl` is used instead. */
  baseUrl: HttpUrl.default('https://www.reddit.com'),
  oauthBaseUrl: HttpUrl.default('https://oauth.reddit.com'),
  tokenUrl: HttpUrl.default('https://www.reddit.com/api/v1/access_token'),
  /** Subreddits whose `new` listing to follow, without `r/`. */
  subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]+$/, 'a subreddit name without r/')).default([]),
  /** Searches (`search.json?q=…&sort=new`), optionally restricted to a subreddit. */
  searches: z
    .array(
      z.strictObject({
        q: z.string().min(1),
        subreddit: z
          .string()
          .regex(/^[A-Za-z0-9_]+$/)
          .optional(),
      }),
    )
    .default([]),
  /** Also fetch each new submission's comments (`/comments/:id.json`): reply structure matters. */
  comments: z.boolean().default(true),
  /** Environment variables with an app's client id and secret: enables OAuth (client credentials). */
  clientIdEnv: EnvVarName.optional(),
  clientSecretEnv: EnvVarName.optional(),
  pageSize: z.number().int().min(1).max(100).default(100),
})
  .refine((c) => c.subreddits.length + c.searches.length > 0, {
    path: ['subreddits'],
    message: 'give at least one subreddit or search',
  })
  .refine((c) => !c.clientIdEnv === !c.clientSecretEnv, {
    path: ['clientSecretEnv'],
    message: 'OAuth needs both clientIdEnv and clientSecretEnv',
  });

export const HackerNewsSourceConfig = HttpSourceBase.extend({
  type: z.literal('hackernews'),
  baseUrl: HttpUrl.default('https://hn.algolia.com'),
  /** Full-text queries (Algolia `search_by_date`). */
  queries: z.array(z.string().min(1)).min(1),
  /** Item kinds to fetch. */
  kinds: z
    .array(z.enum(['story', 'comment']))
    .min(1)
    .default(['story', 'comment']),
  /** Hits per request (Algolia allows up to 1000). */
  pageSize: z.number().int().min(1).max(1000).default(100),
});

export const RssSourceConfig = HttpSourceBase.extend({
  type: z.literal('rss'),
  /** RSS 2.0, RSS 1.0 (RDF) or Atom feed URLs. */
  feeds: z.array(HttpUrl).min(1),
  pageSize: z.number().int().positive().default(100),
});

export const StackExchangeSourceConfig = HttpSourceBase.extend({
  type: z.literal('stackexchange'),
  baseUrl: HttpUrl.default('https://api.stackexchange.com/2.3'),
  /** Site parameter: stackoverflow, superuser, coffee, ... */
  site: z.string().min(1),
  /** Questions with any of these tags (one query per tag). */
  tags: z.array(z.string().min(1)).min(1),
  /** Also fetch the answers of active questions. */
  answers: z.boolean().default(true),
  /** Environment variable with an app key (raises the daily quota from 300 to 10,000). */
  keyEnv: EnvVarName.optional(),
  /** Response filter; the default includes bodies. */
  filter: z.string().default('withbody'),
  pageSize: z.number().int().min(1).max(100).default(100),
});

/** Bluesky's Jetstream firehose (WebSocket), resumed by its microsecond time cursor. */
export const JetstreamSourceConfig = SourceBase.extend({
  type: z.literal('jetstream'),
  url: z
    .string()
    .regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')
    .default('wss://jetstream2.us-east.bsky.network/subscribe'),
  collections: z.array(z.string().min(1)).min(1).default(['app.bsky.feed.post']),
  /** Only these accounts (DIDs); absent means everyone. */
  dids: z.array(z.string().startsWith('did:')).optional(),
  /** Keep only posts whose text contains one of these (case-insensitive); absent keeps every post. */
  keywords: z.array(z.string().min(1)).optional(),
  /** With no stored cursor, start this far back (Jetstream replays about a day); absent starts live. */
  backfill: Backfill.optional(),
  /** On every (re)connect, start this far before the last event seen: the replay is deduplicated. */
  rewindSeconds: z.number().min(0).default(5),
  pageSize: z.number().int().positive().default(200),
  /** Longest wait before a partial page (and the cursor) is produced. */
  flushMs: z.number().int().positive().default(1000),
}).refine((c) => c.schedule === undefined, {
  path: ['schedule'],
  message: 'a stream runs continuously; it takes no schedule',
});

/** Bluesky search (`app.bsky.feed.searchPosts`, newest first) on the public AppView or another service. */
export const BlueskySourceConfig = HttpSourceBase.extend({
  type: z.literal('bluesky'),
  baseUrl: HttpUrl.default('https://public.api.bsky.app'),
  /** Search queries (Lucene-like syntax: words, "phrases", from:handle, #tag). */
  queries: z.array(z.string().min(1)).min(1),
  /** Only posts in this language (ISO 639-1). */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
  /** With both set, the connector signs in (com.atproto.server.createSession, app password) on `authUrl`. */
  identifierEnv: EnvVarName.optional(),
  appPasswordEnv: EnvVarName.optional(),
  authUrl: HttpUrl.default('https://bsky.social'),
  /** Posts per request (the API caps at 100). */
  pageSize: z.number().int().min(1).max(100).default(100),
}).refine((c) => !c.identifierEnv === !c.appPasswordEnv, {
  path: ['appPasswordEnv'],
  message: 'signing in needs both identifierEnv and appPasswordEnv',
});

/** Apple App Store customer reviews (the public RSS/JSON feed, newest first, 10 pages at most). */
export const AppStoreSourceConfig = HttpSourceBase.extend({
  type: z.literal('appstore'),
  baseUrl: HttpUrl.default('https://itunes.apple.com'),
  apps: z
    .array(
      z.strictObject({
        /** Numeric App Store id (the `id123456789` in the app's URL). */
        id: z.string().regex(/^\d+$/, 'the numeric App Store id'),
        /** Product name on the reviews; defaults to the feed's app name. */
        name: z.string().min(1).optional(),
        /** Storefronts (ISO 3166 alpha-2, lowercase). */
        countries: z
          .array(z.string().regex(/^[a-z]{2}$/, 'a two-letter country code'))
          .min(1)
          .default(['us']),
      }),
    )
    .min(1),
  /** Reviews per produced page (the feed itself serves 50 per page). */
  pageSize: z.number().int().positive().default(50),
});

/** A Discourse forum: latest topics and/or searches, each topic's posts with their reply structure. */
export const DiscourseSourceConfig = HttpSourceBase.extend({
  type: z.literal('discourse'),
  /** The forum, e.g. https://meta.discourse.org. */
  baseUrl: HttpUrl,
  /** Follow `/latest.json` (every topic with new posts). */
  latest: z.boolean().default(true),
  /** Searches (`/search.json?q=… order:latest`): topics with matching posts. */
  searches: z.array(z.string().min(1)).default([]),
  /** Optional API key and user (headers Api-Key / Api-Username) for private forums or higher limits. */
  apiKeyEnv: EnvVarName.optional(),
  apiUsernameEnv: EnvVarName.optional(),
  pageSize: z.number().int().positive().default(100),
}).refine((c) => c.latest || c.searches.length > 0, {
  path: ['searches'],
  message: 'enable latest or give at least one search',
});

/** A Lemmy instance: communities' posts and their comment trees (API v3). */
export const LemmySourceConfig = HttpSourceBase.extend({
  type: z.literal('lemmy'),
  /** The instance, e.g. https://lemmy.world. */
  baseUrl: HttpUrl,
  /** Communities as `name` (local) or `name@instance`. */
  communities: z
    .array(z.string().regex(/^[^\s@!]+(@[^\s@]+)?$/, 'a community like name or name@instance'))
    .min(1),
  /** Also fetch the comments of posts with new activity. */
  comments: z.boolean().default(true),
  /** Environment variable with a JWT, for instances that require a login. */
  jwtEnv: EnvVarName.optional(),
  /** Posts or comments per request (Lemmy caps at 50). */
  pageSize: z.number().int().min(1).max(50).default(50),
});

export const SourceConfig = z.discriminatedUnion('type', [
  SimulatorSourceConfig,
  FileSourceConfig,
  JetstreamSourceConfig,
  WebhookSourceConfig,
  MastodonSourceConfig,
  RedditSourceConfig,
  HackerNewsSourceConfig,
  RssSourceConfig,
  StackExchangeSourceConfig,
  BlueskySourceConfig,
  AppStoreSourceConfig,
  DiscourseSourceConfig,
  LemmySourceConfig,
]);
export type SourceConfig = z.infer<typeof SourceConfig>;
export type SimulatorSourceConfig = z.infer<typeof SimulatorSourceConfig>;
export type FileSourceConfig = z.infer<typeof FileSourceConfig>;
export type JetstreamSourceConfig = z.infer<typeof JetstreamSourceConfig>;
export type WebhookSourceConfig = z.infer<typeof WebhookSourceConfig>;
export type MastodonSourceConfig = z.infer<typeof MastodonSourceConfig>;
export type RedditSourceConfig = z.infer<typeof RedditSourceConfig>;
export type HackerNewsSourceConfig = z.infer<typeof HackerNewsSourceConfig>;
export type RssSourceConfig = z.infer<typeof RssSourceConfig>;
export type StackExchangeSourceConfig = z.infer<typeof StackExchangeSourceConfig>;
export type BlueskySourceConfig = z.infer<typeof BlueskySourceConfig>;
export type AppStoreSourceConfig = z.infer<typeof AppStoreSourceConfig>;
export type DiscourseSourceConfig = z.infer<typeof DiscourseSourceConfig>;
export type LemmySourceConfig = z.infer<typeof LemmySourceConfig>;

/** How the processors are grouped (processors/components.ts LAYOUTS). */
export const Layout = z.enum(['components', 'one-box']);
export type Layout = z.infer<typeof Layout>;

export const LateralConfig = z.strictObject({
  /** Prefix for topics and consumer groups; tests and parallel demos use their own. */
  namespace: z
    .string()
    .regex(/^[a-z0-9_-]*$/)
    .default(''),
  /**
   * `components`: each stage its own consumer group (clusters, `lateral process <name>`); `one-box`: normalize,
   * enrich and threads in one single-instance processor without the enriched hop (one machine). `LATERAL_LAYOUT`.
   */
  layout: Layout.default('components'),
  kafka: z
    .strictObject({
      brokers: z.array(z.string().min(1)).min(1).default(['127.0.0.1:9092']),
      clientId: z.string().default('lateral'),
      /** Set when the brokers are managed outside `lateral stack` (KAFKA_BROKERS). */
      external: z.boolean().default(false),
    })
    .prefault({}),
  clickhouse: z
    .strictObject({
      url: HttpUrl.default('http://127.0.0.1:18123'),
      username: z.string().default('default'),
      password: z.string().default(''),
      database: Identifier.default('lateral'),
      /** Set when the server is managed outside `lateral stack` (CLICKHOUSE_URL). */
      external: z.boolean().default(false),
    })
    .prefault({}),
  stack: z
    .strictObject({
      dir: z.string().default('.lateral/stack'),
      kafkaPort: Port.default(9092),
      kafkaControllerPort: Port.default(9093),
      clickhouseHttpPort: Port.default(18123),
      clickhouseTcpPort: Port.default(19000),
      kafkaHeapMb: z.number().int().min(256).default(1024),
      /** May `stack up` run apt-get to install ClickHouse when it is missing. */
      allowApt: z.boolean().default(true),
    })
    .prefault({}),
  sink: z
    .strictObject({
      batchRows: z.number().int().positive().default(10_000),
      batchMs: z.number().int().positive().default(1000),
      maxInFlight: z.number().int().positive().default(2),
    })
    .prefault({}),
  metrics: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      /** 0 picks a free port. */
      port: z.number().int().min(0).max(65535).default(9464),
    })
    .prefault({}),
  enrich: z
    .strictObject({
      /** Languages language detection may answer (ISO 639-1); others become the fallback or `und`. */
      languages: z.array(z.string().regex(/^[a-z]{2}$/)).default(['nl', 'de', 'en', 'fr', 'es', 'it', 'pt']),
      /** `default` (the shipped trained model), `lexicon`, or a model file from `lateral sentiment train`. */
      sentimentModel: z.string().default('default'),
      /**
       * Re-weight the trained model's posteriors to each brand × language stream's own class mix (EM over its
       * last 500 messages): better accuracy on neutral-heavy streams, lower macro-F1 (see the sentiment README).
       */
      priorShift: z.boolean().default(false),
    })
    .prefault({}),
  threads: z
    .strictObject({
      /** A thread with no new message for this long is forgotten (later replies start a new thread). */
      horizonDays: z.number().positive().default(14),
      /** Upper bound of posts kept per worker; the least recently active threads go first. */
      maxPosts: z.number().int().positive().default(500_000),
    })
    .prefault({}),
  score: z
    .strictObject({
      /** Half-life of reactions received (influence), days. */
      influenceHalfLifeDays: z.number().positive().default(7),
      /** Half-life of behaviour and reputation evidence (trust), days. */
      trustHalfLifeDays: z.number().positive().default(30),
      /** node-cron schedule of the PageRank and percentile recompute (warm-started). */
      recompute: z
        .string()
        .refine((e) => validCron(e), 'invalid cron expression')
        .default('*/5 * * * *'),
      /**
       * A recompute re-emits an author (score and state) when one of their community percentiles moved by at
       * least this many points since it was last emitted: stored percentiles lag the engine by less than this.
       * Lower gives fresher rankings in ClickHouse for more writes to lateral.authors.v1.
       */
      reemitPercentileDelta: z.number().positive().max(100).default(1),
      /** Authors with no event for this long are dropped from memory (their checkpoint stays in Kafka). */
      idleDays: z.number().positive().default(90),
    })
    .prefault({}),
  /** `lateral dashboard` (schema/dashboard-config.ts). */
  dashboard: DashboardConfig.prefault({}),
  brands: z.array(BrandConfig).default([]),
  sources: z.array(SourceConfig).default([]),
  /** Alert rules and notifiers (schema/alert.ts). */
  alerts: AlertsConfig.prefault({}),
  /**
   * ClickHouse retention (processors/retention): days to keep per table, applied by a node-cron job that drops
   * whole partitions older than that (portable; no TTL). Tables not listed are kept.
   */
  retention: z
    .strictObject({
      schedule: z
        .string()
        .refine((e) => validCron(e), 'invalid cron expression')
        .default('17 3 * * *'),
      tables: z.record(Identifier, z.number().int().positive()).default({}),
    })
    .prefault({}),
});
export type LateralConfig = z.infer<typeof LateralConfig>;
export type LateralConfigInput = z.input<typeof LateralConfig>;
