import { definePlatform } from '../shared/platform.ts';
import { FileSourceConfig } from './config.ts';
import { normalizeImport } from './normalize.ts';
import { createFileSource } from './source.ts';

export const filePlatform = definePlatform({
  type: 'file',
  config: FileSourceConfig,
  createSource: createFileSource,
  /** Lines without their own `source` are `import` payloads (the config's `source` default). */
  normalizers: { import: normalizeImport },
});
