import type { Runtime } from '../core/runtime.ts';
import type { LateralConfig, Layout } from '../schema/config.ts';
import type { TopicKey } from '../schema/topics.ts';
import { forwardProcessor } from './forward-processor.ts';
import { enrichProcessor } from './enrich/processors/enrich-processor.ts';
import { threadsProcessor } from './enrich/processors/threads-processor.ts';
import type { ProcessorRunner } from './framework/runner.ts';
import { createProcessorRunner, type ProcessorHooks, type ProcessorSpec } from './framework/spec.ts';
import { normalizeProcessor } from './normalize-processor.ts';
import { oneBoxProcessor } from './one-box-processor.ts';
import { scoreProcessor } from './score/processor.ts';
import { SINK_PROCESSORS } from './sink/sinks.ts';

/**
 * Every processor, declared (processors/framework/spec.ts): the one list from which the runners, the layouts,
 * `lateral status`'s inputs and the deploy manifests' component list (deploy/deploy.test.ts) are derived. A new
 * processor is a file exporting its `defineProcessor(...)` and one line here; a new sink, one row in
 * processors/sink/sinks.ts.
 */
export const PROCESSOR_SPECS = [
  normalizeProcessor,
  enrichProcessor,
  threadsProcessor,
  oneBoxProcessor,
  scoreProcessor,
  forwardProcessor,
  ...SINK_PROCESSORS,
] as readonly ProcessorSpec<unknown>[];

export type ProcessorName = string;

const byName = new Map(PROCESSOR_SPECS.map((s) => [s.name, s]));
if (byName.size !== PROCESSOR_SPECS.length) throw new Error('two processors share a name');

export function processorSpec(name: ProcessorName): ProcessorSpec<unknown> {
  const spec = byName.get(name);
  if (!spec) throw new Error(`unknown processor ${name}`);
  return spec;
}

export const PROCESSOR_NAMES: readonly ProcessorName[] = PROCESSOR_SPECS.map((s) => s.name);

/**
 * The processors each layout runs (docs/architecture.md, layouts). `components`: one consumer group per stage,
 * each scaled on its own (clusters). `one-box`: normalize, enrich and threads as one single-instance processor
 * without the enriched hop (one machine).
 */
export const LAYOUTS: Record<Layout, ProcessorName[]> = {
  components: PROCESSOR_SPECS.filter((s) => s.layouts.includes('components')).map((s) => s.name),
  'one-box': PROCESSOR_SPECS.filter((s) => s.layouts.includes('one-box')).map((s) => s.name),
};

/** The processors of a layout that the configuration gives work (a `forward` without targets has none). */
export function processorsToRun(
  config: LateralConfig,
  names: readonly ProcessorName[] = LAYOUTS[config.layout],
): ProcessorName[] {
  return names.filter((name) => processorSpec(name).hasWork?.(config) ?? true);
}

/** The topics a processor consumes (status, lag). */
export function inputsOf(name: ProcessorName): readonly TopicKey[] {
  return processorSpec(name).inputs;
}

/** The runner of the named processor. */
export function createProcessor(
  rt: Runtime,
  name: ProcessorName,
  hooks: ProcessorHooks = {},
): ProcessorRunner<unknown> {
  return createProcessorRunner(rt, processorSpec(name), hooks);
}
