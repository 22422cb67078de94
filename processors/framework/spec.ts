import type { Logger } from '../../core/logger.ts';
import type { Runtime } from '../../core/runtime.ts';
import type { LateralConfig, Layout } from '../../schema/config.ts';
import { topicName, type TopicKey } from '../../schema/topics.ts';
import { withErasures } from '../erasure/steps.ts';
import type { MessageOrigin } from './dead-letters.ts';
import { ProcessorRunner, type Emitter, type ProcessorOptions } from './runner.ts';
import type { Runnable } from './step.ts';

/** What a processor is made of once it has a runtime: its chain, its emitter and its lifecycle hooks. */
export interface ProcessorParts<T> {
  chain: Runnable<MessageOrigin, T>;
  emitter: Emitter<T>;
  /** Before the consumer joins its group (state that lives as long as the processor: a followed topic, say). */
  start?(): Promise<void>;
  /** After the consumer left its group. */
  stop?(): Promise<void>;
  /**
   * Before the first batch after each (re)assignment, with the partitions now owned per input topic: stateful
   * processors rebuild their state here. `heartbeat` keeps the membership alive during a long rebuild.
   */
  restore?(assignment: Record<string, number[]>, heartbeat: () => Promise<void>): Promise<void>;
}

/** What a processor's parts may use besides the runtime. */
export interface ProcessorContext {
  /** The processor's logger (its runner's), once built. */
  log(): Logger | undefined;
}

/**
 * A processor, declared: everything the runner, `lateral status` and the deploy manifests need to know about it
 * (docs/architecture.md, processing model). The list of them is `processors/components.ts`.
 */
export interface ProcessorSpec<T = unknown> {
  /** Component name: consumer group suffix, metric and log label, `lateral process <name>`, Deployment. */
  readonly name: string;
  /** The layouts that run it (docs/architecture.md, layouts). */
  readonly layouts: readonly Layout[];
  /** The topics it consumes, in one consumer group. */
  readonly inputs: readonly TopicKey[];
  /** The topics it writes (a ClickHouse sink writes none: see `table`). */
  readonly outputs: readonly TopicKey[];
  /** The ClickHouse table a sink writes. */
  readonly table?: string;
  /** Whether its unreadable messages go to the DLQ topic (`false`: logged and counted only). */
  readonly deadLetters: boolean;
  /** Partitions handled at once (kafkajs `partitionsConsumedConcurrently`); default 1. */
  readonly concurrency?: number;
  /** Its state covers every partition: it runs as one instance (`replicas: 1`). */
  readonly singleInstance?: boolean;
  /** Loads the erasure list before it consumes and lets go of it when it stopped (processors/erasure). */
  readonly erasures?: boolean;
  /**
   * Whether the configuration gives it anything to do (absent: always). One with nothing to do is not started:
   * it would only read its input to drop it (runtime/pipeline.ts), and `lateral status` leaves it out.
   */
  readonly hasWork?: (config: LateralConfig) => boolean;
  /** How the deploy manifests run it (deploy/generate-components.ts); every hint has a default. */
  readonly deploy?: DeployHints;
  build(rt: Runtime, context: ProcessorContext): ProcessorParts<T>;
}

/**
 * A component's Deployment (deploy/k8s/lateral-deployments.yaml) and compose service (deploy/docker-compose.yml),
 * as written by deploy/generate-components.ts.
 */
export interface DeployHints {
  /** Pods of its Deployment; default 1 for a `singleInstance` processor, else 2. */
  readonly replicas?: number;
  /** CPU request; default `100m`. */
  readonly cpu?: string;
  /** Memory request; default `256Mi`. */
  readonly memory?: string;
  /** Memory limit; default `512Mi`. */
  readonly memoryLimit?: string;
  /** Why that many replicas: the comment above `replicas` in its Deployment. */
  readonly note?: string;
  /** Host port (127.0.0.1) of its metrics in docker-compose; default the first one free from 9464. */
  readonly hostPort?: number;
}

export function defineProcessor<T>(spec: ProcessorSpec<T>): ProcessorSpec<T> {
  return spec;
}

export type ProcessorHooks = Pick<ProcessorOptions<unknown>, 'onBatch'>;

/** The runner of a declared processor. */
export function createProcessorRunner<T>(
  rt: Runtime,
  spec: ProcessorSpec<T>,
  hooks: ProcessorHooks = {},
): ProcessorRunner<T> {
  const ns = rt.config.namespace;
  const holder: { runner?: ProcessorRunner<T> } = {};
  const parts = spec.build(rt, { log: () => holder.runner?.log });
  const lifecycle =
    parts.start || parts.stop
      ? {
          start: async () => parts.start?.(),
          stop: async () => parts.stop?.(),
        }
      : undefined;
  const inputs = spec.inputs.map((key) => topicName(key, ns));
  const runner = new ProcessorRunner<T>({
    component: spec.name,
    namespace: ns,
    inputTopic: inputs.length === 1 ? inputs[0]! : inputs,
    dlqTopic: spec.deadLetters ? topicName('dlq', ns) : null,
    chain: parts.chain,
    emitter: parts.emitter,
    kafka: rt.kafka,
    ...(spec.concurrency !== undefined ? { partitionsConsumedConcurrently: spec.concurrency } : {}),
    ...(lifecycle ? { lifecycle } : {}),
    ...(parts.restore ? { onAssigned: parts.restore } : {}),
    ...hooks,
  });
  holder.runner = runner;
  return spec.erasures ? withErasures(rt, runner) : runner;
}
