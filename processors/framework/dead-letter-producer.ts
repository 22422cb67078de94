import type { Producer } from 'kafkajs';
import type { DeadLetter } from '../../schema/dead-letter.ts';

/** Produces dead letters (acks=all) keyed by the original key; shared by runners and sinks. */
export class DeadLetterProducer {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  async send(deadLetters: DeadLetter[]): Promise<void> {
    if (deadLetters.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: deadLetters.map((d) => ({ key: d.key, value: JSON.stringify(d) })),
    });
  }
}
