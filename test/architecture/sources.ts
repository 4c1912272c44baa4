import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The checkout's root, which the architecture tests read files from. */
export const root = new URL('../..', import.meta.url).pathname;

/** Every .ts file under `dir`, as a path from the root. */
export function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}
