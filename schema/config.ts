import { validate as validCron } from 'node-cron';
import { z } from 'zod';

const Identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)');
const Port = z.number().int().min(1).max(65535);

export const BrandConfig = z.object({
  name: z.string().regex(/^[a-z0-9_-]+$/, 'brand name must be lowercase letters, digits, _ or -'),
  displayName: z.string().optional(),
  /** The brand's own accounts per source: `{ mastodon: ['acme@social.example'], simulator: ['acme'] }`. */
  accounts: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** Boolean query (terms, "phrases", @handles, #tags, AND OR NOT, NEAR/n). */
  query: z.string().min(1),
  languages: z.array(z.string()).optional(),
});
export type BrandConfig = z.infer<typeof BrandConfig>;

const SourceBase = z.object({
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

export const SourceConfig = z.discriminatedUnion('type', [SimulatorSourceConfig, FileSourceConfig]);
export type SourceConfig = z.infer<typeof SourceConfig>;
export type SimulatorSourceConfig = z.infer<typeof SimulatorSourceConfig>;
export type FileSourceConfig = z.infer<typeof FileSourceConfig>;

export const LateralConfig = z.object({
  /** Prefix for topics and consumer groups; tests and parallel demos use their own. */
  namespace: z
    .string()
    .regex(/^[a-z0-9_-]*$/)
    .default(''),
  kafka: z
    .object({
      brokers: z.array(z.string().min(1)).min(1).default(['127.0.0.1:9092']),
      clientId: z.string().default('lateral'),
      /** Set when the brokers are managed outside `lateral stack` (KAFKA_BROKERS). */
      external: z.boolean().default(false),
    })
    .prefault({}),
  clickhouse: z
    .object({
      url: z.url().default('http://127.0.0.1:18123'),
      username: z.string().default('default'),
      password: z.string().default(''),
      database: Identifier.default('lateral'),
      /** Set when the server is managed outside `lateral stack` (CLICKHOUSE_URL). */
      external: z.boolean().default(false),
    })
    .prefault({}),
  stack: z
    .object({
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
    .object({
      batchRows: z.number().int().positive().default(10_000),
      batchMs: z.number().int().positive().default(1000),
      maxInFlight: z.number().int().positive().default(2),
    })
    .prefault({}),
  metrics: z
    .object({
      host: z.string().default('127.0.0.1'),
      /** 0 picks a free port. */
      port: z.number().int().min(0).max(65535).default(9464),
    })
    .prefault({}),
  brands: z.array(BrandConfig).default([]),
  sources: z.array(SourceConfig).default([]),
});
export type LateralConfig = z.infer<typeof LateralConfig>;
export type LateralConfigInput = z.input<typeof LateralConfig>;
