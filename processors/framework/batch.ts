import { setTimeout as sleep } from 'node:timers/promises';
import { failpoint } from '../../core/failpoints.ts';
import type { Logger } from '../../core/logger.ts';
import { metrics } from '../../core/metrics.ts';
import { backoffDelay } from '../../core/retry.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import type { CommitTracker } from './commit-tracker.ts';
import { buildDeadLetter, type MessageOrigin } from '../../core/dead-letters.ts';
import type { Runnable } from './step.ts';

/** One processed message: its outputs and where it came from (for dead letters raised later, e.g. by a sink). */
export interface Processed<T> {
  value: T;
  origin: MessageOrigin;
}

/**
 * Where a processor's outputs go. `emit` may wait before returning (backpressure pauses consumption);
 * the returned `acked` promise resolves once the outputs are durable, and only then is the offset committed.
 */
export interface Emitter<T> {
  emit(items: Processed<T>[]): Promise<{ acked: Promise<void> }>;
  /** Writes whatever is buffered; called on shutdown before the last commits. */
  close(): Promise<void>;
}

export interface BatchStats {
  messages: number;
  dlq: number;
  dropped: number;
}

/** A consumed batch of one partition, as the runner hands it over (a subset of kafkajs' `EachBatchPayload`). */
export interface Batch {
  topic: string;
  partition: number;
  messages: readonly { offset: string; key: Buffer | null; value: Buffer | null }[];
}

/** The consumer's side of a batch: offsets, membership, whether the batch still counts. */
export interface BatchControl {
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  /** Re-assigned or sought meanwhile: the partition is read again from its committed offset. */
  isStale(): boolean;
  /** The processor is stopping. */
  stopping(): boolean;
}

/** What a batch is handled with. */
export interface BatchHandler<T> {
  component: string;
  chain: Runnable<MessageOrigin, T>;
  emitter: Emitter<T>;
  /** Sends the batch's dead letters (durably) before its offset can be committed. */
  sendDeadLetters(letters: DeadLetter[]): Promise<void>;
  tracker: CommitTracker;
  log: Logger;
  onBatch?: (stats: BatchStats) => void;
}

/**
 * Waits `ms` (a retry's backoff: up to 30 s, far past the session timeout) with a heartbeat every second, so the
 * group keeps this member meanwhile; returns early once `done()`.
 */
export async function waitAlive(
  ms: number,
  heartbeat: () => Promise<void>,
  done: () => boolean,
): Promise<void> {
  for (let waited = 0; waited < ms && !done(); waited += 1000) {
    await heartbeat();
    await sleep(Math.min(1000, ms - waited));
  }
}

/**
 * Applies the chain to every message of a batch and then its results: `ok` values go to the emitter, `dlq` ones
 * to the dead letters (sent before anything is emitted), `drop`s are counted, a `retry` runs the message again
 * after a backoff. The batch's offset is committed once the emitter acknowledged its outputs (CommitTracker).
 * A batch left early (stop, rebalance) commits nothing: it is read again.
 */
export async function handleBatch<T>(h: BatchHandler<T>, batch: Batch, control: BatchControl): Promise<void> {
  const { component, chain, emitter } = h;
  const { resolveOffset, heartbeat, isRunning, isStale, stopping } = control;
  h.tracker.processing(batch.topic, batch.partition);
  const timer = metrics.batchSeconds.startTimer({ component });
  const outputs: Processed<T>[] = [];
  const deadLetters: DeadLetter[] = [];
  let dropped = 0;
  const middle = Math.floor(batch.messages.length / 2);
  let lastBeat = Date.now();
  for (const [index, message] of batch.messages.entries()) {
    // A big batch through slow steps can outlast the session timeout: keep the membership alive meanwhile.
    if (Date.now() - lastBeat > 1000) {
      await heartbeat();
      lastBeat = Date.now();
    }
    if (index === middle && index > 0) failpoint(`${component}.mid-batch`);
    if (!isRunning() || isStale() || stopping()) return; // uncommitted: read again after rebalance/restart
    const origin: MessageOrigin = {
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
    };
    metrics.messagesIn.inc({ component });
    for (let attempt = 0; ; attempt++) {
      const result = await chain.run(origin);
      if (result.kind === 'ok') {
        outputs.push({ value: result.value, origin });
      } else if (result.kind === 'drop') {
        dropped++;
        metrics.dropped.inc({ component, step: result.step });
        h.log.debug({ offset: message.offset, step: result.step, reason: result.reason }, 'dropped');
      } else if (result.kind === 'dlq') {
        deadLetters.push(
          buildDeadLetter({ kind: 'message', origin, component, step: result.step, reason: result.reason }),
        );
        metrics.deadLetters.inc({ component, step: result.step });
        h.log.warn(
          { partition: batch.partition, offset: message.offset, step: result.step, error: result.reason },
          'dead letter',
        );
      } else {
        metrics.retries.inc({ component, step: result.step });
        const delay = Math.max(100, backoffDelay(attempt, { maxMs: 30_000 }));
        h.log.warn(
          { step: result.step, error: result.reason, attempt, delay },
          'transient failure, retrying',
        );
        await waitAlive(delay, heartbeat, () => !isRunning() || stopping());
        if (!isRunning() || stopping()) return;
        continue;
      }
      break;
    }
  }
  if (deadLetters.length > 0) {
    await h.sendDeadLetters(deadLetters);
    failpoint(`${component}.after-dlq`);
  }
  // A sink applying backpressure holds this batch (and so the consumer) until an insert slot frees.
  const { acked } = await emitter.emit(outputs);
  failpoint(`${component}.after-emit`);
  // Re-assigned or sought meanwhile: the partition is read again from its committed offset; don't commit.
  if (isStale()) return;
  const last = batch.messages[batch.messages.length - 1]!;
  resolveOffset(last.offset);
  const nextOffset = (BigInt(last.offset) + 1n).toString();
  const first = batch.messages[0]!.offset;
  const committed = h.tracker.track(batch.topic, batch.partition, nextOffset, acked, first);
  committed.catch(() => undefined); // a failed write is handled by the tracker's onWriteFailed
  await heartbeat();
  timer();
  h.onBatch?.({ messages: batch.messages.length, dlq: deadLetters.length, dropped });
}
