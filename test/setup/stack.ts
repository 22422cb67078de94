import { loadConfig } from '../../core/config.ts';
import { stackUp } from '../../deploy/stack/stack.ts';

/**
 * Brings up the real stack once for the integration tests: a running Kafka/ClickHouse from KAFKA_BROKERS /
 * CLICKHOUSE_URL, else the local stack (`lateral stack up`). It is left running for the next test run;
 * `lateral stack down` (or .ci/run) stops it.
 */
export default async function setup(): Promise<void> {
  const { report } = await stackUp(loadConfig(), (line) => process.stderr.write(`[stack] ${line}\n`));
  for (const line of report) process.stderr.write(`[stack] ${line}\n`);
}
