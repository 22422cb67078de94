import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LateralConfig } from '../../schema/config.ts';
import { clickHouseStatus, startClickHouse, stopClickHouse } from './clickhouse.ts';
import { kafkaStatus, startKafka, stopKafka } from './kafka.ts';

export interface StackHandle {
  /** Lines describing what was found or started. */
  report: string[];
}

const stackDir = (config: LateralConfig) => resolve(config.stack.dir);

/**
 * Brings up what the config needs: servers given by KAFKA_BROKERS / CLICKHOUSE_URL (external) are used as they
 * are; otherwise a local Kafka and ClickHouse are started under the stack directory. Idempotent.
 */
export async function stackUp(
  config: LateralConfig,
  log: (line: string) => void = () => undefined,
): Promise<StackHandle> {
  const dir = stackDir(config);
  mkdirSync(dir, { recursive: true });
  const report: string[] = [];
  const tasks: Promise<void>[] = [];
  if (config.kafka.external)
    report.push(`Kafka: using ${config.kafka.brokers.join(',')} (KAFKA_BROKERS), nothing started`);
  else {
    tasks.push(
      startKafka({
        dir: join(dir, 'kafka'),
        port: config.stack.kafkaPort,
        controllerPort: config.stack.kafkaControllerPort,
        heapMb: config.stack.kafkaHeapMb,
        log,
      }).then((line) => void report.push(line)),
    );
  }
  if (config.clickhouse.external)
    report.push(`ClickHouse: using ${config.clickhouse.url} (CLICKHOUSE_URL), nothing started`);
  else {
    tasks.push(
      startClickHouse({
        dir: join(dir, 'clickhouse'),
        httpPort: config.stack.clickhouseHttpPort,
        tcpPort: config.stack.clickhouseTcpPort,
        allowApt: config.stack.allowApt,
        log,
      }).then((line) => void report.push(line)),
    );
  }
  const results = await Promise.allSettled(tasks);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { report };
}

export async function stackDown(config: LateralConfig): Promise<string[]> {
  const dir = stackDir(config);
  const [kafka, clickhouse] = await Promise.all([
    stopKafka(join(dir, 'kafka')),
    stopClickHouse(join(dir, 'clickhouse')),
  ]);
  return [
    kafka ? 'Kafka stopped' : 'Kafka was not running',
    clickhouse ? 'ClickHouse stopped' : 'ClickHouse was not running',
  ];
}

export async function stackStatus(config: LateralConfig): Promise<string[]> {
  const dir = stackDir(config);
  return [
    config.kafka.external
      ? `Kafka: external ${config.kafka.brokers.join(',')}`
      : await kafkaStatus(join(dir, 'kafka'), config.stack.kafkaPort),
    config.clickhouse.external
      ? `ClickHouse: external ${config.clickhouse.url}`
      : await clickHouseStatus(join(dir, 'clickhouse'), config.stack.clickhouseHttpPort),
  ];
}
