// Builds how every long-running component of the lateral image is deployed, from the processor list
// (processors/components.ts, each spec's optional `deploy` hints) plus the two components that are not Kafka
// processors (alerts, the settler): one Deployment each in deploy/k8s/lateral-deployments.yaml, and one service
// each between the BEGIN/END generated components lines of deploy/docker-compose.yml (the rest of that file is
// written by hand). Regenerate after adding a processor or changing its hints:
//   npm run gen:deploy   (or npx tsx deploy/generate-components.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { LAYOUTS, processorSpec } from '../processors/components.ts';
import type { DeployHints, ProcessorSpec } from '../processors/framework/spec.ts';

export const DEPLOYMENTS_FILE = fileURLToPath(new URL('./k8s/lateral-deployments.yaml', import.meta.url));
export const COMPOSE_FILE = fileURLToPath(new URL('./docker-compose.yml', import.meta.url));

/** The metrics server's port in the image (core/service.ts; the Dockerfile's config). */
const METRICS_PORT = 9464;
/** The widest line of a generated comment (the repo's print width). */
const WIDTH = 110;

export const COMPOSE_BEGIN = '# BEGIN generated components (npx tsx deploy/generate-components.ts)';
export const COMPOSE_END = '# END generated components';

/** A long-running component of the lateral image, as deployed. */
export interface DeployedComponent {
  /** `app.kubernetes.io/component`, Deployment `lateral-<name>`, compose service. */
  readonly name: string;
  /** Arguments of the image's CLI. */
  readonly args: readonly string[];
  /** One instance at a time: one replica by default, replaced rather than rolled (`strategy: Recreate`). */
  readonly singleInstance: boolean;
  /** What it does on SIGTERM, within the grace period. */
  readonly onStop: string;
  readonly deploy: DeployHints;
  /** The comment above its compose service. */
  readonly composeNote?: string;
}

/** The components that are not Kafka processors (cli/main.ts runs them). */
const OTHER_COMPONENTS: readonly DeployedComponent[] = [
  {
    name: 'alerts',
    args: ['process', 'alerts'],
    singleInstance: true,
    onStop: 'finish the pass (detection, deliveries and their records).',
    deploy: {
      memoryLimit: '1Gi',
      note:
        'One replica, replaced not rolled: one active detector (a Kafka group elects it besides); its position ' +
        'and state are in ClickHouse (alert_state), delivery records in alert_deliveries, so a restart resumes ' +
        'there.',
      hostPort: 9473,
    },
    composeNote:
      "One active instance (the member holding the leadership group's partition); webhook URLs and SMTP " +
      "credentials come from the environment named in the config's alerts section.",
  },
  {
    name: 'settle',
    args: ['rollups', 'settle', '--schedule'],
    singleInstance: true,
    onStop: 'finish the settlement in progress.',
    deploy: {
      memoryLimit: '1Gi',
      note:
        'One replica, replaced not rolled: exactly one settler per database (docs/architecture.md, section 5); ' +
        'it keeps no state of its own, a restart settles what is left.',
      hostPort: 9474,
    },
    composeNote:
      "Settles the hours of mentions that stopped receiving rows, every minute, for the dashboard's long ranges " +
      '(docs/architecture.md, section 5). Exactly one per database.',
  },
];

/** A processor, as deployed. */
export function processorComponent(spec: ProcessorSpec<unknown>): DeployedComponent {
  return {
    name: spec.name,
    args: ['process', spec.name],
    singleInstance: spec.singleInstance ?? false,
    onStop: 'finish the batch, flush, commit offsets.',
    deploy: spec.deploy ?? {},
  };
}

/** Every component of the components layout (its processors, then the others), in that order. */
export function deployedComponents(): DeployedComponent[] {
  return [...LAYOUTS.components.map((name) => processorComponent(processorSpec(name))), ...OTHER_COMPONENTS];
}

/** Each component's compose host port: its `hostPort`, else the first one free from the metrics port. */
export function hostPorts(components: readonly DeployedComponent[]): Map<string, number> {
  const ports = new Map<string, number>();
  const taken = new Map<number, string>();
  for (const c of components) {
    const port = c.deploy.hostPort;
    if (port === undefined) continue;
    const other = taken.get(port);
    if (other !== undefined) throw new Error(`${c.name} and ${other} both take host port ${port}`);
    taken.set(port, c.name);
    ports.set(c.name, port);
  }
  let next = METRICS_PORT;
  for (const c of components) {
    if (ports.has(c.name)) continue;
    while (taken.has(next)) next += 1;
    taken.set(next, c.name);
    ports.set(c.name, next);
  }
  return ports;
}

const probe = (periodSeconds: number, failureThreshold: number, timeoutSeconds?: number) => ({
  httpGet: { path: '/healthz', port: 'metrics' },
  periodSeconds,
  ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
  failureThreshold,
});

