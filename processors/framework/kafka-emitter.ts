import type { Producer } from 'kafkajs';
import { MAX_PRODUCE_BYTES, messageSize } from '../../core/kafka.ts';
import { metrics } from '../../core/metrics.ts';
import type { Emitter, Processed } from './runner.ts';

export interface OutMessage {
  topic: string;
  key: string | null;
  value: unknown;
}

/** Produces outputs to Kafka (acks=all); `acked` is already settled when `emit` returns. */
export class KafkaEmitter<T> implements Emitter<T> {
  constructor(
    private readonly producer: Producer,
    private readonly component: string,
    private readonly toMessages: (value: T) => OutMessage[],
  ) {}

  async emit(items: Processed<T>[]): Promise<{ acked: Promise<void> }> {
    // Requests stay under the broker's default record-batch limit (message.max.bytes, 1 MB): a batch keyed by a
    // few brands lands on one partition and would otherwise exceed it. Chunks go out in order, so per-key
    // order holds.
    let chunk = new Map<string, { key: string | null; value: string }[]>();
    let bytes = 0;
    let count = 0;
    const flush = async () => {
      if (chunk.size === 0) return;
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...chunk].map(([topic, messages]) => ({ topic, messages })),
      });
      chunk = new Map();
      bytes = 0;
    };
    for (const item of items) {
      for (const m of this.toMessages(item.value)) {
        const value = JSON.stringify(m.value);
        const size = messageSize({ key: m.key, value });
        if (bytes + size > MAX_PRODUCE_BYTES) await flush();
        const list = chunk.get(m.topic) ?? [];
        list.push({ key: m.key, value });
        chunk.set(m.topic, list);
        bytes += size;
        count++;
      }
    }
    await flush();
    metrics.messagesOut.inc({ component: this.component }, count);
    return { acked: Promise.resolve() };
  }

  async close(): Promise<void> {}
}
