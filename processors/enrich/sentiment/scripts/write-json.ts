/**
 * Writes a JSON file formatted the way the repository's `prettier --check`
 * expects (so generated files pass lint and their sha — the model id — is
 * stable). Falls back to plain JSON when prettier is not installed.
 */
import { writeFileSync } from 'node:fs';

export async function writeJsonFile(path: string, text: string): Promise<string> {
  let out = text;
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(path)) ?? {};
    out = await prettier.format(text, { ...config, parser: 'json', filepath: path });
  } catch {
    // prettier unavailable: keep JSON.stringify output
  }
  writeFileSync(path, out);
  return out;
}
