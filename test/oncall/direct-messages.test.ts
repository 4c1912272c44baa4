import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_URL, APPLICATION_ID, FakeDiscordApi, GUILD, keyPair, listenMsw, mswServer } from '../discord/support.js';
import { fireAlert, oncallConfig, removeDir, startWorld, threadLines, type OncallWorld } from './world.js';

const BOB = '80351110224678912';
let api: FakeDiscordApi;
let world: OncallWorld | undefined;

beforeAll(() => listenMsw());
afterAll(() => mswServer.close());
beforeEach(() => {
  api = new FakeDiscordApi();
  api.install();
});
afterEach(async () => {
  if (world) {
    await world.stop();
    await removeDir(world.dir);
    world = undefined;
  }
  mswServer.resetHandlers();
});

describe('a page by direct message on Discord', () => {
  it('opens the DM channel with the person (POST /users/@me/channels) and posts the page there, through the outbox', async () => {
    const env = { DISCORD_TOKEN: 'test-bot-token', DISCORD_PUBLIC_KEY: keyPair().publicKeyHex, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: API_URL };
    world = await startWorld({ schedule: true, deliver: true, env, config: oncallConfig({ discord: { guilds: [GUILD] } }) });
    // bob, on Discord only, is primary for the day.
    await world.say('alice', 'oncall override @bob --until "2026-03-05 09:00" --schedule api --reason cover');
    const group = await fireAlert(world, 'api');
    expect(await threadLines(world, group)).toEqual(['Escalation step 1/3, round 1/2: paged bob, primary on call for api, by direct message.']);
    // The outbox delivers on real time (discord.js's REST client waits on real timers).
    await vi.waitFor(() => expect(api.callsOf('POST', /^\/channels\/\d+777\/messages$/)).toHaveLength(1), { timeout: 20_000, interval: 50 });

    expect(api.callsOf('POST', /^\/users\/@me\/channels$/).map((c) => c.body)).toEqual([{ recipient_id: BOB }]);
    const [page, ...more] = api.callsOf('POST', /^\/channels\/\d+777\/messages$/);
    expect(more).toEqual([]);
    const body = JSON.stringify(page?.body);
    expect(body).toContain('Paging you: HighErrorRate on api (prod)');
    expect(body).toContain('Escalate now');
  });
});
