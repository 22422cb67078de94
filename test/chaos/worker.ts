/**
 * Several processors in one OS process (`node --import tsx test/chaos/worker.ts enrich threads`): the short chaos
 * run groups components this way to start fewer Node processes; a kill -9 then takes down the whole group.
 * Otherwise it behaves like `lateral process <name>` (metrics and health, graceful stop on SIGTERM).
 */
import { loadConfig } from '../../core/config.ts';
import { createRuntime } from '../../core/runtime.ts';
import { onShutdown, startMetrics } from '../../core/service.ts';
import { startProcessors } from '../../runtime/pipeline.ts';
import { PROCESSOR_NAMES, type ProcessorName } from '../../processors/components.ts';

const names = process.argv.slice(2) as ProcessorName[];
for (const n of names) if (!PROCESSOR_NAMES.includes(n)) throw new Error(`unknown processor ${n}`);
const rt = await createRuntime(loadConfig());
const closeMetrics = await startMetrics(rt);
const processors = await startProcessors(rt, names);
onShutdown(async () => {
  await processors.stop();
  await rt.close();
  await closeMetrics();
});
