import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContracts } from './contracts.ts';
import { normalizers, platforms } from './index.ts';

describe('the platform list', () => {
  it('names each platform by the type literal of its config schema, once', () => {
    for (const p of platforms) expect(p.config.shape.type.value).toBe(p.type);
    expect(new Set(platforms.map((p) => p.type)).size).toBe(platforms.length);
  });

  it('has every platform folder (a folder missing from the list would be dead code)', () => {
    const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'shared')
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(platforms.map((p) => p.type).sort());
  });

  it('gives each raw source at most one normaliser', () => {
    const names = platforms.flatMap((p) => Object.keys(p.normalizers));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(normalizers).sort()).toEqual([...names].sort());
  });

  it('reads the contract of every platform folder that has a contract.ts', async () => {
    const { connectorContracts, streamRealVariations } = await loadContracts();
    const withFile = platforms
      .map((p) => p.type)
      .filter((type) => existsSync(new URL(`./${type}/contract.ts`, import.meta.url)));
    expect(withFile.length).toBeGreaterThan(0);
    expect([...connectorContracts, ...streamRealVariations].map((c) => c.name).sort()).toEqual(
      withFile.sort(),
    );
  });
});
