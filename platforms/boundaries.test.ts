import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import rule of docs/architecture.md: `ingest/` and `processors/` never import each other (both may use
 * `platforms/`, `schema/` and `core/`), and `platforms/` imports from neither, so neither reaches the other
 * through it.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FORBIDDEN: Record<string, string[]> = {
  ingest: ['processors'],
  processors: ['ingest'],
  platforms: ['ingest', 'processors'],
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
export function importSpecifiers(source: string): string[] {
  const specs: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;
  for (const match of source.matchAll(pattern)) specs.push(match[1]!);
  return specs;
}

/** `from` → top-level folder of each import that crosses into a forbidden tree. */
function crossings(tree: string): string[] {
  const found: string[] = [];
  for (const file of tsFiles(join(ROOT, tree))) {
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = relative(ROOT, resolve(dirname(file), spec)).split(/[\\/]/)[0]!;
      if (FORBIDDEN[tree]!.includes(target)) found.push(`${relative(ROOT, file)} imports ${spec}`);
    }
  }
  return found;
}

describe('import boundaries', () => {
  it('finds the imports it must refuse (the scan itself works)', () => {
    const specs = importSpecifiers(
      "import { a } from '../../processors/x.ts';\nexport { b } from './y.ts';\nawait import('../z.ts');",
    );
    expect(specs).toEqual(['../../processors/x.ts', './y.ts', '../z.ts']);
  });

  for (const tree of Object.keys(FORBIDDEN)) {
    it(`${tree}/ imports nothing from ${FORBIDDEN[tree]!.join(' or ')}/`, () => {
      expect(crossings(tree)).toEqual([]);
    });
  }
});
