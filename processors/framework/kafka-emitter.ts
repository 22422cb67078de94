import type { Producer } from 'kafkajs';
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
    const byTopic = new Map<string, { key: string | null; value: string }[]>();
    for (const item of items) {
      for (const m of this.toMessages(item.value)) {
        const list = byTopic.get(m.topic) ?? [];
        list.push({ key: m.key, value: JSON.stringify(m.value) });
        byTopic.set(m.topic, list);
      }
    }
    let count = 0;
    if (byTopic.size > 0) {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => {
          count += messages.length;
          return { topic, messages };
        }),
      });
    }
    metrics.messagesOut.inc({ component: this.component }, count);
    return { acked: Promise.resolve() };
  }

  async close(): Promise<void> {}
}
