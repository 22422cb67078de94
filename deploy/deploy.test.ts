import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseConfig } from '../core/config.ts';
import { LAYOUTS, processorSpec } from '../processors/components.ts';
import { topics } from '../schema/topics.ts';
import {
  COMPOSE_FILE,
  composeWithComponents,
  DEPLOYMENTS_FILE,
  deployment,
  deploymentsYaml,
  hostPorts,
  processorComponent,
} from './generate-components.ts';
import { KAFKA_TOPICS_FILE, kafkaTopicsYaml } from './k8s/generate-topics.ts';

/**
 * What users run elsewhere (Docker, Kubernetes) cannot run here, so its structure is checked against the
 * code it deploys: topic registry, processors, config schema, metrics port and health path.
 */
const DEPLOY = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(DEPLOY, '..');
const METRICS_PORT = 9464;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}

/** Every document of a file; merge keys (`<<: *anchor`) resolved as Docker Compose does. */
function parseDocs(path: string): Doc[] {
  const docs = YAML.parseAllDocuments(readFileSync(path, 'utf8'), { merge: true });
  const errors = docs.flatMap((d) => d.errors.map((e) => e.message));
  if (errors.length > 0) throw new Error(`${relative(ROOT, path)}: ${errors.join('; ')}`);
  return docs.map((d) => d.toJS() as Doc | null).filter((d): d is Doc => d !== null);
}

const compose = parseDocs(join(DEPLOY, 'docker-compose.yml'))[0]!;
const services = compose.services as Record<string, Doc>;
const k8sFiles = yamlFiles(join(DEPLOY, 'k8s'));
const k8s = k8sFiles.flatMap((f) => parseDocs(f).map((doc) => ({ file: relative(DEPLOY, f), doc })));
const ofKind = (kind: string) => k8s.filter((d) => d.doc.kind === kind).map((d) => d.doc);
const one = (kind: string) => {
  const docs = ofKind(kind);
  expect(docs, kind).toHaveLength(1);
  return docs[0]!;
};
/**
 * Every processor of the components layout (the one for clusters), derived from the processor list
 * (processors/components.ts); deploy/generate-components.ts writes a compose service and a Deployment for each.
 * The one-box layout is `lateral run` on one machine.
 */
const COMPONENTS = LAYOUTS.components;
const NEW_COMPONENT = 'each processor has a generated compose service and Deployment: run npm run gen:deploy';

/** `${VAR}`, `${VAR:-default}` or `${VAR:?message}`: substituted by Compose, never a literal. */
const ENV_REF = /^\$\{[A-Z][A-Z0-9_]*(?::?[-?][^}]*)?\}$/;
const SECRET_KEY = /PASSWORD|SECRET|TOKEN|_KEY$/i;

function envMap(service: Doc): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env as Record<string, string>;
  return Object.fromEntries((env as string[]).map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]));
}

/** Every value in a tree with its key, for secret scans. */
function* entries(node: unknown, key = ''): Generator<[string, unknown]> {
  if (Array.isArray(node)) for (const v of node) yield* entries(v, key);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) yield* entries(v, k);
  else yield [key, node];
}

describe('every YAML file under deploy/', () => {
  it.each(yamlFiles(DEPLOY).map((f) => relative(DEPLOY, f)))('%s parses', (file) => {
    expect(parseDocs(join(DEPLOY, file)).length).toBeGreaterThan(0);
  });
});

