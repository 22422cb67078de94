import type { Kafka, Producer } from 'kafkajs';
import type { LateralConfig } from '../schema/config.ts';
import { createClickHouse, type ClickHouseClient } from './clickhouse.ts';
import { createKafka, createProducer, ensureTopics } from './kafka.ts';

/** Shared clients of one process; components borrow them, `close` releases them once. */
export interface Runtime {
  config: LateralConfig;
  kafka: Kafka;
  clickhouse: ClickHouseClient;
  producer: Producer;
  close(): Promise<void>;
}

export async function createRuntime(
  config: LateralConfig,
  options: { ensureTopics?: boolean } = {},
): Promise<Runtime> {
  const kafka = createKafka(config);
  const clickhouse = createClickHouse(config);
  const producer = createProducer(kafka);
  await producer.connect();
  if (options.ensureTopics ?? true) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, config.namespace);
    } finally {
      await admin.disconnect();
    }
  }
  return {
    config,
    kafka,
    clickhouse,
    producer,
    async close() {
      await Promise.allSettled([producer.disconnect(), clickhouse.close()]);
    },
  };
}
