import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetter } from '../schema/dead-letter.ts';
import { mentionExamples } from '../schema/examples.ts';
import { ForwardConfig } from '../schema/forward.ts';
import { Mention } from '../schema/mention.ts';
import { topicName } from '../schema/topics.ts';
import { createTestEnv, eventually, readTopic, type TestEnv } from '../test/helpers.ts';
import { createProcessor } from './components.ts';
import { healthReport } from '../core/metrics.ts';
import { startProcessors } from '../runtime/pipeline.ts';

/**
 * The forward processor on the real Kafka, with a local receiver that refuses its first requests: every new
 * mention reaches exactly the targets whose filters match, a refused delivery is retried until accepted, a
 * re-emission or a flagged author is not forwarded, an unreadable message is a dead letter, and a restart
 * re-sends nothing already committed.
 */
let t: TestEnv;
let server: Server;
/** Accepted deliveries: `target|idempotency-key`. */
const accepted: string[] = [];
const bodies = new Map<string, { text: string; mention: Mention }>();
let refusals = 2;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (refusals > 0) {
        refusals--;
        res.writeHead(503).end();
        return;
      }
      const key = `${req.url!.slice(1)}|${String(req.headers['idempotency-key'])}`;
      accepted.push(key);
      bodies.set(key, JSON.parse(body) as { text: string; mention: Mention });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t = await createTestEnv();
});
afterAll(async () => {
  await t?.cleanup();
  server?.close();
});

const base = Mention.parse(mentionExamples[0]);
const mention = (postId: string, over: Partial<Mention>): Mention => ({ ...base, postId, ...over });

describe('forward: new mentions to webhooks (real Kafka)', () => {
  it('is not started without targets, and says so in its health', async () => {
    const running = await startProcessors(t.rt, ['forward']);
    expect(running.runners).toEqual([]);
    expect(healthReport().components.forward).toEqual({
      state: 'ok',
      detail: 'idle: nothing in the configuration for it',
    });
    await running.stop();
  });

  it('delivers each new mention to the matching targets once, retrying refusals', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const forward = ForwardConfig.parse([
      {
        name: 'care',
        url: `${url}/care`,
        brands: ['acme'],
        directions: ['customer_to_brand'],
        sentiments: ['negative'],
      },
      { name: 'all', url: `${url}/all` },
    ]);
    const rt = { ...t.rt, config: { ...t.rt.config, forward } };
    const negative = { ...base.sentiment, score: -0.6, label: 'negative' as const };
    const positive = { ...base.sentiment, score: 0.6, label: 'positive' as const };
    const m = {
      complaint: mention('simulator:f1', {
        brand: 'acme',
        direction: 'customer_to_brand',
        sentiment: negative,
      }),
      lateral: mention('simulator:f2', {
        brand: 'acme',
        direction: 'customer_to_customer',
        sentiment: positive,
      }),
      other: mention('simulator:f3', {
        brand: 'globex',
        direction: 'customer_to_brand',
        sentiment: negative,
      }),
      reemitted: mention('simulator:f1', {
        brand: 'acme',
        direction: 'customer_to_brand',
        sentiment: negative,
        revision: 1,
      }),
      flagged: mention('simulator:f4', {
        brand: 'acme',
        direction: 'customer_to_brand',
        sentiment: negative,
        signals: ['likely_bot'],
      }),
      later: mention('simulator:f5', { brand: 'acme', direction: 'customer_to_brand', sentiment: negative }),
    };
    const mentionsTopic = topicName('mentions', t.config.namespace);
    const send = (values: (Mention | string)[]) =>
      t.rt.producer.send({
        topic: mentionsTopic,
        acks: -1,
        messages: values.map((v) => ({
          key: typeof v === 'string' ? 'acme' : v.brand,
          value: typeof v === 'string' ? v : JSON.stringify(v),
        })),
      });
    await send([m.complaint, m.lateral, m.other, m.reemitted, m.flagged, 'not json']);

    const first = createProcessor(rt, 'forward');
    await first.start();
    const expected = [
      'care|acme:simulator:f1',
      'all|acme:simulator:f1',
      'all|acme:simulator:f2',
      'all|globex:simulator:f3',
    ];
    await eventually(
      'the first deliveries',
      async () => (accepted.length >= expected.length ? true : undefined),
      60_000,
    );
    await first.stop();
    expect(refusals).toBe(0);
    expect([...accepted].sort()).toEqual([...expected].sort());
    const care = bodies.get('care|acme:simulator:f1')!;
    expect(care.mention.postId).toBe('simulator:f1');
    expect(care.text).toContain('acme · customer→brand · negative');
    expect(care.text).toContain(m.complaint.url);

    const dead = (await readTopic(t.rt, topicName('dlq', t.config.namespace))).map((r) =>
      DeadLetter.parse(JSON.parse(r.value)),
    );
    expect(dead.filter((d) => d.component === 'forward').map((d) => d.step)).toEqual(['decode']);

    // A restart resumes after the committed offset: only the new mention is delivered.
    await send([m.later]);
    const second = createProcessor(rt, 'forward');
    await second.start();
    await eventually(
      'the later delivery',
      async () => (accepted.length >= expected.length + 2 ? true : undefined),
      60_000,
    );
    await second.stop();
    expect([...accepted].sort()).toEqual(
      [...expected, 'care|acme:simulator:f5', 'all|acme:simulator:f5'].sort(),
    );
  });
});
