import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every level, so the retry warnings (which quote the request URL) are written.
vi.hoisted(() => {
  process.env.LATERAL_LOG_LEVEL = 'debug';
});

import { startTestServer } from '../platforms/shared/contract/test-server.ts';
import { CursorStore } from '../ingest/framework/cursor-store.ts';
import { forgetSeenKeys } from '../platforms/shared/dedup.ts';
import { ingestOnce } from '../ingest/framework/ingestor.ts';
import { createHttpClient } from '../platforms/shared/http/client.ts';
import { seQuestion, seWrapper } from '../platforms/stackexchange/fixtures.ts';
import { createStackExchangeSource } from '../platforms/stackexchange/source.ts';
import { StackExchangeSourceConfig } from '../platforms/stackexchange/config.ts';
import { topicName } from '../schema/topics.ts';
import { createTestEnv, readTopic, type TestEnv } from '../test/helpers.ts';
import { formatStatus, pipelineStatus } from '../cli/status.ts';
import { logToFile } from './logger.ts';

/**
 * A run with secrets set, against a platform that fails: the retry warnings, the stored cursor error, the
 * dead letters and `lateral status` all quote the failing request, and none of them may contain the key.
 */
const SECRET = 'se-key-4f1c9a7b2d';
let t: TestEnv;
const logFile = join(mkdtempSync(join(tmpdir(), 'lateral-redact-')), 'run.log');

beforeAll(async () => {
  logToFile(logFile);
  t = await createTestEnv();
});
afterAll(async () => {
  await t?.cleanup();
});

describe('credentials stay out of logs, topics and status', () => {
  it('a Stack Exchange key in the request URL appears nowhere', async () => {
    let calls = 0;
    const now = Date.now();
    const server = await startTestServer((req) => {
      if (req.query.get('tagged') === 'good')
        return { gzip: true, body: seWrapper([seQuestion(1, now - 60_000)], false) };
      calls++;
      // Fails twice (retried, logged with the URL), then answers with an error that quotes the key.
      if (calls <= 2) return { status: 503, body: { error_message: 'busy' } };
      return {
        status: 400,
        body: { error_id: 400, error_message: `key ${SECRET} is not valid for this site` },
      };
    });
    try {
      const ns = t.config.namespace;
      const config = StackExchangeSourceConfig.parse({
        type: 'stackexchange',
        id: 'se-secret',
        baseUrl: server.url,
        site: 'coffee',
        tags: ['good', 'kettlebrew'],
        answers: false,
        keyEnv: 'SE_TEST_KEY',
      });
      const source = createStackExchangeSource(config, {
        http: createHttpClient({ baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 }),
        env: { SE_TEST_KEY: SECRET },
      });
      const cursors = new CursorStore(t.rt.kafka, t.rt.producer, ns);
      forgetSeenKeys();
      const pass = await ingestOnce(source, {
        producer: t.rt.producer,
        cursors,
        rawTopic: topicName('raw', ns),
      });
      expect(pass.produced).toBe(1);
      expect(server.requests.some((r) => r.query.get('key') === SECRET)).toBe(true);

      const stored = await cursors.load('se-secret');
      expect(stored?.lastError).toMatch(/HTTP 400/);
      const status = formatStatus(await pipelineStatus(t.rt));
      expect(status).toContain('se-secret');

      const topics: Record<string, string> = {};
      for (const topic of ['raw', 'dlq', 'cursors'] as const) {
        const messages = await readTopic(t.rt, topicName(topic, ns));
        topics[topic] = messages.map((m) => `${m.key ?? ''} ${m.value}`).join('\n');
      }
      const log = readFileSync(logFile, 'utf8');
      expect(log).toMatch(/request failed, backing off/);
      expect(log).toContain('key=[redacted]');
      for (const [where, text] of Object.entries({ log, status, ...topics, lastError: stored!.lastError! })) {
        expect({ where, leaked: text.includes(SECRET) }).toEqual({ where, leaked: false });
      }
    } finally {
      await server.close();
    }
  });
});