describe('docker-compose.yml', () => {
  it('its component services are the generator output', () => {
    const stale =
      'deploy/docker-compose.yml is stale: run npm run gen:deploy (deploy/generate-components.ts)';
    const text = readFileSync(COMPOSE_FILE, 'utf8');
    expect(text, stale).toBe(composeWithComponents(text));
  });

  it('has the stack and one service per component', () => {
    for (const name of ['kafka', 'clickhouse', 'grafana', 'migrate', ...COMPONENTS])
      expect(services, `${name}: ${NEW_COMPONENT}`).toHaveProperty(name);
    expect(services.kafka!.image).toBe('apache/kafka:3.9.1');
    expect(services.clickhouse!.image).toMatch(/^clickhouse\/clickhouse-server:(25\.3|24\.8)$/);
  });

  it('binds every published port to 127.0.0.1', () => {
    const ports = Object.entries(services).flatMap(([name, s]) =>
      ((s.ports ?? []) as unknown[]).map((p) => ({ name, p: String(p) })),
    );
    expect(ports.length).toBeGreaterThan(0);
    for (const { name, p } of ports) expect(p, name).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });

  it('takes every secret from the environment, never a literal', () => {
    for (const [name, service] of Object.entries(services))
      for (const [key, value] of Object.entries(envMap(service)))
        if (SECRET_KEY.test(key)) expect(value, `${name}.${key}`).toMatch(ENV_REF);
    const text = readFileSync(join(DEPLOY, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/<password>[^<]/);
  });

  it('runs each component from the Dockerfile, wired to Kafka and ClickHouse', () => {
    for (const name of ['migrate', ...COMPONENTS]) {
      const s = services[name]!;
      expect(resolve(DEPLOY, s.build.context, s.build.dockerfile)).toBe(join(DEPLOY, 'Dockerfile'));
      expect(s.command).toEqual(name === 'migrate' ? ['migrate'] : ['process', name]);
      const env = envMap(s);
      expect(env.KAFKA_BROKERS).toBe('kafka:19092');
      expect(env.CLICKHOUSE_URL).toBe('http://clickhouse:8123');
      expect(env.CLICKHOUSE_PASSWORD).toMatch(ENV_REF);
    }
    expect(services.migrate!.depends_on.clickhouse.condition).toBe('service_healthy');
    for (const name of COMPONENTS)
      expect(services[name]!.depends_on.migrate.condition).toBe('service_completed_successfully');
  });

  it('has healthchecks: the stack, and /healthz on the metrics port for components', () => {
    for (const name of ['kafka', 'clickhouse', 'grafana'])
      expect(services[name]!.healthcheck?.test).toBeDefined();
    for (const name of COMPONENTS) {
      expect(services[name]!.healthcheck.test.join(' ')).toContain(
        `http://127.0.0.1:${METRICS_PORT}/healthz`,
      );
      expect(String(services[name]!.ports[0])).toMatch(new RegExp(`:${METRICS_PORT}$`));
    }
  });

  it('only depends on services that exist', () => {
    for (const [name, s] of Object.entries(services))
      for (const dep of Object.keys(s.depends_on ?? {}))
        expect(services, `${name} → ${dep}`).toHaveProperty(dep);
  });

  it('documents every variable it needs in deploy/README.md', () => {
    const text = readFileSync(join(DEPLOY, 'docker-compose.yml'), 'utf8');
    const required = new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]!));
    const readme = readFileSync(join(DEPLOY, 'README.md'), 'utf8');
    expect(required.size).toBeGreaterThan(0);
    for (const v of required) expect(readme, v).toContain(v);
  });

  it('provisions Grafana with the ClickHouse plugin, as the read-only analyst', () => {
    expect(envMap(services.grafana!).GF_INSTALL_PLUGINS).toContain('grafana-clickhouse-datasource');
    const [ds] = parseDocs(join(DEPLOY, 'grafana/provisioning/datasources/clickhouse.yaml'))[0]!.datasources;
    expect(ds.type).toBe('grafana-clickhouse-datasource');
    expect(ds.jsonData).toMatchObject({
      host: 'clickhouse',
      username: 'analyst',
      defaultDatabase: 'lateral',
    });
    const variable = /^\$([A-Z0-9_]+)$/.exec(ds.secureJsonData.password)?.[1];
    expect(variable).toBeDefined();
    expect(envMap(services.grafana!)[variable!]).toMatch(ENV_REF);
    expect(services.grafana!.volumes).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const stages = lines.reduce<string[][]>((acc, l) => {
    if (l.startsWith('FROM ')) acc.push([]);
    acc.at(-1)?.push(l);
    return acc;
  }, []);
  const [builder, image] = [stages[0]!, stages.at(-1)!];
  const copies = (stage: string[]) =>
    stage.filter((l) => l.startsWith('COPY ')).map((l) => l.split(/\s+/).slice(1));

  it('builds on node:20-slim in two stages: compile, then the compiled code with production dependencies', () => {
    expect(stages).toHaveLength(2);
    expect(builder[0]).toBe('FROM node:20-slim AS build');
    expect(builder).toContain('RUN npm run build');
    expect(image[0]).toBe('FROM node:20-slim');
    expect(image.some((l) => /^RUN npm ci --omit=dev\b/.test(l))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Doc>;
    expect(pkg.scripts!.build).toBe('tsx deploy/build.ts');
    // The runtime needs none of the toolchain.
    for (const dev of ['tsx', 'typescript', 'vitest']) expect(pkg.dependencies).not.toHaveProperty(dev);
  });

  it('the image holds only the build output and what npm ci needs', () => {
    expect(copies(image)).toEqual([
      ['package.json', 'package-lock.json', '.npmrc', './'],
      ['--from=build', '/app/dist', './dist'],
    ]);
  });

  it('runs the compiled CLI as a non-root user, exposes metrics', () => {
    expect(text).toContain('ENTRYPOINT ["node", "dist/cli/bin.js"]');
    expect(text).toContain(`EXPOSE ${METRICS_PORT}`);
    const user = image.filter((l) => l.startsWith('USER ')).pop();
    expect(user).toMatch(/^USER (?!0\b|root\b)\S+/);
  });

  it('ships a config that makes metrics listen beyond loopback', () => {
    const printed = /printf '([^']*)' > (\S+)/.exec(text)!;
    expect(text).toContain(`ENV LATERAL_CONFIG=${printed[2]}`);
    const config = parseConfig(YAML.parse(printed[1]!.replace(/\\n/g, '\n')));
    expect(config.metrics).toEqual({ host: '0.0.0.0', port: METRICS_PORT });
  });

  it('the build stage copies every source file the build compiles, and nothing that does not exist', () => {
    const copied = copies(builder).flatMap((c) => c.slice(0, -1));
    for (const c of copied) expect(existsSync(join(ROOT, c)), `COPY ${c}`).toBe(true);
    const covered = (file: string) => copied.some((c) => file === c || file.startsWith(`${c}/`));
    const build = JSON.parse(
      readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
    ) as { files: string[] };
    const seen = new Set<string>();
    const queue = [...build.files, 'deploy/build.ts'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file) || !existsSync(join(ROOT, file))) continue;
      seen.add(file);
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g))
        queue.push(relative(ROOT, resolve(ROOT, dirname(file), m[1]!)));
    }
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].filter((f) => !covered(f))).toEqual([]);
    // Neither the tests nor the local dev stack are part of the build (cli/dev-modules.ts loads them on demand).
    expect([...seen].filter((f) => f.startsWith('test/') || f.startsWith('deploy/stack/'))).toEqual([]);
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'])
      expect(covered(f), f).toBe(true);
  });
});

