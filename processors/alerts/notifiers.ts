import nodemailer from 'nodemailer';
import type { Producer } from 'kafkajs';
import type { Alert, AlertsConfig } from '../../schema/alert.ts';
import { produce } from '../../core/kafka.ts';
import { postJson, webhookUrl } from '../../core/webhook.ts';

/** A delivery channel; `send` throws when the receiver did not accept the alert. */
export interface Notifier {
  /** `kafka`, `webhook:<name>` or `email:<name>`: the key of the delivery record. */
  channel: string;
  send(alert: Alert): Promise<void>;
  close?(): void;
}

const ICON = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' } as const;

/** Slack-compatible message (text + blocks), with the whole alert alongside for other receivers. */
export function slackPayload(alert: Alert, dashboardUrl?: string): Record<string, unknown> {
  const e = alert.explanation;
  const lines = [
    `${ICON[alert.severity]} *${alert.severity.toUpperCase()}* ${alert.brand} · ${alert.rule}`,
    e.summary,
    `window ${alert.window.start} → ${alert.window.end}`,
    ...e.samples.map((s) => `• <${s.url}|@${s.author}>: ${s.text.slice(0, 160)}`),
  ];
  if (dashboardUrl) lines.push(`<${dashboardUrl}|open the dashboard>`);
  return {
    text: `${alert.severity.toUpperCase()} ${alert.brand}: ${e.summary}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }],
    alert,
  };
}

export function webhookNotifier(
  config: AlertsConfig['webhooks'][number],
  dashboardUrl?: string,
  env: NodeJS.ProcessEnv = process.env,
): Notifier {
  const url = webhookUrl(config, env);
  return {
    channel: `webhook:${config.name}`,
    async send(alert) {
      await postJson(url, slackPayload(alert, dashboardUrl), {
        headers: config.headers,
        idempotencyKey: alert.alertId,
        timeoutMs: config.timeoutMs,
      }).catch((err: unknown) => {
        throw new Error(`webhook ${config.name}: ${(err as Error).message}`);
      });
    },
  };
}

export function emailNotifier(
  config: AlertsConfig['email'][number],
  env: NodeJS.ProcessEnv = process.env,
): Notifier {
  const user = config.usernameEnv ? env[config.usernameEnv] : undefined;
  const pass = config.passwordEnv ? env[config.passwordEnv] : undefined;
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(user ? { auth: { user, pass: pass ?? '' } } : {}),
    // Local relays often have self-signed certificates; STARTTLS is still used when offered.
    tls: { rejectUnauthorized: false },
  });
  return {
    channel: `email:${config.name}`,
    async send(alert) {
      const e = alert.explanation;
      await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: `[lateral ${alert.severity}] ${alert.brand}: ${alert.rule}`,
        // The alert id as Message-ID: mail systems can drop a repeat.
        messageId: `<${encodeURIComponent(alert.alertId)}@lateral.alerts>`,
        headers: { 'X-Lateral-Alert-Id': alert.alertId },
        text: [
          e.summary,
          '',
          `window: ${alert.window.start} → ${alert.window.end}`,
          `observed ${alert.observed}, expected ${alert.expected}`,
          '',
          'authors:',
          ...e.topAuthors.map(
            (a) =>
              `  @${a.handle}: ${a.followers} followers, influence ${a.influence ?? '-'}, trust ${a.trust ?? '-'}${a.flags.length ? `, flags ${a.flags.join(',')}` : ''}`,
          ),
          'posts:',
          ...e.samples.map((s) => `  ${s.url} @${s.author}: ${s.text}`),
        ].join('\n'),
      });
    },
    close: () => transport.close(),
  };
}

/** The alerts topic as a channel (keyed by brand). */
export function kafkaNotifier(producer: Producer, topic: string): Notifier {
  return {
    channel: 'kafka',
    async send(alert) {
      await produce(producer, [
        { topic, key: alert.brand, value: JSON.stringify(alert), headers: { 'alert-id': alert.alertId } },
      ]);
    },
  };
}

export function configuredNotifiers(config: AlertsConfig): Notifier[] {
  return [
    ...config.webhooks.map((w) => webhookNotifier(w, config.dashboardUrl)),
    ...config.email.map((m) => emailNotifier(m)),
  ];
}
