import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const MARKER = 'clickhouse';

/** `dir`: <stack>/clickhouse. */
export interface ClickHouseStackOptions extends ServerOptions {
  httpPort: number;
  tcpPort: number;
  allowApt: boolean;
}

const paths = (dir: string) => ({
  ...serverFiles(dir, 'clickhouse.pid'),
  config: join(dir, 'config.xml'),
  users: join(dir, 'users.xml'),
  data: join(dir, 'data') + '/',
  tmp: join(dir, 'tmp') + '/',
  userFiles: join(dir, 'user_files') + '/',
});

/** `clickhouse server` (single binary, modern) when on PATH, else Debian's `clickhouse-server` (18.16). */
export function findClickHouseServer(
  allowApt: boolean,
  log: (line: string) => void = () => undefined,
): { command: string; args: string[] } {
  const single = which('clickhouse');
  if (single) return { command: single, args: ['server'] };
  // Debian puts the server in /usr/sbin, which a non-root PATH often lacks.
  const serverPath = `${process.env.PATH ?? ''}:/usr/sbin`;
  let server = which('clickhouse-server', serverPath);
  if (!server && allowApt && which('apt-get')) {
    log('ClickHouse not found: installing Debian clickhouse-server with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env, timeout: 10 * 60_000 });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'clickhouse-server', 'clickhouse-client'], {
      encoding: 'utf8',
      env,
      timeout: 15 * 60_000,
    });
    if (install.status !== 0)
      throw new StackError(`apt-get install clickhouse-server failed:\n${install.stderr}`);
    server = which('clickhouse-server', serverPath);
  }
  if (!server) {
    throw new StackError(
      'ClickHouse not found: put a `clickhouse` binary on PATH or install clickhouse-server (apt-get install clickhouse-server), or set CLICKHOUSE_URL to use a running server',
    );
  }
  return { command: server, args: [] };
}

function writeClickHouseConfig(options: ClickHouseStackOptions): void {
  const p = paths(options.dir);
  for (const d of [p.data, p.tmp, p.userFiles, p.logs]) mkdirSync(d, { recursive: true });
  // <yandex> is the root element both 18.16 and modern servers accept.
  writeFileSync(
    p.config,
    `<?xml version="1.0"?>
<!-- Written by \`lateral stack up\`: a local server on loopback with its own ports and data path. -->
<yandex>
  <logger>
    <level>warning</level>
    <log>${join(p.logs, 'server.log')}</log>
    <errorlog>${join(p.logs, 'server.err.log')}</errorlog>
    <size>50M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${options.httpPort}</http_port>
  <tcp_port>${options.tcpPort}</tcp_port>
  <max_connections>256</max_connections>
  <keep_alive_timeout>10</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>${p.data}</path>
  <tmp_path>${p.tmp}</tmp_path>
  <user_files_path>${p.userFiles}</user_files_path>
  <users_config>${p.users}</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
</yandex>
`,
  );
  // default: the pipeline (loopback only). analyst: read-only with row, time and memory limits.
  writeFileSync(
    p.users,
    `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
    </default>
    <analyst>
      <readonly>1</readonly>
      <max_execution_time>60</max_execution_time>
      <max_result_rows>1000000</max_result_rows>
      <max_rows_to_read>1000000000</max_rows_to_read>
      <max_memory_usage>2000000000</max_memory_usage>
      <result_overflow_mode>throw</result_overflow_mode>
    </analyst>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
    <analyst>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>analyst</profile>
      <quota>default</quota>
    </analyst>
  </users>
  <quotas>
    <default>
      <interval>
        <duration>3600</duration>
        <queries>0</queries>
        <errors>0</errors>
        <result_rows>0</result_rows>
        <read_rows>0</read_rows>
        <execution_time>0</execution_time>
      </interval>
    </default>
  </quotas>
</yandex>
`,
  );
}

async function httpAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/?query=SELECT%201`, {
      signal: AbortSignal.timeout(1000),
    });
    return res.ok && (await res.text()).trim() === '1';
  } catch {
    return false;
  }
}

function clickHouseServer(options: ClickHouseStackOptions): ManagedServer {
  const log = options.log ?? (() => undefined);
  const p = paths(options.dir);
  return {
    name: 'ClickHouse',
    marker: MARKER,
    pidFile: p.pid,
    address: `http://127.0.0.1:${options.httpPort}`,
    answers: () => httpAnswers(options.httpPort),
    logFile: join(p.logs, 'server.err.log'),
    startMs: 60_000,
    ports: [options.httpPort, options.tcpPort],
    portsHint: 'set CLICKHOUSE_URL to use a running server',
    prepare: () => {
      const binary = findClickHouseServer(options.allowApt, log);
      writeClickHouseConfig(options);
      log(`starting ClickHouse (${binary.command})`);
      return {
        command: binary.command,
        args: [...binary.args, `--config-file=${p.config}`],
        cwd: options.dir,
        logFile: p.out,
      };
    },
  };
}

export const clickHouseRunning = (dir: string): number | undefined => runningPid(paths(dir).pid, MARKER);

export const startClickHouse = (options: ClickHouseStackOptions): Promise<string> =>
  startManaged(clickHouseServer(options));

export const stopClickHouse = (dir: string): Promise<boolean> => stopDaemon(paths(dir).pid, MARKER, 30_000);

export const clickHouseStatus = (dir: string, port: number): Promise<string> =>
  managedStatus(clickHouseServer({ dir, httpPort: port, tcpPort: 0, allowApt: false }));
