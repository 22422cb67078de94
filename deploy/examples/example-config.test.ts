import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseConfig } from '../../core/config.ts';
import { SourceConfig } from '../../schema/config.ts';

const path = fileURLToPath(new URL('./lateral.example.yaml', import.meta.url));

describe('deploy/examples/lateral.example.yaml', () => {
  const doc = YAML.parse(readFileSync(path, 'utf8')) as { sources: { type: string }[] };

  it('is a valid configuration', () => {
    const config = parseConfig(doc, path);
    expect(config.brands.map((b) => b.name)).toEqual(['kettlebrew']);
  });

  it('shows every source type the schema knows, once each', () => {
    const known = SourceConfig.options.map((o) => (o.shape as { type: { value: string } }).type.value);
    const shown = doc.sources.map((s) => s.type);
    expect(new Set(shown)).toEqual(new Set(known.filter((t) => t !== 'simulator' && t !== 'file')));
  });

  it('names the field when a source is wrong', () => {
    const bad = structuredClone(doc) as { sources: Record<string, unknown>[] };
    bad.sources[0]!.backfill = 'last tuesday';
    expect(() => parseConfig(bad, 'example')).toThrow(/sources\[0\]\.backfill: must be a duration/);
  });
});
