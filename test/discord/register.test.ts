import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordRegister } from '../../adapters/chat/discord/register-cli.js';
import { CommandRegistry } from '../../bot/registry.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { discordConfig, FakeDiscordApi, GUILD, httpSecrets, keyPair, listenMsw, mswServer } from './support.js';

let api: FakeDiscordApi;
const config = () => discordConfig(httpSecrets(keyPair()));

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(() => {
  api = new FakeDiscordApi();
  api.install();
});
afterEach(() => mswServer.resetHandlers());

async function register(guild?: string): Promise<{ lines: string[]; error?: string }> {
  const lines: string[] = [];
  try {
    await discordRegister(config(), new CommandRegistry(COMMANDS, ACTIONS), guild, (l) => lines.push(l));
    return { lines };
  } catch (err) {
    return { lines, error: (err as Error).message };
  }
}

describe('dayops discord-register', () => {
  it('registers /ops for servers only and says what was added', async () => {
    const { lines, error } = await register();
    expect(error).toBeUndefined();
    expect(lines[0]).toMatch(/^Registered \/ops for all servers/);
    expect(api.callsOf('PUT', /commands$/)[0]?.body).toMatchObject([{ name: 'ops', contexts: [0], integration_types: [0], default_member_permissions: '2048' }]);
  });

  it('turns an answer that is not a list of commands into a sentence, and changes nothing', async () => {
    api.answerNext('GET', /commands$/, () => HttpResponse.json({ commands: [] }));
    const { error } = await register();
    expect(error).toMatch(/^Discord answered GET \/applications\/\d+\/commands with something that is not a list of commands \(\{"commands":\[\]\}\); check DISCORD_API_URL/);
    expect(api.callsOf('PUT', /commands$/)).toHaveLength(0);
  });

  it('explains Missing Access (50001) on a server the bot was not invited to with applications.commands', async () => {
    api.answerNext('GET', /guilds\/\d+\/commands$/, () => HttpResponse.json({ message: 'Missing Access', code: 50001 }, { status: 403 }));
    const { error } = await register(GUILD);
    expect(error).toBe(
      `Discord refused access to server ${GUILD} (403, code 50001): invite the bot with the applications.commands scope, and check DISCORD_APPLICATION_ID belongs to DISCORD_TOKEN.`,
    );
  });

  it('explains a refused token', async () => {
    api.answerNext('GET', /commands$/, () => HttpResponse.json({ message: '401: Unauthorized', code: 0 }, { status: 401 }));
    expect((await register()).error).toMatch(/refused DISCORD_TOKEN \(401 Unauthorized\)/);
  });
});
