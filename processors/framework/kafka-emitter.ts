import type { Producer } from 'kafkajs';
import { chunkBySize, MAX_PRODUCE_BYTES } from '../../core/kafka.ts';
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
    const messages = items.flatMap((item) =>
      this.toMessages(item.value).map((m) => ({
        topic: m.topic,
        key: m.key,
        value: JSON.stringify(m.value),
      })),
    );
    // Requests stay under the broker's record-batch limit: a batch keyed by a few brands lands on one partition
    // and would otherwise exceed it. Chunks go out in order, so per-key order holds.
    for (const chunk of chunkBySize(messages, MAX_PRODUCE_BYTES)) {
      const byTopic = new Map<string, { key: string | null; value: string }[]>();
      for (const { topic, key, value } of chunk) {
        const list = byTopic.get(topic) ?? [];
        list.push({ key, value });
        byTopic.set(topic, list);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
      });
    }
    metrics.messagesOut.inc({ component: this.component }, messages.length);
    return { acked: Promise.resolve() };
  }

  async close(): Promise<void> {}
}
