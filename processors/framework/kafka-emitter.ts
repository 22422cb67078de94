import type { Producer } from 'kafkajs';
import { produce } from '../../core/kafka.ts';
import { metrics } from '../../core/metrics.ts';
import type { Emitter, Processed } from './runner.ts';

export interface OutMessage {
  topic: string;
  key: string | null;
  value: unknown;
}

/** Produces outputs to Kafka through `produce` (core/kafka.ts, acks=all); `acked` is already settled when `emit` returns. */
export class KafkaEmitter<T> implements Emitter<T> {
  constructor(
    private readonly producer: Producer,
    private readonly component: string,
    private readonly toMessages: (value: T) => OutMessage[],
  ) {}

  async emit(items: Processed<T>[]): Promise<{ acked: Promise<void> }> {
    const messages = items.flatMap((item) =>
      this.toMessages(item.value).map((m) => ({
        topic: m.topic,
        key: m.key,
        value: JSON.stringify(m.value),
      })),
    );
    // In order, in requests under the broker's record-batch limit (a batch keyed by a few brands lands on one
    // partition and would otherwise exceed it), so per-key order holds.
    await produce(this.producer, messages);
    metrics.messagesOut.inc({ component: this.component }, messages.length);
    return { acked: Promise.resolve() };
  }

  async close(): Promise<void> {}
}
