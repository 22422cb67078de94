import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '../../core/runtime.ts';
import { Alert } from '../../schema/alert.ts';
import { AlertsComponent } from './component.ts';
import { webhookNotifier } from './notifiers.ts';

/**
 * The demo's alerts: the alerts component with a local Slack-style webhook receiver that prints one line per
 * alert it receives (what happened, who drove it). Returns the stop function.
 */
export async function startDemoAlerts(
  rt: Runtime,
  print: (line: string) => void,
): Promise<{ url: string; firstPass: Promise<void>; stop: () => Promise<void> }> {
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200).end();
      try {
        const alert = Alert.parse((JSON.parse(body) as { alert: unknown }).alert);
        if (seen.has(alert.alertId)) return; // same id again after a crash: already shown
        seen.add(alert.alertId);
        print(
          `  ALERT ${alert.severity.toUpperCase()} ${alert.window.start.slice(0, 16).replace('T', ' ')} ${alert.explanation.summary}`,
        );
      } catch {
        // not an alert: ignore
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  const component = new AlertsComponent(rt, {
    notifiers: [webhookNotifier({ name: 'demo', url, headers: {}, timeoutMs: 5000 })],
    leadership: false,
  });
  await component.start();
  return {
    url,
    // start() began a pass: this is it (detection over what is stored, then delivery).
    firstPass: component.tick(),
    async stop() {
      await component.stop();
      await new Promise((r) => server.close(r));
    },
  };
}
