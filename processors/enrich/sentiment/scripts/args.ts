/** Command-line arguments of the scripts in this folder. */
import { existsSync } from 'node:fs';

export const args = process.argv.slice(2);

/** The value after `name` (`--seeds 10`), if given. */
export function opt(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The data folder: the first argument unless it is an option, else `fallback`; absent, the script skips. */
export function dataDir(fallback: string): string {
  const dir = args[0] && !args[0].startsWith('--') ? args[0] : fallback;
  if (!existsSync(dir)) {
    console.log(`skip: ${dir} not found`);
    process.exit(0);
  }
  return dir;
}
