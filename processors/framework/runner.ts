import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, ConsumerRunConfig, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { createProducer, groupId as toGroupId } from '../../core/kafka.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import { metrics, setHealth, setHealthCondition } from '../../core/metrics.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import { CommitConfirmations } from './commit-confirmations.ts';
import { CommitTracker } from './commit-tracker.ts';
import { DeadLetterSender } from '../../core/dead-letters.ts';
import type { MessageOrigin } from './dead-letters.ts';
import type { Runnable } from './step.ts';
import { handleBatch, type BatchStats, type Emitter } from './batch.ts';

export type { Emitter, Processed } from './batch.ts';

export interface ProcessorOptions<T> {
  /** Component name: consumer group suffix, metric and log label. */
  component: string;
  namespace: string;
  /** One topic, or several consumed by the same group (a processor joining two streams). */
  inputTopic: string | readonly string[];
  /** `null`: dead letters are only logged and counted (the dead-letter sink must not feed its own input). */
  dlqTopic: string | null;
  chain: Runnable<MessageOrigin, T>;
  emitter: Emitter<T>;
  kafka: Kafka;
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
  /**
   * Awaited before the first batch after each (re)assignment, with the partitions now owned per input topic:
   * stateful processors rebuild their state here. `heartbeat` keeps the membership alive during a long rebuild.
   */
  onAssigned?: (assignment: Record<string, number[]>, heartbeat: () => Promise<void>) => Promise<void>;
  /**
   * State that lives as long as the processor (a followed compacted topic, say): started before the consumer
   * joins its group, stopped after it left.
   */
  lifecycle?: { start(): Promise<void>; stop(): Promise<void> };
  /** Called after every consumed batch; used by tests and progress reporting. */
  onBatch?: (stats: BatchStats) => void;
  /**
   * Consumed input older than this without its offset committed makes the component unhealthy
   * ("not committing"); default 30 s (`LATERAL_COMMIT_STALL_MS`).
   */
  commitStallMs?: number;
  /** Commit calls failing for this long make the processor leave and rejoin its group; default 15 s. */
  rejoinAfterMs?: number;
}

const envMs = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * Consumer-group timing. A member killed without leaving holds its partitions until its session times out,
 * so the session is as short as the broker allows by default (group.min.session.timeout.ms = 6 s), with a
 * heartbeat every second; batches heartbeat while they work and while the emitter applies backpressure.
 * kafkajs 2.x has no static membership (KIP-345: it never sends group.instance.id), so a restarted member
 * always joins as a new one; a stopped member leaves the group at once (SIGTERM).
 */
export const CONSUMER_TIMING = {
  sessionTimeout: envMs('LATERAL_KAFKA_SESSION_TIMEOUT_MS', 6000),
  heartbeatInterval: 1000,
  rebalanceTimeout: 30_000,
};

/**
 * A consumer-group processor: applies its step chain to every message, sends dead letters, hands outputs to
 * the emitter and commits offsets only after the emitter acknowledged them.
 */
export class ProcessorRunner<T> {
  readonly log: Logger;
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly deadLetters: DeadLetterSender | undefined;
  private readonly tracker: CommitTracker;
  private stopping = false;
  private readonly inBatch = new Set<Promise<void>>();
  private started = false;
  /** Partitions of the latest assignment whose `onAssigned` has not run yet. */
  private pendingAssignment: Record<string, number[]> | undefined;
  /** Partitions of the latest assignment, per input topic. */
  private assignment: Record<string, number[]> | undefined;
  private assigning: Promise<void> | undefined;
  private runConfig: ConsumerRunConfig | undefined;
  private restarting = false;
  private lastRestartAt = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private retryingCommits = false;

  private get topics(): readonly string[] {
    const t = this.options.inputTopic;
    return typeof t === 'string' ? [t] : t;
  }

