import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { startClickHouse } from './clickhouse.ts';
import { startKafka } from './kafka.ts';
import { StackError } from './process.ts';
import { stackStatus, stackUp } from './stack.ts';

let blocker: Server;
let busyPort: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

describe('lateral stack', () => {
  it('is idempotent: up on a running stack starts nothing new', async () => {
    const config = loadConfig();
    const { report } = await stackUp(config);
    for (const line of report) expect(line).toMatch(/already running|using .* nothing started/);
    const status = await stackStatus(config);
    expect(status.join('\n')).toMatch(/answering|external/);
  });

  it('says which port is busy instead of starting a second Kafka', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-stack-'));
    const attempt = startKafka({ dir, port: busyPort, controllerPort: busyPort + 1, heapMb: 256 });
    await expect(attempt).rejects.toThrow(StackError);
    await expect(attempt).rejects.toThrow(`port ${busyPort} busy`);
  });

  it('says which port is busy instead of starting a second ClickHouse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-stack-'));
    await expect(
      startClickHouse({ dir, httpPort: busyPort, tcpPort: busyPort + 2, allowApt: false }),
    ).rejects.toThrow(`port ${busyPort} busy`);
  });

  it('reports a missing Java clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-stack-'));
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      // a free port pair well away from the stack's own
      await expect(startKafka({ dir, port: 39_092, controllerPort: 39_093, heapMb: 256 })).rejects.toThrow(
        /Java not found/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
