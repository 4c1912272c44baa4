import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../bin/doctor.js';
import { discordConfig, FakeDiscordApi, GUILD, httpSecrets, keyPair, listenMsw, mswServer } from './support.js';

const BOT_ID = '1310000000000000009';
const ROLE = '1310000000000000111';
const GOOD = '1310000000000000201';
const DENIED = '1310000000000000202';
const GONE = '1310000000000000203';
const ELSEWHERE = '1310000000000000204';
let api: FakeDiscordApi;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(() => {
  api = new FakeDiscordApi();
  api.install();
});
afterEach(() => mswServer.resetHandlers());

/** View Channel, Send Messages, Embed Links, Read Message History, Create Public Threads, Send Messages in Threads. */
const NEEDED = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 35n) | (1n << 38n);

function answerLikeDiscord(): void {
  const json = (body: Parameters<typeof HttpResponse.json>[0], status = 200) => () => HttpResponse.json(body, { status });
  api.answerNext('GET', /^\/users\/@me$/, json({ id: BOT_ID, username: 'dayops', bot: true }));
  api.answerNext('GET', new RegExp(`^/guilds/${GUILD}/roles$`), json([
    { id: GUILD, name: '@everyone', permissions: '0', position: 0 },
    { id: ROLE, name: 'dayops', permissions: String(NEEDED), position: 1 },
  ]));
  api.answerNext('GET', new RegExp(`^/guilds/${GUILD}/members/${BOT_ID}$`), json({ user: { id: BOT_ID }, roles: [ROLE] }));
  api.answerNext('GET', new RegExp(`^/channels/${GOOD}$`), json({ id: GOOD, type: 0, guild_id: GUILD, name: 'ops', permission_overwrites: [] }));
  // The channel takes Send Messages from the bot's role.
  api.answerNext('GET', new RegExp(`^/channels/${DENIED}$`), json({ id: DENIED, type: 0, guild_id: GUILD, name: 'deploys', permission_overwrites: [{ id: ROLE, type: 0, allow: '0', deny: String(1n << 11n) }] }));
  api.answerNext('GET', new RegExp(`^/channels/${GONE}$`), json({ message: 'Unknown Channel', code: 10003 }, 404));
  api.answerNext('GET', new RegExp(`^/channels/${ELSEWHERE}$`), json({ id: ELSEWHERE, type: 0, guild_id: '1399999999999999100', name: 'x', permission_overwrites: [] }));
}

describe('dayops doctor on Discord', () => {
  it('checks each channel exists, is in a served server and gives the bot its permissions', async () => {
    answerLikeDiscord();
    const base = discordConfig(httpSecrets(keyPair()));
    const config = { ...base, channels: { ops: `discord:${GOOD}`, deploys: `discord:${DENIED}`, alerts: `discord:${GONE}`, incidents: `discord:${ELSEWHERE}` } };
    const lines: string[] = [];
    expect(await runDoctor(config, (l) => lines.push(l))).toBe(1);
    expect(lines.slice(1)).toEqual([
      `  cannot  discord:${DENIED} (channels.deploys): #deploys: the bot lacks Send Messages; give the dayops role these in the channel’s permissions`,
      `  cannot  discord:${GONE} (channels.alerts): 10003: The channel does not exist (or was deleted): check the channel id in the configuration.`,
      `  cannot  discord:${ELSEWHERE} (channels.incidents): #x is in server 1399999999999999100, which dayops does not serve: add it to discord.guilds`,
      `  ok      discord:${GOOD} (channels.ops): #ops, every permission dayops needs`,
    ]);
  });
});