/** The Deployment of a component, as plain data. */
export function deployment(c: DeployedComponent) {
  const labels = { 'app.kubernetes.io/name': 'lateral', 'app.kubernetes.io/component': c.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `lateral-${c.name}`, labels },
    spec: {
      replicas: c.deploy.replicas ?? (c.singleInstance ? 1 : 2),
      ...(c.singleInstance ? { strategy: { type: 'Recreate' } } : {}),
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(METRICS_PORT),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          terminationGracePeriodSeconds: 60,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'lateral',
              image: 'lateral',
              args: [...c.args],
              env: [
                { name: 'LATERAL_CONFIG', value: '/etc/lateral/lateral.yaml' },
                {
                  name: 'CLICKHOUSE_PASSWORD',
                  valueFrom: { secretKeyRef: { name: 'lateral-clickhouse', key: 'lateral-password' } },
                },
              ],
              ports: [{ name: 'metrics', containerPort: METRICS_PORT }],
              startupProbe: probe(5, 60),
              readinessProbe: probe(10, 3),
              livenessProbe: probe(20, 6, 5),
              resources: {
                requests: { cpu: c.deploy.cpu ?? '100m', memory: c.deploy.memory ?? '256Mi' },
                limits: { memory: c.deploy.memoryLimit ?? '512Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'config', mountPath: '/etc/lateral', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: 'lateral-config' } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  };
}

/** `text` as `# ` comment lines no wider than WIDTH at `indent` (the YAML library adds the `#`). */
function comment(text: string, indent: number): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && indent + 2 + last.length + 1 + word.length <= WIDTH)
      lines[lines.length - 1] += ` ${word}`;
    else lines.push(word);
  }
  return lines.map((l) => ` ${l}`).join('\n');
}

/** The pair of `key` in `map` (a node of a document built from plain data). */
function pairOf(map: unknown, key: string): YAML.Pair<YAML.Scalar, unknown> {
  const pair = (map as YAML.YAMLMap<YAML.Scalar, unknown>).items.find((p) => p.key.value === key);
  if (!pair) throw new Error(`no ${key}`);
  return pair;
}

const TO_STRING: YAML.ToStringOptions = { lineWidth: 0, flowCollectionPadding: false };

function deploymentDocument(c: DeployedComponent): string {
  const doc = new YAML.Document(deployment(c), { aliasDuplicateObjects: false });
  const pod = ['spec', 'template', 'spec'];
  const container = [...pod, 'containers', 0];
  const node = <N>(...path: (string | number)[]) => doc.getIn(path, true) as N;
  if (c.deploy.note) pairOf(doc.get('spec'), 'replicas').key.commentBefore = comment(c.deploy.note, 2);
  pairOf(node(...pod), 'terminationGracePeriodSeconds').key.commentBefore = comment(
    `SIGTERM: ${c.onStop}`,
    6,
  );
  pairOf(node(...container), 'startupProbe').key.commentBefore = comment(
    '/healthz answers 503 until the consumer joined its group: startup allows for that, readiness follows it, ' +
      'liveness restarts a processor that stays degraded for two minutes.',
    10,
  );
  node<YAML.YAMLMap>(...container, 'volumeMounts', 1).commentBefore = comment(
    'A writable /tmp (the root filesystem is read-only).',
    12,
  );
  node<YAML.YAMLSeq>(...container, 'args').flow = true;
  node<YAML.YAMLSeq>(...container, 'securityContext', 'capabilities', 'drop').flow = true;
  return doc.toString(TO_STRING);
}

/** deploy/k8s/lateral-deployments.yaml. */
export function deploymentsYaml(components: readonly DeployedComponent[] = deployedComponents()): string {
  const header =
    '# Generated by deploy/generate-components.ts from processors/components.ts; do not edit by hand.\n' +
    '# Regenerate with: npm run gen:deploy\n' +
    '# One Deployment per component (docs/architecture.md §2): each is a consumer group member, scaled on its own.\n';
  return header + components.map((c) => `---\n${deploymentDocument(c)}`).join('');
}

/** The compose services of the components: the lines between the markers, indented under `services:`. */
export function composeServices(components: readonly DeployedComponent[] = deployedComponents()): string {
  const ports = hostPorts(components);
  const doc = new YAML.Document({});
  const services = doc.contents as YAML.YAMLMap;
  components.forEach((c, i) => {
    const service = doc.createNode({
      command: [...c.args],
      ports: [`127.0.0.1:${ports.get(c.name)}:${METRICS_PORT}`],
    }) as YAML.YAMLMap;
    // The shared settings, the `x-lateral` anchor of the hand-written part of the file.
    service.items.unshift(doc.createPair('<<', new YAML.Alias('lateral')));
    (pairOf(service, 'command').value as YAML.YAMLSeq).flow = true;
    const key = doc.createNode(c.name) as YAML.Scalar;
    key.spaceBefore = i > 0;
    if (c.composeNote) key.commentBefore = comment(c.composeNote, 2);
    services.items.push(new YAML.Pair(key, service));
  });
  const text = doc.toString({ ...TO_STRING, verifyAliasOrder: false });
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}

/** `compose` (the text of docker-compose.yml) with its generated region rewritten. */
export function composeWithComponents(
  compose: string,
  components: readonly DeployedComponent[] = deployedComponents(),
): string {
  const lines = compose.split('\n');
  const begin = lines.findIndex((l) => l.trim() === COMPOSE_BEGIN);
  const end = lines.findIndex((l) => l.trim() === COMPOSE_END);
  if (begin < 0 || end < begin)
    throw new Error(`docker-compose.yml needs the lines "${COMPOSE_BEGIN}" and then "${COMPOSE_END}"`);
  return [...lines.slice(0, begin + 1), composeServices(components), ...lines.slice(end)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(DEPLOYMENTS_FILE, deploymentsYaml());
  console.log(`wrote ${DEPLOYMENTS_FILE}`);
  writeFileSync(COMPOSE_FILE, composeWithComponents(readFileSync(COMPOSE_FILE, 'utf8')));
  console.log(`wrote the components of ${COMPOSE_FILE}`);
}
