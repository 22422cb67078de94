import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { retry } from '../../core/retry.ts';
import { Alert, alertExamples, EmailNotifierConfig, WebhookNotifierConfig } from '../../schema/alert.ts';
import { emailNotifier, webhookNotifier } from './notifiers.ts';

const alert = Alert.parse(alertExamples[0]);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Delivery as the component does it: retries with backoff until the receiver accepts. */
const deliver = (send: () => Promise<void>) => retry(send, { attempts: 5, initialMs: 20, maxMs: 100 });

describe('webhook notifier', () => {
  it('posts Slack-compatible JSON; a receiver failing twice gets exactly one accepted delivery', async () => {
    const received: { status: number; body: Record<string, unknown>; key: string | undefined }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const status = received.length < 2 ? 503 : 200;
        received.push({ status, body: JSON.parse(body), key: req.headers['idempotency-key'] as string });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const notifier = webhookNotifier(WebhookNotifierConfig.parse({ name: 'ops', url }));
    await deliver(() => notifier.send(alert));
    expect(received.map((r) => r.status)).toEqual([503, 503, 200]);
    const accepted = received.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.key).toBe(alert.alertId);
    expect(accepted[0]!.body.text).toContain(alert.explanation.summary);
    expect(accepted[0]!.body.blocks).toBeInstanceOf(Array);
    expect((accepted[0]!.body.alert as { alertId: string }).alertId).toBe(alert.alertId);
  });

  it('throws on a refusing receiver so the alert stays pending', async () => {
    const server = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await expect(
      webhookNotifier(WebhookNotifierConfig.parse({ name: 'x', url })).send(alert),
    ).rejects.toThrow(/HTTP 500/);
  });
});

describe('e-mail notifier', () => {
  it('sends over SMTP; a server failing twice gets exactly one accepted message', async () => {
    let attempts = 0;
    const accepted: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          attempts++;
          if (attempts <= 2) return callback(new Error('451 try again later'));
          accepted.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const port = (server.server.address() as AddressInfo).port;
    const notifier = emailNotifier(
      EmailNotifierConfig.parse({
        name: 'team',
        host: '127.0.0.1',
        port,
        from: 'lateral@x.test',
        to: ['pm@x.test'],
      }),
    );
    closers.push(async () => notifier.close?.());
    await deliver(() => notifier.send(alert));
    expect(attempts).toBe(3);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.toLowerCase()).toContain(`x-lateral-alert-id: ${alert.alertId.toLowerCase()}`);
    expect(accepted[0]).toContain('Subject: [lateral critical] kettle: negative-surge');
  });
});
