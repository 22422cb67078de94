import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { createLogger } from '../../core/logger.ts';
import { healthReport, setHealth } from '../../core/metrics.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import { ClickHouseSink } from './clickhouse-sink.ts';
import { testOrigin } from './test-origin.ts';

/**
 * The sink's scheduling and error policy in-process, with a client whose inserts we control (the real server is
 * exercised in clickhouse-sink.integration.test.ts and the chaos suite).
 */
interface Row {
  id: string;
}

/** The rows of an insert, whether sent as JSONEachRow objects or as a TabSeparated stream. */
async function rowsOf(values: Row[] | Readable, columns: string[] = []): Promise<Row[]> {
  if (Array.isArray(values)) return values;
  let text = '';
  for await (const chunk of values) text += String(chunk);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i], v])) as unknown as Row);
}

function controlledClient(insert: (rows: Row[]) => Promise<void>): ClickHouseClient {
  return {
    insert: async ({ values, columns }: { values: Row[] | Readable; columns?: string[] }) =>
      insert(await rowsOf(values, columns)),
  } as unknown as ClickHouseClient;
}

const items = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ value: [{ id: `r${from + i}` }], origin: testOrigin(from + i) }));

const settledWithin = async (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('ClickHouseSink backpressure', () => {
  it('never runs more than maxInFlight inserts and holds emit while ClickHouse does not answer', async () => {
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const release: (() => void)[] = [];
    const sink = new ClickHouseSink<Row>({
      client: controlledClient(async () => {
        calls++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        // An unreachable server: the insert fails after a while (a connection error has no server code).
        await new Promise<void>((r) => release.push(r));
        running--;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      }),
      table: 't',
      component: 'bp-sink',
      batchRows: 10,
      batchMs: 20,
      maxInFlight: 2,
      maxRetryDelayMs: 20,
      closeTimeoutMs: 100,
      log: createLogger('bp-sink'),
    });
    setHealth('bp-sink', 'ok');
    // Two full batches take both slots; the third full batch must wait: emit does not return.
    await sink.emit(items(0, 10));
    await sink.emit(items(10, 10));
    const third = sink.emit(items(20, 10));
    expect(await settledWithin(third, 200)).toBe(false);
    expect(sink.inFlightInserts).toBe(2);
    expect(sink.bufferedRows).toBe(10);
    // Failed inserts are retried in their slot; still never more than two at once, emit still held.
    for (let round = 0; round < 5; round++) {
      for (const r of release.splice(0)) r();
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(calls).toBeGreaterThan(4);
    expect(maxRunning).toBe(2);
    expect(await settledWithin(third, 50)).toBe(false);
    const health = healthReport().components['bp-sink'];
    expect(health?.state).toBe('degraded');
    expect(health?.detail).toMatch(/clickhouse unreachable since \d{4}-\d\d-\d\dT/);
    // Releasing the waiting batch on close: close gives up after its timeout, rows are then read again.
    const closing = sink.close();
    const timer = setInterval(() => release.splice(0).forEach((r) => r()), 10);
    await closing.catch(() => undefined);
    clearInterval(timer);
  });

  it('writes the timed batch as soon as a slot frees when the timer fired with every slot busy', async () => {
    const release: (() => void)[] = [];
    let running = 0;
    let maxRunning = 0;
    const written: string[] = [];
    const sink = new ClickHouseSink<Row>({
      client: controlledClient(async (rows) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((r) => release.push(r));
        running--;
        written.push(...rows.map((r) => r.id));
      }),
      table: 't',
      component: 'bp-sink2',
      batchRows: 5,
      batchMs: 10,
      maxInFlight: 1,
      log: createLogger('bp-sink2'),
    });
    const a = await sink.emit(items(0, 5)); // full: written at once
    const b = await sink.emit(items(5, 2)); // small: its timer fires while the slot is busy
    await new Promise((r) => setTimeout(r, 50));
    expect(maxRunning).toBe(1);
    for (const r of release.splice(0)) r();
    await a.acked;
    await new Promise((r) => setTimeout(r, 10));
    for (const r of release.splice(0)) r();
    await b.acked;
    expect(written).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(maxRunning).toBe(1);
    await sink.close();
  });
});

describe('ClickHouseSink error policy', () => {
  it('bisects and dead-letters a row that keeps failing with an unknown error code, after N attempts', async () => {
    const letters: DeadLetter[] = [];
    const written: string[] = [];
    let attempts = 0;
    const sink = new ClickHouseSink<Row>({
      client: controlledClient(async (rows) => {
        attempts++;
        if (rows.some((r) => r.id === 'r3'))
          throw new Error('Code: 9999, e.displayText() = DB::Exception: something new');
        written.push(...rows.map((r) => r.id));
      }),
      table: 't',
      component: 'unknown-sink',
      batchRows: 8,
      batchMs: 10,
      maxInFlight: 1,
      unknownErrorAttempts: 3,
      maxRetryDelayMs: 5,
      log: createLogger('unknown-sink'),
      deadLetters: async (l) => void letters.push(...l),
    });
    const { acked } = await sink.emit(items(0, 8));
    await acked;
    expect(letters.map((l) => l.offset)).toEqual(['3']);
    expect(letters[0]?.error).toMatch(/Code: 9999/);
    expect(written.sort()).toEqual(['r0', 'r1', 'r2', 'r4', 'r5', 'r6', 'r7']);
    // 3 attempts of the whole batch, then one insert per bisection step (log2(8) levels).
    expect(attempts).toBeLessThan(3 + 2 * 4 + 1);
    await sink.close();
  });

  it('retries a connection error without a server code for as long as it lasts (no dead letters)', async () => {
    const letters: DeadLetter[] = [];
    let failures = 6;
    const sink = new ClickHouseSink<Row>({
      client: controlledClient(async () => {
        if (failures-- > 0) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }),
      table: 't',
      component: 'transient-sink',
      batchRows: 4,
      batchMs: 10,
      maxInFlight: 1,
      unknownErrorAttempts: 2,
      maxRetryDelayMs: 5,
      log: createLogger('transient-sink'),
      deadLetters: async (l) => void letters.push(...l),
    });
    setHealth('transient-sink', 'ok');
    const { acked } = await sink.emit(items(0, 4));
    await acked;
    expect(letters).toEqual([]);
    expect(healthReport().components['transient-sink']?.state).toBe('ok'); // recovered
    await sink.close();
  });
});
