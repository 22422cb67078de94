import { validate as validCron } from 'node-cron';
import { z } from 'zod';

/**
 * Alerts: the rules users write in the config (`alerts:`), and the Alert message on lateral.alerts.v1 (keyed
 * by brand) that is also the row of the ClickHouse `alerts` table. See processors/alerts/README.md.
 */

/** What a rule watches, per brand and minute, from the rollups and `mentions`. */
export const ALERT_SERIES = [
  'volume',
  'negative',
  'negative_share',
  'net_sentiment',
  'response_rate',
] as const;
export const ALERT_DIRECTIONS = [
  'all',
  'brand_to_customer',
  'customer_to_brand',
  'customer_to_customer',
] as const;

const EnvVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

export const AlertRule = z
  .strictObject({
    /** Stable name: part of every alert id, so renaming a rule starts new ids. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'rule name must be lowercase letters, digits, _ or -'),
    /** Only these brands; absent means every configured brand. */
    brands: z.array(z.string().min(1)).min(1).optional(),
    /**
     * volume: mentions; negative: negative mentions; negative_share: negative / all mentions;
     * net_sentiment: (positive − negative) / all mentions, alerting when it falls; response_rate: share of
     * customers addressing the brand (customer_to_brand, reposts aside) it answered within `responseMinutes`,
     * alerting when the unanswered share rises `minRatio` times above its baseline.
     */
    series: z.enum(ALERT_SERIES),
    /**
     * response_rate only: a customer counts as answered when the brand replied within this many minutes. A
     * minute is tested once they have passed in event time, so such alerts come this much later.
     */
    responseMinutes: z.number().int().min(1).max(1440).default(60),
    /** Which conversations: all, or one direction (customer_to_customer is lateral talk). */
    direction: z.enum(ALERT_DIRECTIONS).default('all'),
    /** authentic leaves out mentions by flagged accounts (bots, spam, coordinated); raw counts everything. */
    counts: z.enum(['authentic', 'raw']).default('authentic'),
    /** Length of the sliding window tested every minute. */
    windowMinutes: z.number().int().min(1).max(240).default(3),
    /** Upper-tail probability of the count test under the baseline below which a window is anomalous. */
    pValue: z.number().gt(0).lt(0.5).default(1e-6),
    /** Fewest events in the window (mentions for shares) before anything can fire. */
    minVolume: z.number().min(0).default(8),
    /** Observed / expected (counts) or observed share / baseline share must reach this. */
    minRatio: z.number().min(1).default(2),
    /** net_sentiment only: the fall from the baseline that must be reached. */
    minDrop: z.number().min(0).max(2).default(0.3),
    /** CUSUM over hourly residuals for slower drifts (k: allowance, h: threshold, in standard deviations). */
    cusum: z
      .strictObject({
        enabled: z.boolean().default(true),
        k: z.number().min(0).default(1),
        h: z.number().positive().default(8),
      })
      .prefault({}),
    /** After an alert, how long the series must stay normal before the rule can fire again. */
    cooldownMinutes: z.number().int().min(0).default(30),
    /** observed / expected at or above which an alert is a warning / critical (below: info). */
    severity: z
      .strictObject({
        warning: z.number().min(1).default(3),
        critical: z.number().min(1).default(5),
      })
      .prefault({})
      .refine((s) => s.critical >= s.warning, {
        path: ['critical'],
        message: 'critical must be at least warning',
      }),
    enabled: z.boolean().default(true),
  })
  .refine((r) => (r.series !== 'negative_share' && r.series !== 'response_rate') || r.minRatio > 1, {
    path: ['minRatio'],
    message: 'a share rule needs minRatio above 1',
  })
  .refine((r) => r.series !== 'response_rate' || r.direction === 'all', {
    path: ['direction'],
    message: 'response_rate is about customers addressing the brand: leave direction at all',
  });
export type AlertRule = z.infer<typeof AlertRule>;
export type AlertRuleInput = z.input<typeof AlertRule>;

export const WebhookNotifierConfig = z.strictObject({
  name: z.string().regex(/^[a-z0-9_-]+$/, 'notifier name must be lowercase letters, digits, _ or -'),
  /** Slack-compatible incoming webhook (or any endpoint taking its JSON). */
  url: z.url(),
  /** Environment variable holding the URL instead (secret webhooks); wins over url. */
  urlEnv: EnvVarName.optional(),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(10_000),
});