  constructor(private readonly options: ProcessorOptions<T>) {
    this.log = createLogger(options.component, { topic: this.topics.join(',') });
    this.consumer = options.kafka.consumer({
      groupId: toGroupId(options.namespace, options.component),
      // A killed member holds its partitions until its session times out; keep that short so a restarted
      // processor resumes within seconds, with enough rebalance time to finish a batch.
      ...CONSUMER_TIMING,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
    });
    this.dlqProducer = createProducer(options.kafka);
    this.deadLetters = options.dlqTopic
      ? new DeadLetterSender(this.dlqProducer, options.dlqTopic)
      : undefined;
    const confirmations = new CommitConfirmations();
    this.consumer.on(this.consumer.events.COMMIT_OFFSETS, (event) =>
      confirmations.record(event.payload.topics),
    );
    this.tracker = new CommitTracker(
      async (topic, partition, offset) => {
        try {
          const mark = confirmations.mark();
          await this.consumer.commitOffsets([{ topic, partition, offset }]);
          if (!confirmations.confirms(topic, partition, offset, mark))
            throw new Error(
              'commit not acknowledged by the broker (consumer not running: rejoining or restarting)',
            );
          metrics.commits.inc({ component: options.component });
        } catch (err) {
          metrics.commitFailures.inc({ component: options.component });
          this.log.warn({ err: (err as Error).message, topic, partition, offset }, 'commit failed');
          throw err;
        }
      },
      { onWriteFailed: (topic, partition, from, err) => this.readAgain(topic, partition, from, err) },
    );
  }

  /** A write was not acknowledged: read the partition again from the failed batch (nothing after it committed). */
  private readAgain(topic: string, partition: number, from: string | undefined, err: unknown): void {
    this.log.warn(
      { err: (err as Error)?.message, topic, partition, from },
      'write not acknowledged: reading the partition again from the failed batch',
    );
    if (from === undefined || this.stopping) return; // blocked until the next assignment re-reads it
    try {
      this.consumer.seek({ topic, partition, offset: from });
      this.tracker.resume(topic, partition);
    } catch (seekErr) {
      this.log.warn(
        { err: (seekErr as Error).message },
        'seek failed; the partition is read again on rejoin',
      );
    }
  }

  /** Health, metrics and self-repair of commits, once a second. */
  private checkCommits(): void {
    const { component } = this.options;
    const now = Date.now();
    const stats = this.tracker.stats();
    const age = stats.oldestPendingAt === undefined ? 0 : now - stats.oldestPendingAt;
    metrics.uncommittedSeconds.set({ component }, age / 1000);
    const stallMs = this.options.commitStallMs ?? envMs('LATERAL_COMMIT_STALL_MS', 30_000);
    setHealthCondition(
      component,
      'commits',
      age > stallMs
        ? `not committing since ${new Date(stats.oldestPendingAt!).toISOString()}${stats.lastError ? ` (${stats.lastError})` : ''}`
        : undefined,
    );
    if (stats.failingSince !== undefined && !this.retryingCommits) {
      this.retryingCommits = true;
      void this.tracker.retryFailed().finally(() => (this.retryingCommits = false));
    }
    const rejoinAfterMs = this.options.rejoinAfterMs ?? envMs('LATERAL_COMMIT_REJOIN_MS', 15_000);
    if (
      stats.failingSince !== undefined &&
      now - stats.failingSince > rejoinAfterMs &&
      now - this.lastRestartAt > rejoinAfterMs
    )
      void this.restartConsumer(`commits failing since ${new Date(stats.failingSince).toISOString()}`);
  }

