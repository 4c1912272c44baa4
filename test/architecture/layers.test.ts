import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sources } from './sources.js';

/** Every module a file imports, re-exports, dynamically imports or names in `declare module`, resolved to a path from the root. */
export function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|declare\s+module\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => join(file, '..', s));
}

/** The files of `layers` that import anything under one of `forbidden`, as `file -> import`. */
function crossings(layers: string[], forbidden: string[]): string[] {
  return layers.flatMap(sources).flatMap((file) =>
    importsOf(file, readFileSync(join(root, file), 'utf8'))
      .filter((target) => forbidden.some((dir) => target === dir || target.startsWith(`${dir}/`)))
      .map((target) => `${file} -> ${target}`),
  );
}

describe('layers and ports (docs/architecture.md)', () => {
  it('bot/, commands/ and data/ import neither adapters/ nor bin/', () => {
    expect(crossings(['bot', 'commands', 'data'], ['adapters', 'bin'])).toEqual([]);
  });

  it('data/ imports nothing from bot/ or commands/', () => {
    expect(crossings(['data'], ['bot', 'commands'])).toEqual([]);
  });

  it('adapters/ never import bin/ (bin/ composes them, not the reverse)', () => {
    expect(crossings(['adapters'], ['bin'])).toEqual([]);
  });

  it('the deploy-engine and alert-backend ports are the core\'s, and adapters implement them', () => {
    const engine = readFileSync(join(root, 'bot/deployments/engine.ts'), 'utf8');
    expect(engine).toMatch(/export interface DeployEngine\b/);
    expect(readFileSync(join(root, 'bot/alerts/backend.ts'), 'utf8')).toMatch(/export interface AlertBackend\b/);
    expect(readFileSync(join(root, 'adapters/alerts/alertmanager-api.ts'), 'utf8')).toMatch(/implements AlertBackend\b/);
  });

  it('finds every form of import it looks for (the check itself works)', () => {
    const text = [
      "import { a } from '../../adapters/x.js';",
      "import type { B } from '../bin/app.js';",
      "export { c } from '../adapters/y.js';",
      "const d = await import('../adapters/z.js');",
      "import '../adapters/side-effect.js';",
      "declare module '../adapters/w.js' {}",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importsOf('bot/alerts/f.ts', text)).toEqual(['adapters/x.js', 'bot/bin/app.js', 'bot/adapters/y.js', 'bot/adapters/z.js', 'bot/adapters/side-effect.js', 'bot/adapters/w.js']);
  });
});