export const EmailNotifierConfig = z.strictObject({
  name: z.string().regex(/^[a-z0-9_-]+$/, 'notifier name must be lowercase letters, digits, _ or -'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the start (465); otherwise STARTTLS when offered. */
  secure: z.boolean().default(false),
  usernameEnv: EnvVarName.optional(),
  passwordEnv: EnvVarName.optional(),
  from: z.string().min(3),
  to: z.array(z.string().min(3)).min(1),
});

export const AlertsConfig = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** node-cron schedule of a detection pass. */
    schedule: z
      .string()
      .refine((e) => validCron(e), 'invalid cron expression')
      .default('* * * * *'),
    /** Rules; absent means the default rules (processors/alerts/rules.ts) for every brand. */
    rules: z.array(AlertRule).optional(),
    /** How far back the baseline learns when detection starts with no state. */
    baselineDays: z.number().positive().max(90).default(28),
    /** Minutes of a brand's history before any rule may fire (the baseline needs a few hours). */
    warmupMinutes: z.number().int().min(0).default(180),
    /** Event-time minutes left for late events before a minute is evaluated. */
    lagMinutes: z.number().int().min(0).default(1),
    /** Base URL of the dashboard, for links in notifications. */
    dashboardUrl: z.url().optional(),
    webhooks: z.array(WebhookNotifierConfig).default([]),
    email: z.array(EmailNotifierConfig).default([]),
    /** Delivery attempts per notifier and alert within one pass (later passes retry again). */
    deliveryAttempts: z.number().int().min(1).default(5),
    deliveryBackoffMs: z.number().int().positive().default(500),
  })
  .refine(
    (c) => {
      const names = [...c.webhooks, ...c.email].map((n) => n.name);
      return new Set(names).size === names.length;
    },
    { path: ['webhooks'], message: 'notifier names must be unique across webhooks and email' },
  )
  .refine((c) => new Set((c.rules ?? []).map((r) => r.name)).size === (c.rules ?? []).length, {
    path: ['rules'],
    message: 'rule names must be unique',
  });
export type AlertsConfig = z.infer<typeof AlertsConfig>;

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;

const Count = z.object({ observed: z.number(), expected: z.number() });

export const AlertExplanation = z.object({
  /** One line: what happened and who drove it. */
  summary: z.string(),
  /** What the rule measured: the value in the window next to the baseline's. */
  value: Count,
  byDirection: z.array(Count.extend({ direction: z.string() })),
  bySource: z.array(Count.extend({ source: z.string() })),
  /** Words used more in the window than in the baseline period, highest lift first. */
  risingTerms: z.array(
    z.object({ term: z.string(), count: z.number(), baseline: z.number(), lift: z.number() }),
  ),
  /** Authors with the most reach in the window (followers, influence), with their trust and flags. */
  topAuthors: z.array(
    z.object({
      authorId: z.string(),
      handle: z.string(),
      mentions: z.number(),
      followers: z.number(),
      influence: z.number().nullable(),
      trust: z.number().nullable(),
      flags: z.array(z.string()),
    }),
  ),
  /** Share of the window's mentions written by flagged accounts (0 when authentic-only). */
  flaggedShare: z.number(),
  samples: z.array(
    z.object({
      postId: z.string(),
      url: z.string(),
      author: z.string(),
      text: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type AlertExplanation = z.infer<typeof AlertExplanation>;

export const Alert = z.object({
  /** brand + rule + window start: the same anomaly always has the same id. */
  alertId: z.string().min(1),
  brand: z.string().min(1),
  rule: z.string().min(1),
  series: z.enum(ALERT_SERIES),
  direction: z.enum(ALERT_DIRECTIONS),
  severity: z.enum(ALERT_SEVERITIES),
  /** nb: count tail test over the sliding window; cusum: slower drift over hours. */
  detector: z.enum(['nb', 'cusum']),
  window: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  observed: z.number(),
  expected: z.number(),
  pValue: z.number().min(0).max(1),
  explanation: AlertExplanation,
  /** When it was detected (wall clock). */
  at: z.iso.datetime(),
});
export type Alert = z.infer<typeof Alert>;

/** Example Alert messages for the topic registry (each is validated in schema/topics.test.ts). */
export const alertExamples = [
  {
    alertId: 'kettle:negative-surge:2026-03-01T09:00:00Z',
    brand: 'kettle',
    rule: 'negative-surge',
    series: 'negative',
    direction: 'all',
    severity: 'critical',
    detector: 'nb',
    window: { start: '2026-03-01T09:00:00.000Z', end: '2026-03-01T09:03:00.000Z' },
    observed: 14,
    expected: 1.6,
    pValue: 2.1e-9,
    explanation: {
      summary:
        'kettle: negative mentions 14 vs 1.6 expected (×8.8) in 3 min, mostly customer_to_customer on simulator; rising: recall, leak; driven by @dana (2,300 followers, trust 71)',
      value: { observed: 14, expected: 1.6 },
      byDirection: [
        { direction: 'customer_to_customer', observed: 9, expected: 0.7 },
        { direction: 'customer_to_brand', observed: 5, expected: 0.6 },
      ],
      bySource: [{ source: 'simulator', observed: 14, expected: 1.6 }],
      risingTerms: [{ term: 'recall', count: 8, baseline: 0, lift: 9 }],
      topAuthors: [
        {
          authorId: 'simulator:u42',
          handle: 'dana',
          mentions: 2,
          followers: 2300,
          influence: 88.5,
          trust: 71,
          flags: [],
        },
      ],
      flaggedShare: 0,
      samples: [
        {
          postId: 'simulator:100000042',
          url: 'https://sim.example/@dana/100000042',
          author: 'dana',
          text: 'The kettle recall is a mess, mine leaked everywhere',
          createdAt: '2026-03-01T09:01:12.000Z',
        },
      ],
    },
    at: '2026-03-01T09:04:05.000Z',
  },
] as const;
