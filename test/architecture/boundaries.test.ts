import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sources } from './sources.js';

const CHAT_SDK = /from\s+['"](@slack\/[^'"]+|discord\.js|@discordjs\/[^'"]+)['"]/;

describe('architecture', () => {
  it('keeps chat SDKs out of bot/, commands/ and data/', () => {
    const leaks = ['bot', 'commands', 'data'].flatMap(sources).filter((file) => CHAT_SDK.test(readFileSync(join(root, file), 'utf8')));
    expect(leaks).toEqual([]);
  });

  it('reads process.env only in the config module (and the bin shim)', () => {
    const readers = ['bot', 'commands', 'adapters', 'data', 'bin']
      .flatMap(sources)
      .filter((file) => /process\.env/.test(readFileSync(join(root, file), 'utf8')))
      .map((file) => relative(root, join(root, file)));
    expect(readers).toEqual(['bot/config/load.ts']);
  });

  it('finds the SDK imports it looks for (the check itself works)', () => {
    expect(CHAT_SDK.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(CHAT_SDK.test("import { Client } from 'discord.js';")).toBe(true);
    expect(CHAT_SDK.test("import { z } from 'zod';")).toBe(false);
  });
});
