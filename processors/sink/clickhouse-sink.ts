import { setTimeout as sleep } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { clickHouseErrorCode, isClickHouseDataError } from '../../core/clickhouse.ts';
import { failpoint } from '../../core/failpoints.ts';
import type { Logger } from '../../core/logger.ts';
import { metrics } from '../../core/metrics.ts';
import { backoffDelay } from '../../core/retry.ts';
import { toDeadLetter, type MessageOrigin } from '../framework/dead-letters.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import type { Emitter, Processed } from '../framework/runner.ts';

export interface SinkOptions {
  client: ClickHouseClient;
  table: string;
  component: string;
  batchRows: number;
  batchMs: number;
  maxInFlight: number;
  log: Logger;
  /**
   * Where rows rejected by ClickHouse as bad data go. The dead-letters sink itself passes `undefined`:
   * its rejects are logged and counted, and stay readable in the DLQ topic.
   */
  deadLetters?: (letters: DeadLetter[]) => Promise<void>;
  /** How long `close()` keeps retrying a failing insert before giving up (rows are then re-read on restart). */
  closeTimeoutMs?: number;
}

interface Pending<Row> {
  row: Row;
  origin: MessageOrigin;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // observed through the commit tracker
  return { promise, resolve, reject };
}

/**
 * Batches rows into ClickHouse inserts: a batch is written at `batchRows` rows or `batchMs` after its first
 * row, whichever comes first. At most `maxInFlight` inserts run at once; beyond that `emit` waits, which
 * pauses the consumer (backpressure). Data errors are isolated by bisection and dead-lettered; every other
 * error is retried with backoff. `acked` resolves when the rows of that emit are in ClickHouse.
 */
export class ClickHouseSink<Row> implements Emitter<Row[]> {
  private buffer: Pending<Row>[] = [];
  private bufferAck = deferred();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly inFlightDone = new Set<Promise<void>>();
  private capacityWaiters: (() => void)[] = [];
  private closing = false;
  private closeDeadline = Infinity;

  constructor(private readonly options: SinkOptions) {}

  async emit(items: Processed<Row[]>[]): Promise<{ acked: Promise<void> }> {
    while (this.inFlight >= this.options.maxInFlight && this.buffer.length >= this.options.batchRows) {
      await new Promise<void>((resolve) => this.capacityWaiters.push(resolve));
    }
    for (const item of items) for (const row of item.value) this.buffer.push({ row, origin: item.origin });
    // Messages without rows commit right away: the commit tracker still orders them after earlier batches.
    if (this.buffer.length === 0) return { acked: Promise.resolve() };
    const acked = this.bufferAck.promise;
    if (this.buffer.length >= this.options.batchRows) this.flush();
    else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.options.batchMs);
    return { acked };
  }

  /** Starts writing the current buffer (does not wait for it). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const rows = this.buffer;
    const ack = this.bufferAck;
    this.buffer = [];
    this.bufferAck = deferred();
    if (rows.length === 0) {
      ack.resolve();
      return;
    }
    this.inFlight++;
    metrics.sinkInFlight.set({ table: this.options.table }, this.inFlight);
    const done = this.write(rows)
      .then(ack.resolve, ack.reject)
      .finally(() => {
        this.inFlight--;
        metrics.sinkInFlight.set({ table: this.options.table }, this.inFlight);
        this.inFlightDone.delete(done);
        const waiters = this.capacityWaiters;
        this.capacityWaiters = [];
        for (const w of waiters) w();
      });
    this.inFlightDone.add(done);
  }

  private async write(rows: Pending<Row>[]): Promise<void> {
    const timer = metrics.batchSeconds.startTimer({ component: this.options.component });
    for (let attempt = 0; ; attempt++) {
      try {
        await this.insert(rows);
        timer();
        return;
      } catch (err) {
        if (isClickHouseDataError(err)) {
          await this.isolateBadRows(rows, err);
          timer();
          return;
        }
        if (this.closing && Date.now() > this.closeDeadline) throw err;
        const delay = Math.max(100, backoffDelay(attempt, { maxMs: 30_000 }));
        metrics.retries.inc({ component: this.options.component, step: 'insert' });
        this.options.log.warn(
          { err: (err as Error).message, code: clickHouseErrorCode(err), attempt, delay, rows: rows.length },
          'insert failed, retrying',
        );
        await sleep(delay);
      }
    }
  }

  private async insert(rows: Pending<Row>[]): Promise<void> {
    failpoint(`${this.options.component}.before-insert`);
    await this.options.client.insert({
      table: this.options.table,
      values: rows.map((r) => r.row),
      format: 'JSONEachRow',
    });
    failpoint(`${this.options.component}.after-insert`);
    this.options.log.debug({ rows: rows.length, table: this.options.table }, 'inserted');
    metrics.sinkRows.inc({ table: this.options.table }, rows.length);
    metrics.messagesOut.inc({ component: this.options.component }, rows.length);
  }

  /** Splits a rejected batch until the bad rows are found; good rows are written, bad ones dead-lettered. */
  private async isolateBadRows(rows: Pending<Row>[], err: unknown): Promise<void> {
    if (rows.length === 1) {
      const bad = rows[0]!;
      const reason = `ClickHouse rejected row for ${this.options.table}: ${(err as Error).message.split('\n')[0]}`;
      metrics.deadLetters.inc({ component: this.options.component, step: 'insert' });
      this.options.log.warn(
        { offset: bad.origin.offset, partition: bad.origin.partition, reason },
        'row rejected',
      );
      if (this.options.deadLetters) {
        await this.options.deadLetters([toDeadLetter(bad.origin, this.options.component, 'insert', reason)]);
      }
      return;
    }
    const mid = Math.ceil(rows.length / 2);
    for (const half of [rows.slice(0, mid), rows.slice(mid)]) await this.write(half);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.closeDeadline = Date.now() + (this.options.closeTimeoutMs ?? 30_000);
    this.flush();
    await Promise.allSettled([...this.inFlightDone]);
  }
}
