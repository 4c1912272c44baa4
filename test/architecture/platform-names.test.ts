import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAT_ADAPTERS } from '../../bin/chat-adapters.js';

const root = new URL('../..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The chat platforms the core must not name: every adapter in bin/'s list except the shell, the
 * built-in local platform whose channels (`shell:ops`) are the core's defaults. A platform added
 * to the list is checked from then on.
 */
const NAMED = CHAT_ADAPTERS.map((a) => a.name).filter((name) => name !== 'shell');

function namings(text: string): string[] {
  const pattern = new RegExp(`\\b(${NAMED.join('|')})`, 'gi');
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

describe('the core names no chat platform', () => {
  it('bot/, commands/ and data/ say no platform name, in code or comments', () => {
    const leaks = ['bot', 'commands', 'data']
      .flatMap(sources)
      .flatMap((file) => readFileSync(join(root, file), 'utf8').split('\n').flatMap((line, i) => (namings(line).length > 0 ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
    expect(leaks).toEqual([]);
  });

  it('checks every platform but the shell (the check itself works)', () => {
    expect(NAMED.length).toBeGreaterThanOrEqual(2);
    for (const name of NAMED) expect(namings(`const where = '${name}:C0123'; // ${name.toUpperCase()} user`)).toHaveLength(2);
    expect(namings("const where = 'shell:ops';")).toEqual([]);
  });
});
