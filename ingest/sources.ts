import type { SourceConfig } from '../schema/config.ts';
import { createFileSource } from './file/file-source.ts';
import type { Source } from './framework/source.ts';
import { createSimulatorSource } from './simulator/source.ts';

/** Builds the connector for a configured source. */
export function createSource(config: SourceConfig): Source {
  switch (config.type) {
    case 'simulator':
      return createSimulatorSource(config);
    case 'file':
      return createFileSource(config);
  }
}
