import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import {
  managedStatus,
  runningPid,
  serverFiles,
  StackError,
  startManaged,
  stopDaemon,
  which,
  type ManagedServer,
  type ServerOptions,
} from './process.ts';

export const KAFKA_VERSION = '3.9.1';
/** Fixed cluster id: the local stack formats its storage once and keeps it. */
const CLUSTER_ID = 'TGF0ZXJhbFN0YWNrMDAwMQ'; // base64 of the 16 bytes "LateralStack0001"
const MARKER = 'kafka.Kafka';
const POM = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'kafka', 'pom.xml');

/** `dir`: <stack>/kafka. */
export interface KafkaStackOptions extends ServerOptions {
  port: number;
  controllerPort: number;
  heapMb: number;
}

const paths = (dir: string) => ({
  ...serverFiles(dir, 'kafka.pid'),
  libs: join(dir, 'libs'),
  data: join(dir, 'data'),
  properties: join(dir, 'server.properties'),
  log4j: join(dir, 'log4j.properties'),
});

function javaVersion(): string {
  if (!which('java'))
    throw new StackError('Java not found: install a JDK 17+ (apt-get install openjdk-17-jre-headless)');
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const text = `${result.stderr}${result.stdout}`;
  const match = /version "(\d+)/.exec(text);
  const major = match ? Number(match[1]) : 0;
  if (major < 11)
    throw new StackError(
      `Java ${major || '?'} found, Kafka ${KAFKA_VERSION} needs Java 11+ (17 recommended)`,
    );
  return text.split('\n')[0] ?? '';
}

/** Fetches the broker jars from Maven Central once (`mvn dependency:copy-dependencies`). */
export function ensureKafkaJars(dir: string, log: (line: string) => void = () => undefined): string {
  const { libs } = paths(dir);
  if (existsSync(join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return libs;
  if (!which('mvn'))
    throw new StackError('Maven not found: install it (apt-get install maven) to fetch the Kafka jars');
  mkdirSync(libs, { recursive: true });
  log(`fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${libs}`);
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`],
    {
      encoding: 'utf8',
      timeout: 15 * 60_000,
    },
  );
  if (result.status !== 0 || !existsSync(join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) {
    throw new StackError(`mvn could not fetch the Kafka jars:\n${result.stdout}\n${result.stderr}`);
  }
  return libs;
}

function writeKafkaConfig(options: KafkaStackOptions): void {
  const p = paths(options.dir);
  mkdirSync(p.data, { recursive: true });
  mkdirSync(p.logs, { recursive: true });
  writeFileSync(
    p.properties,
    [
      '# Written by `lateral stack up`: single-node KRaft (combined broker + controller) on loopback.',
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${options.port},CONTROLLER://127.0.0.1:${options.controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${options.port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${p.data}`,
      'num.partitions=3',
      'default.replication.factor=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      'log.retention.hours=168',
      'log.cleaner.backoff.ms=5000',
      '',
    ].join('\n'),
  );
  writeFileSync(
    p.log4j,
    [
      'log4j.rootLogger=INFO, file',
      'log4j.logger.kafka=INFO',
      'log4j.logger.org.apache.kafka=INFO',
      'log4j.appender.file=org.apache.log4j.RollingFileAppender',
      `log4j.appender.file.File=${join(p.logs, 'server.log')}`,
      'log4j.appender.file.MaxFileSize=50MB',
      'log4j.appender.file.MaxBackupIndex=2',
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      '',
    ].join('\n'),
  );
}

async function brokerAnswers(port: number): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'lateral-stack-probe',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) return false;
    // Ready for consumer groups too: a fresh broker has no group coordinator until __consumer_offsets exists,
    // and looking one up is what creates it.
    await admin.describeGroups(['lateral-stack-probe']);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function kafkaServer(options: KafkaStackOptions): ManagedServer {
  const log = options.log ?? (() => undefined);
  const p = paths(options.dir);
  return {
    name: 'Kafka',
    label: `Kafka ${KAFKA_VERSION}`,
    marker: MARKER,
    pidFile: p.pid,
    address: `127.0.0.1:${options.port}`,
    answers: () => brokerAnswers(options.port),
    logFile: join(p.logs, 'server.log'),
    startLogFile: join(p.logs, 'server.log'),
    startMs: 90_000,
    ports: [options.port, options.controllerPort],
    portsHint: 'set KAFKA_BROKERS to use a running broker',
    prepare: () => {
      const java = javaVersion();
      const libs = ensureKafkaJars(options.dir, log);
      writeKafkaConfig(options);
      const classpath = `${libs}/*`;
      const log4j = `-Dlog4j.configuration=file:${p.log4j}`;
      if (!existsSync(join(p.data, 'meta.properties')) || readdirSync(p.data).length === 0) {
        log('formatting Kafka storage (KRaft)');
        const format = spawnSync(
          'java',
          [
            log4j,
            '-cp',
            classpath,
            'kafka.tools.StorageTool',
            'format',
            '-t',
            CLUSTER_ID,
            '-c',
            p.properties,
            '--ignore-formatted',
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        if (format.status !== 0)
          throw new StackError(`Kafka storage format failed:\n${format.stdout}\n${format.stderr}`);
      }
      log(`starting Kafka ${KAFKA_VERSION} (${java})`);
      return {
        command: 'java',
        args: [
          `-Xms256m`,
          `-Xmx${options.heapMb}m`,
          '-XX:+UseG1GC',
          '-Djava.awt.headless=true',
          log4j,
          `-Dkafka.logs.dir=${p.logs}`,
          '-cp',
          classpath,
          'kafka.Kafka',
          p.properties,
        ],
        cwd: options.dir,
        logFile: p.out,
      };
    },
  };
}

export const kafkaRunning = (dir: string): number | undefined => runningPid(paths(dir).pid, MARKER);

/** Starts the broker unless it already runs; returns a status line. */
export const startKafka = (options: KafkaStackOptions): Promise<string> => startManaged(kafkaServer(options));

export const stopKafka = (dir: string): Promise<boolean> => stopDaemon(paths(dir).pid, MARKER, 45_000);

export const kafkaStatus = (dir: string, port: number): Promise<string> =>
  managedStatus(kafkaServer({ dir, port, controllerPort: 0, heapMb: 0 }));
