import { validate as validCron } from 'node-cron';
import { z } from 'zod';
import { platforms, type Platform as AnyPlatform } from '../platforms/index.ts';
import { tryParseQuery } from '../processors/enrich/brand-query/parser.ts';
import { AlertsConfig } from './alert.ts';
import { DashboardConfig } from './dashboard-config.ts';
import { ForwardConfig } from './forward.ts';
import { HttpUrl } from './source-base.ts';

const Identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)');
const Port = z.number().int().min(1).max(65535);

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

/** The config schema of any platform in the list. */
type ConfigSchema = AnyPlatform extends { config: infer C } ? C : never;

/** One entry of `sources`: the config schema of a platform in the list (platforms/<name>/config.ts). */
export const SourceConfig = z.discriminatedUnion(
  'type',
  // z.discriminatedUnion takes a non-empty tuple; the list is never empty (platforms/index.test.ts).
  platforms.map((p) => p.config) as unknown as [ConfigSchema, ...ConfigSchema[]],
);
export type SourceConfig = z.infer<typeof SourceConfig>;

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
  /** Webhooks that receive new mentions as they are found (schema/forward.ts). */
  forward: ForwardConfig,
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
