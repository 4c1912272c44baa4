import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { opsCommand } from '../../adapters/chat/discord/application-command.js';
import { registerCommands } from '../../adapters/chat/discord/register.js';
import { createRest } from '../../adapters/chat/discord/rest.js';
import type { Config } from '../../bot/config/schema.js';
import { CommandRegistry } from '../../bot/registry.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { API_URL, APPLICATION_ID, discordConfig, FakeDiscordApi, GUILD, httpSecrets, keyPair, listenMsw, mswServer, signedPost, slashCommand, startHarness, type Harness, type KeyPair } from './support.js';

const EPHEMERAL = 64;
const OTHER_GUILD = '1399999999999999100';
let h: Harness | undefined;
let api: FakeDiscordApi;
let keys: KeyPair;

beforeAll(() => {
  listenMsw();
  keys = keyPair();
});
afterAll(() => mswServer.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
  mswServer.resetHandlers();
});

async function start(change: (config: Config) => Config = (c) => c): Promise<Harness> {
  api = new FakeDiscordApi();
  api.install();
  h = await startHarness(change(discordConfig(httpSecrets(keys))));
  return h;
}

async function post(harness: Harness, body: object) {
  const res = await signedPost(harness.interactionsUrl, JSON.stringify(body), keys.privateKey);
  return (await res.json()) as { type: number; data?: { content?: string; flags?: number; embeds?: { description?: string }[] } };
}

function text(answer: Awaited<ReturnType<typeof post>>): string {
  return `${answer.data?.content ?? ''} ${answer.data?.embeds?.[0]?.description ?? ''}`;
}

/** The recorded slash command moved to another server. */
function inGuild(guild: string, command: Record<string, unknown>): Record<string, unknown> {
  const channel = command.channel as Record<string, unknown>;
  return { ...command, guild_id: guild, guild: { id: guild, locale: 'en-US', features: [] }, channel: { ...channel, guild_id: guild } };
}

/** The same command typed in a DM with the bot: no guild, a user instead of a member, context 1. */
function inDm(command: Record<string, unknown>): Record<string, unknown> {
  const { guild_id: _g, guild: _guild, member, ...rest } = command;
  return { ...rest, context: 1, user: (member as { user: unknown }).user, channel: { id: '1310000000000000777', type: 1 }, channel_id: '1310000000000000777' };
}

const decide = (title: string, id: string) => slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: title }], id);
const status = (id: string) => slashCommand('deploy', 'list', [], id);

async function decisions(harness: Harness) {
  return harness.ops.store.inspect((tx) => tx.scan('decision', { state: 'all' }));
}

describe('Discord interactions from outside the served servers', () => {
  it('refuses another server and a DM before the router, privately and in one sentence', async () => {
    const harness = await start();
    const other = await post(harness, inGuild(OTHER_GUILD, decide('Leak it', '1310000000000002001')));
    const dm = await post(harness, inDm(status('1310000000000002002')));
    for (const answer of [other, dm]) expect(answer).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(text(other)).toMatch(/does not serve this server/);
    expect(text(dm)).toMatch(/not in direct messages/);
    await harness.settle();
    expect(await decisions(harness)).toHaveLength(0);
    expect(api.callsOf('POST', /\/messages$/)).toHaveLength(0);
  });

  it('serves the configured server as before', async () => {
    const harness = await start();
    const answer = await post(harness, inGuild(GUILD, decide('Nightly backups', '1310000000000002003')));
    expect(text(answer)).toContain('D-1');
    await harness.settle();
    expect(await decisions(harness)).toHaveLength(1);
  });

  it('answers DMs when they are switched on', async () => {
    const harness = await start((c) => ({ ...c, discord: { ...c.discord, allowDMs: true } }));
    const answer = await post(harness, inDm(decide('From a DM', '1310000000000002004')));
    expect(text(answer)).toContain('D-1');
    await harness.settle();
    expect((await decisions(harness))[0]).toMatchObject({ title: 'From a DM', owner: 'alice' });
  });

  it('with no server configured, tells the person the id an admin must add', async () => {
    const harness = await start((c) => ({ ...c, discord: { ...c.discord, guilds: [] } }));
    const answer = await post(harness, decide('Anything', '1310000000000002005'));
    expect(text(answer)).toContain(`this server’s id ${GUILD} to discord.guilds`);
    await harness.settle();
    expect(await decisions(harness)).toHaveLength(0);
  });
});

describe('/ops registration scope', () => {
  const registry = new CommandRegistry(COMMANDS, ACTIONS);

  it('is installed to servers and used in servers only, by members who may send messages', () => {
    expect(opsCommand(registry)).toMatchObject({ integration_types: [0], contexts: [0], default_member_permissions: '2048' });
    expect(opsCommand(registry, { allowDMs: true, memberPermissions: '0' })).toMatchObject({ contexts: [0, 1], default_member_permissions: '0' });
  });

  it('says when the scope changed against what Discord had', async () => {
    api = new FakeDiscordApi();
    api.install();
    const before = { ...opsCommand(registry) };
    api.registered = [{ ...before, id: '1', contexts: null, integration_types: [0], default_member_permissions: null }];
    const rest = createRest({ token: 't', apiUrl: API_URL }, false);
    const result = await registerCommands(rest, { applicationId: APPLICATION_ID }, registry);
    expect(result.changes).toEqual(['changed /ops: used in servers, by members with permissions 2048']);
    expect(api.callsOf('PUT', /commands$/)[0]?.body).toMatchObject([{ contexts: [0], integration_types: [0] }]);
  });
});