  /**
   * Leaves the group and joins it again (a fresh member, reading from the committed offsets): the way out when
   * commits keep failing after a broker restart, or when the consumer crashed without restarting itself.
   */
  private async restartConsumer(reason: string): Promise<void> {
    if (this.restarting || this.stopping || !this.runConfig) return;
    this.restarting = true;
    this.lastRestartAt = Date.now();
    const { component } = this.options;
    metrics.rejoins.inc({ component });
    this.log.warn({ reason }, 'rejoining the consumer group');
    try {
      await this.consumer.stop().catch(() => undefined);
      await sleep(500);
      if (this.stopping) return;
      await this.consumer.connect();
      await this.consumer.run(this.runConfig);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'rejoin failed, trying again');
      setTimeout(() => void this.restartConsumer('previous rejoin failed'), 5000).unref();
    } finally {
      this.restarting = false;
    }
  }

  async start(): Promise<void> {
    const { component } = this.options;
    setHealth(component, 'starting');
    await this.options.lifecycle?.start();
    await Promise.all([this.consumer.connect(), this.dlqProducer.connect()]);
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      const assignment = event.payload.memberAssignment;
      this.tracker.setAssignment(
        Object.entries(assignment).flatMap(([topic, partitions]) =>
          partitions.map((partition) => ({ topic, partition })),
        ),
      );
      this.assignment = Object.fromEntries(this.topics.map((t) => [t, assignment[t] ?? []]));
      this.pendingAssignment = this.assignment;
      this.log.info({ assignment }, 'partitions assigned');
      setHealth(component, 'ok');
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      this.log.error({ err: event.payload.error, restart: event.payload.restart }, 'consumer crashed');
      setHealth(component, 'degraded', `consumer crashed: ${event.payload.error.message}`);
      // kafkajs restarts itself after retriable errors only; after any other crash it stays down.
      if (!event.payload.restart && !this.stopping)
        setTimeout(() => void this.restartConsumer('consumer crashed'), 2000).unref();
    });
    await this.consumer.subscribe({
      topics: [...this.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    this.runConfig = {
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => {
        const work = this.handleBatch(payload).catch((err: unknown) => {
          // kafkajs retries a failed batch within the same membership (no new assignment): it hands the same
          // messages again to a chain whose state already applied them but whose outputs were not written
          // (a stateful step then skips them as seen before, and their outputs are lost). Rebuild the state
          // from what was written before the next batch, as after a reassignment.
          if (this.options.onAssigned && this.assignment && !this.stopping)
            this.pendingAssignment ??= this.assignment;
          throw err;
        });
        const settled = work.catch(() => undefined);
        this.inBatch.add(settled);
        void settled.then(() => this.inBatch.delete(settled));
        return work;
      },
    };
    await this.consumer.run(this.runConfig);
    this.watchdog = setInterval(() => this.checkCommits(), 1000);
    this.watchdog.unref();
    this.started = true;
    this.log.info({ group: toGroupId(this.options.namespace, component) }, 'processor started');
  }

  /**
   * Keeps the group membership alive for as long as a batch is handled, whatever it waits for (a state rebuild,
   * sink backpressure, a retry): a member that stops heartbeating for a session is dropped, and its commits
   * fail. Failures are swallowed here; the batch's final heartbeat reports a rebalance to kafkajs.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const beat = () => payload.heartbeat().catch(() => undefined);
    const timer = setInterval(() => void beat(), CONSUMER_TIMING.heartbeatInterval);
    try {
      await this.handleBatchBeating(payload, beat);
    } finally {
      clearInterval(timer);
    }
  }

  private async handleBatchBeating(payload: EachBatchPayload, beat: () => Promise<void>): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { component, chain, emitter } = this.options;
    this.log.debug(
      { partition: batch.partition, messages: batch.messages.length, first: batch.firstOffset() },
      'batch',
    );
    if (batch.messages.length === 0 || this.stopping) return;
    if (this.options.onAssigned && (this.pendingAssignment || this.assigning)) {
      if (!this.assigning) {
        const partitions = this.pendingAssignment!;
        this.pendingAssignment = undefined;
        this.assigning = this.options
          .onAssigned(partitions, beat)
          .catch((err: unknown) => {
            this.pendingAssignment ??= partitions; // rebuild again before the next batch
            throw err;
          })
          .finally(() => (this.assigning = undefined));
      }
      await this.assigning;
      if (!isRunning() || isStale() || this.stopping) return;
    }
    await handleBatch(
      {
        component,
        chain,
        emitter,
        sendDeadLetters: (letters) => this.sendDeadLetters(letters),
        tracker: this.tracker,
        log: this.log,
        ...(this.options.onBatch ? { onBatch: this.options.onBatch } : {}),
      },
      batch,
      { resolveOffset, heartbeat, isRunning, isStale, stopping: () => this.stopping },
    );
  }

  /** Dead letters are produced (acks=all) before the batch's offset can be committed. */
  async sendDeadLetters(deadLetters: DeadLetter[]): Promise<void> {
    if (this.deadLetters) await this.deadLetters.send(deadLetters);
    else
      for (const d of deadLetters)
        this.log.error({ id: d.id, step: d.step, error: d.error }, 'unreadable message skipped');
  }

  /** Graceful stop: finish the current batch, flush the emitter, commit what was written, leave the group. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.watchdog) clearInterval(this.watchdog);
    setHealth(this.options.component, 'stopped');
    if (this.started) {
      try {
        this.consumer.pause(this.topics.map((topic) => ({ topic })));
      } catch {
        // not running
      }
    }
    // Closing first releases a batch held by backpressure (the emitter stops waiting for capacity).
    const closing = this.options.emitter.close();
    await Promise.all([...this.inBatch]);
    await Promise.all([closing, this.options.emitter.close()]).catch((err: unknown) =>
      this.log.error({ err }, 'flush on shutdown failed'),
    );
    await this.tracker.drain();
    await Promise.allSettled([this.consumer.disconnect(), this.dlqProducer.disconnect()]);
    await this.options.lifecycle?.stop();
    this.log.info('processor stopped');
  }
}