describe('Kubernetes manifests', () => {
  it('every document has apiVersion, kind and metadata.name', () => {
    expect(k8s.length).toBeGreaterThan(10);
    for (const { file, doc } of k8s) {
      expect(doc.apiVersion, file).toEqual(expect.any(String));
      expect(doc.kind, file).toEqual(expect.any(String));
      expect(doc.metadata?.name, `${file} ${doc.kind}`).toEqual(expect.any(String));
    }
  });

  it('kustomization lists every manifest except the Secret template', () => {
    const listed = one('Kustomization').resources as string[];
    const expected = k8sFiles
      .map((f) => relative(join(DEPLOY, 'k8s'), f))
      .filter((f) => !['kustomization.yaml', 'secret.template.yaml'].includes(f));
    expect([...listed].sort()).toEqual(expected.sort());
  });

  it('Strimzi Kafka 3.9.1 in KRaft with controller and broker node pools', () => {
    const kafka = one('Kafka');
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1beta2');
    expect(kafka.metadata.annotations).toMatchObject({
      'strimzi.io/kraft': 'enabled',
      'strimzi.io/node-pools': 'enabled',
    });
    expect(kafka.spec.kafka.version).toBe('3.9.1');
    expect(kafka.spec).not.toHaveProperty('zookeeper');
    const pools = ofKind('KafkaNodePool');
    expect(pools.flatMap((p) => p.spec.roles).sort()).toEqual(['broker', 'controller']);
    for (const p of pools) expect(p.metadata.labels['strimzi.io/cluster']).toBe(kafka.metadata.name);
    const brokers = pools.find((p) => p.spec.roles.includes('broker'))!.spec.replicas;
    expect(kafka.spec.kafka.config['min.insync.replicas']).toBeLessThan(brokers);
  });

  it('kafka-topics.yaml is the generator output, and its topics are the registry', () => {
    const stale = 'deploy/k8s/kafka-topics.yaml is stale: run npx tsx deploy/k8s/generate-topics.ts';
    expect(readFileSync(KAFKA_TOPICS_FILE, 'utf8'), stale).toBe(kafkaTopicsYaml());
    const kafka = one('Kafka');
    const listed = ofKind('KafkaTopic').map((t) => ({
      name: t.spec.topicName,
      partitions: t.spec.partitions,
      cleanupPolicy: t.spec.config['cleanup.policy'],
      retentionMs: t.spec.config['retention.ms'],
      cluster: t.metadata.labels['strimzi.io/cluster'],
      replicas: t.spec.replicas,
    }));
    expect(listed).toEqual(
      Object.values(topics).map((t) => ({
        name: t.name,
        partitions: t.partitions,
        cleanupPolicy: t.cleanupPolicy,
        retentionMs: 'retentionMs' in t ? String(t.retentionMs) : undefined,
        cluster: kafka.metadata.name,
        replicas: kafka.spec.kafka.config['default.replication.factor'],
      })),
    );
  });

  it('ClickHouseInstallation: 2 shards x 2 replicas on Keeper, users lateral and a limited read-only analyst', () => {
    const chi = one('ClickHouseInstallation');
    expect(chi.apiVersion).toBe('clickhouse.altinity.com/v1');
    const [cluster] = chi.spec.configuration.clusters;
    expect(cluster.layout).toEqual({ shardsCount: 2, replicasCount: 2 });
    const keeper = one('ClickHouseKeeperInstallation');
    expect(chi.spec.configuration.zookeeper.nodes[0].host).toBe(`keeper-${keeper.metadata.name}`);
    const users = chi.spec.configuration.users;
    for (const user of ['lateral', 'analyst'])
      expect(users[`${user}/password`].valueFrom.secretKeyRef.name).toBe('lateral-clickhouse');
    const profile = /<analyst>([\s\S]*?)<\/analyst>/.exec(
      chi.spec.configuration.files['users.d/analyst-profile.xml'],
    )![1]!;
    expect(users['analyst/profile']).toBe('analyst');
    expect(profile).toMatch(/<readonly>1<\/readonly>/);
    expect(profile).toMatch(/<max_execution_time>\d+<\/max_execution_time>/);
    expect(profile).toMatch(/<max_result_rows>\d+<\/max_result_rows>/);
  });

  it('lateral-deployments.yaml is the generator output', () => {
    const stale =
      'deploy/k8s/lateral-deployments.yaml is stale: run npm run gen:deploy (deploy/generate-components.ts)';
    expect(readFileSync(DEPLOYMENTS_FILE, 'utf8'), stale).toBe(deploymentsYaml());
  });

  it('a processor without deploy hints gets the defaults; a single-instance one is one replica, replaced', () => {
    const base = { ...processorSpec('sink-mentions'), name: 'new-stage', deploy: undefined };
    const plain = deployment(processorComponent(base));
    expect(plain.spec.replicas).toBe(2);
    expect(plain.spec).not.toHaveProperty('strategy');
    expect(plain.spec.template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { memory: '512Mi' },
    });
    const single = deployment(processorComponent({ ...base, singleInstance: true }));
    expect(single.spec.replicas).toBe(1);
    expect(single.spec.strategy).toEqual({ type: 'Recreate' });
    // Host ports: the given ones kept, the others the first free from the metrics port.
    const given = processorComponent({ ...base, name: 'given', deploy: { hostPort: METRICS_PORT } });
    const ports = hostPorts([processorComponent(base), given, processorComponent({ ...base, name: 'next' })]);
    expect(Object.fromEntries(ports)).toEqual({
      given: METRICS_PORT,
      'new-stage': METRICS_PORT + 1,
      next: METRICS_PORT + 2,
    });
    expect(() => hostPorts([given, { ...given, name: 'twin' }])).toThrow(/both take host port/);
  });

  it('one Deployment per processor, probed on /healthz, scraped on /metrics', () => {
    // The lateral image's components: every processor, the alerts component (not a consumer of a topic) and
    // the settler of the dashboard's hours (exactly one per database).
    const deployments = ofKind('Deployment').filter(
      (d) => d.spec.template.spec.containers[0].image === 'lateral',
    );
    expect(deployments.map((d) => d.spec.template.spec.containers[0].args).sort(), NEW_COMPONENT).toEqual(
      [...[...COMPONENTS, 'alerts'].map((c) => ['process', c]), ['rollups', 'settle', '--schedule']].sort(),
    );
    // A processor whose state covers every partition runs as one replica (processors/framework/spec.ts).
    for (const d of deployments) {
      const [command, name] = d.spec.template.spec.containers[0].args as string[];
      const single = command === 'rollups' || name === 'alerts' || processorSpec(name!).singleInstance;
      if (single) {
        expect(d.spec.replicas, `${name}: single instance`).toBe(1);
        // Two at once during a rolling update would be two owners of the same state.
        expect(d.spec.strategy, `${name}: replaced, not rolled`).toEqual({ type: 'Recreate' });
      }
    }
    for (const d of deployments) {
      const pod = d.spec.template;
      const [container] = pod.spec.containers;
      expect(pod.metadata.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(METRICS_PORT),
        'prometheus.io/path': '/metrics',
      });
      expect(container.ports).toEqual([{ name: 'metrics', containerPort: METRICS_PORT }]);
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'])
        expect(container[probe].httpGet, `${d.metadata.name} ${probe}`).toEqual({
          path: '/healthz',
          port: 'metrics',
        });
      expect(pod.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
      expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it('the ConfigMap is a valid lateral config pointing at the Kafka and ClickHouse services', () => {
    const configMap = ofKind('ConfigMap').find((c) => c.metadata.name === 'lateral-config')!;
    const config = parseConfig(YAML.parse(configMap.data['lateral.yaml']));
    expect(config.metrics).toEqual({ host: '0.0.0.0', port: METRICS_PORT });
    expect(config.kafka.brokers).toEqual([`${one('Kafka').metadata.name}-kafka-bootstrap:9092`]);
    const chi = one('ClickHouseInstallation');
    expect(config.clickhouse.url).toBe(`http://clickhouse-${chi.metadata.name}:8123`);
    // Every lateral component (Grafana, deploy/k8s/grafana.yaml, is not one).
    for (const d of ofKind('Deployment').filter((x) => x.metadata.name !== 'grafana')) {
      const spec = d.spec.template.spec;
      const env = Object.fromEntries(spec.containers[0].env.map((e: Doc) => [e.name, e]));
      const mount = spec.containers[0].volumeMounts.find((m: Doc) =>
        env.LATERAL_CONFIG.value.startsWith(m.mountPath),
      );
      expect(spec.volumes.find((v: Doc) => v.name === mount.name).configMap.name).toBe('lateral-config');
      expect(env.CLICKHOUSE_PASSWORD.valueFrom.secretKeyRef.name).toBe('lateral-clickhouse');
    }
  });

  it('the migrate Job applies the cluster DDL to the ClickHouseInstallation', () => {
    const job = one('Job');
    const chi = one('ClickHouseInstallation');
    const [render] = job.spec.template.spec.initContainers;
    const [apply] = job.spec.template.spec.containers;
    expect(render.image).toBe('lateral');
    // The compiled script (tsconfig.build.json compiles it into the image's dist/).
    expect(render.command.join(' ')).toContain(
      `node dist/deploy/clickhouse-cluster/print-ddl.js --cluster ${chi.spec.configuration.clusters[0].name}`,
    );
    expect(apply.command.join(' ')).toContain(`--host clickhouse-${chi.metadata.name}`);
  });

  it('secrets: referenced keys exist in the template, which holds placeholders only', () => {
    const secret = one('Secret');
    expect(Object.values(secret.stringData).every((v) => v === 'CHANGE_ME')).toBe(true);
    for (const { file, doc } of k8s) {
      for (const [key, value] of entries(doc)) {
        if (/password/i.test(key) && typeof value === 'string' && doc.kind !== 'Secret')
          expect.fail(`${file}: literal ${key}`);
      }
      const refs = JSON.stringify(doc).matchAll(/"secretKeyRef":\{"name":"([^"]+)","key":"([^"]+)"\}/g);
      for (const [, name, key] of refs) {
        expect(name, file).toBe(secret.metadata.name);
        expect(secret.stringData, file).toHaveProperty(key!);
      }
    }
  });
});
