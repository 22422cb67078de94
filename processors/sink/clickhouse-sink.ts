import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { classifyClickHouseError, clickHouseErrorCode } from '../../core/clickhouse.ts';
import { failpoint } from '../../core/failpoints.ts';
import type { Logger } from '../../core/logger.ts';
import { metrics, setHealthCondition } from '../../core/metrics.ts';
import { backoffDelay } from '../../core/retry.ts';
import { toDeadLetter, type MessageOrigin } from '../framework/dead-letters.ts';
import { columnsOf, toTabSeparated } from './tsv.ts';
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
  /**
   * Attempts of an insert failing with a ClickHouse error that is neither known as transient nor as bad data;
   * after them the batch is bisected, so a row that always fails is dead-lettered instead of stalling the sink.
   */
  unknownErrorAttempts?: number;
  /** Longest pause between retries of a failing insert (default 5 s, so an outage ends promptly). */
  maxRetryDelayMs?: number;
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
 * row, whichever comes first. At most `maxInFlight` inserts run at once. When every insert slot is busy and a
 * full batch is waiting, `emit` waits for a slot, which holds the consumer (backpressure): memory stays within
 * `maxInFlight + 1` batches (plus one consumed batch) however long ClickHouse is away, and health reports
 * "clickhouse unreachable since …" meanwhile. Bad rows are isolated by bisection and dead-lettered; transient
 * errors are retried with backoff; a ClickHouse error of unknown kind is retried `unknownErrorAttempts` times,
 * then bisected like bad data. `acked` resolves when the rows of that emit are in ClickHouse.
 */
export class ClickHouseSink<Row> implements Emitter<Row[]> {
  private buffer: Pending<Row>[] = [];
  private bufferAck = deferred();
  private timer: NodeJS.Timeout | undefined;
  /** The batch timer fired while every slot was busy: write the buffer as soon as one frees. */
  private due = false;
  private inFlight = 0;
  private readonly inFlightDone = new Set<Promise<void>>();
  private capacityWaiters: (() => void)[] = [];
  private closing = false;
  private closeDeadline = Infinity;
  private failingSince: number | undefined;

  constructor(private readonly options: SinkOptions) {}

  /** Inserts running now (never above `maxInFlight` except while closing). */
  get inFlightInserts(): number {
    return this.inFlight;
  }

  /** Rows buffered, not yet handed to an insert. */
  get bufferedRows(): number {
    return this.buffer.length;
  }

  async emit(items: Processed<Row[]>[]): Promise<{ acked: Promise<void> }> {
    for (const item of items) for (const row of item.value) this.buffer.push({ row, origin: item.origin });
    // Messages without rows commit right away: the commit tracker still orders them after earlier batches.
    if (this.buffer.length === 0) return { acked: Promise.resolve() };
    const acked = this.bufferAck.promise;
    if (this.buffer.length >= this.options.batchRows) {
      while (this.inFlight >= this.options.maxInFlight && !this.closing)
        await new Promise<void>((resolve) => this.capacityWaiters.push(resolve));
      // A freed slot may already have taken the buffer.
      if (this.buffer.length >= this.options.batchRows) this.startWrite();
    } else if (this.timer === undefined && !this.due) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.inFlight < this.options.maxInFlight || this.closing) this.startWrite();
        else this.due = true;
      }, this.options.batchMs);
    }
    return { acked };
  }

  /** Starts writing the current buffer now (does not wait for it), regardless of the batch size and timer. */
  flush(): void {
    this.startWrite();
  }

  private startWrite(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.due = false;
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
    const done = this.write(rows, false)
      .then(ack.resolve, ack.reject)
      .finally(() => {
        this.inFlight--;
        metrics.sinkInFlight.set({ table: this.options.table }, this.inFlight);
        this.inFlightDone.delete(done);
        if (this.buffer.length > 0 && (this.due || this.buffer.length >= this.options.batchRows))
          this.startWrite();
        const waiters = this.capacityWaiters;
        this.capacityWaiters = [];
        for (const w of waiters) w();
      });
    this.inFlightDone.add(done);
  }

  /** `bisecting`: part of a rejected batch, where any non-transient error means "split further". */
  private async write(rows: Pending<Row>[], bisecting: boolean): Promise<void> {
    const timer = metrics.batchSeconds.startTimer({ component: this.options.component });
    let unknownAttempts = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.insert(rows);
        this.reachable();
        timer();
        return;
      } catch (err) {
        const kind = classifyClickHouseError(err);
        if (kind === 'unknown') unknownAttempts++;
        if (
          kind === 'data' ||
          (kind === 'unknown' && (bisecting || unknownAttempts >= (this.options.unknownErrorAttempts ?? 5)))
        ) {
          this.reachable();
          await this.isolateBadRows(rows, err);
          timer();
          return;
        }
        this.unreachable(err);
        if (this.closing && Date.now() > this.closeDeadline) throw err;
        const delay = Math.max(100, backoffDelay(attempt, { maxMs: this.options.maxRetryDelayMs ?? 5000 }));
        metrics.retries.inc({ component: this.options.component, step: 'insert' });
        this.options.log.warn(
          {
            err: (err as Error).message,
            code: clickHouseErrorCode(err),
            kind,
            attempt,
            delay,
            rows: rows.length,
          },
          'insert failed, retrying',
        );
        await sleep(delay);
      }
    }
  }

  private unreachable(err: unknown): void {
    const now = Date.now();
    this.failingSince ??= now;
    metrics.sinkUnreachableSeconds.set({ table: this.options.table }, (now - this.failingSince) / 1000);
    setHealthCondition(
      this.options.component,
      'clickhouse',
      `clickhouse unreachable since ${new Date(this.failingSince).toISOString()} (${(err as Error).message.split('\n')[0]?.slice(0, 200)})`,
    );
  }

  private reachable(): void {
    if (this.failingSince === undefined) return;
    this.failingSince = undefined;
    metrics.sinkUnreachableSeconds.set({ table: this.options.table }, 0);
    setHealthCondition(this.options.component, 'clickhouse', undefined);
  }

  private async insert(rows: Pending<Row>[]): Promise<void> {
    failpoint(`${this.options.component}.before-insert`);
    const values = rows.map((r) => r.row as object);
    const columns = columnsOf(values);
    const text = toTabSeparated(values, columns);
    // TabSeparated: the cheapest format to encode and to send (test/bench/sink-format-bench.ts); a batch it
    // cannot carry faithfully goes as JSONEachRow, so ClickHouse judges those rows exactly as before.
    await (text === undefined
      ? this.options.client.insert({ table: this.options.table, values, format: 'JSONEachRow' })
      : this.options.client.insert({
          table: this.options.table,
          values: Readable.from([text], { objectMode: false }),
          format: 'TabSeparated',
          columns: columns as [string, ...string[]],
        }));
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
    for (const half of [rows.slice(0, mid), rows.slice(mid)]) await this.write(half, true);
  }

  /**
   * Writes everything buffered and waits for every insert (retrying at most `closeTimeoutMs`). Idempotent;
   * a batch waiting for an insert slot is released at once.
   */
  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.closeDeadline = Date.now() + (this.options.closeTimeoutMs ?? 30_000);
    }
    const waiters = this.capacityWaiters;
    this.capacityWaiters = [];
    for (const w of waiters) w();
    while (this.buffer.length > 0 || this.inFlightDone.size > 0) {
      if (this.buffer.length > 0) this.startWrite();
      await Promise.allSettled([...this.inFlightDone]);
    }
  }
}
