import { definePlatform } from '../shared/platform.ts';
import { SimulatorSourceConfig } from './config.ts';
import { normalizeSimulator } from './normalize.ts';
import { createSimulatorSource } from './source.ts';

export const simulatorPlatform = definePlatform({
  type: 'simulator',
  config: SimulatorSourceConfig,
  createSource: createSimulatorSource,
  normalizers: { simulator: normalizeSimulator },
});
