import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../core/config.ts';
import { startClickHouse, stopClickHouse, clickHouseRunning } from '../../deploy/stack/clickhouse.ts';
import { startKafka, stopKafka, kafkaRunning } from '../../deploy/stack/kafka.ts';
import { processAlive } from '../../deploy/stack/process.ts';

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePromise(port));
    });
  });
}

/**
 * A Kafka broker and a ClickHouse server of the chaos suite's own: own ports, own data directory, so killing
 * them never touches the shared stack other tests use. The broker jars are those of the shared stack's
 * directory (read only); nothing is downloaded when they are there.
 */
export class PrivateStack {
  readonly kafkaPort: number;
  readonly clickhouseHttpPort: number;
  private constructor(
    readonly dir: string,
    private readonly ports: { kafka: number; controller: number; http: number; tcp: number },
    private readonly log: (line: string) => void,
  ) {
    this.kafkaPort = ports.kafka;
    this.clickhouseHttpPort = ports.http;
  }

  static async create(dir: string, log: (line: string) => void): Promise<PrivateStack> {
    const ports = {
      kafka: await freePort(),
      controller: await freePort(),
      http: await freePort(),
      tcp: await freePort(),
    };
    mkdirSync(join(dir, 'kafka'), { recursive: true });
    mkdirSync(join(dir, 'clickhouse'), { recursive: true });
    const sharedLibs = join(resolve(loadConfig().stack.dir), 'kafka', 'libs');
    const libs = join(dir, 'kafka', 'libs');
    if (existsSync(sharedLibs) && !existsSync(libs)) symlinkSync(sharedLibs, libs);
    return new PrivateStack(dir, ports, log);
  }

  get brokers(): string {
    return `127.0.0.1:${this.ports.kafka}`;
  }

  get clickhouseUrl(): string {
    return `http://127.0.0.1:${this.ports.http}`;
  }

  async startKafka(): Promise<void> {
    await startKafka({
      dir: join(this.dir, 'kafka'),
      port: this.ports.kafka,
      controllerPort: this.ports.controller,
      heapMb: 384,
      log: this.log,
    });
  }

  async startClickHouse(): Promise<void> {
    await startClickHouse({
      dir: join(this.dir, 'clickhouse'),
      httpPort: this.ports.http,
      tcpPort: this.ports.tcp,
      allowApt: false,
      log: this.log,
    });
  }

  /** kill -9 of the broker; resolves once the process is gone. */
  async killKafka(): Promise<void> {
    await killPid(kafkaRunning(join(this.dir, 'kafka')), 'kafka.Kafka');
  }

  /** kill -9 of ClickHouse; resolves once the process is gone. */
  async killClickHouse(): Promise<void> {
    await killPid(clickHouseRunning(join(this.dir, 'clickhouse')), 'clickhouse');
  }

  /** Stops both (graceful, then kill) and removes the data directory. */
  async destroy(): Promise<void> {
    await Promise.allSettled([
      stopKafka(join(this.dir, 'kafka')),
      stopClickHouse(join(this.dir, 'clickhouse')),
    ]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function killPid(pid: number | undefined, marker: string): Promise<void> {
  if (pid === undefined) return;
  process.kill(pid, 'SIGKILL');
  while (processAlive(pid, marker)) await sleep(50);
}
