import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandIndex, opsCommand } from '../../adapters/chat/discord/application-command.js';
import { decodeCommand } from '../../adapters/chat/discord/command-options.js';
import { DiscordSender } from '../../adapters/chat/discord/sender.js';
import { registerCommands } from '../../adapters/chat/discord/register.js';
import { renderMessage } from '../../adapters/chat/discord/render.js';
import { createRest } from '../../adapters/chat/discord/rest.js';
import { PermanentSendError, RateLimitedError } from '../../bot/chat-sender.js';
import { silentLogger } from '../../bot/log.js';
import { CommandRegistry } from '../../bot/registry.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { API_URL, APPLICATION_ID, CHANNEL, FakeDiscordApi, fixture, GUILD, listenMsw, mswServer } from './support.js';

let api: FakeDiscordApi;
let sender: DiscordSender;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(() => {
  api = new FakeDiscordApi();
  api.install();
  const rest = createRest({ token: 'test-bot-token', apiUrl: API_URL }, true);
  sender = new DiscordSender(rest, (m) => renderMessage(m, { mention: () => undefined }), silentLogger);
});
afterEach(() => mswServer.resetHandlers());

const message = { title: 'DEP-12 · checkout v2.8.1 → production', text: 'Waiting for approval' };
const request = { channelId: CHANNEL, message, key: 'deployment:DEP-12', dedupeKey: 'dayops-out-42' };

describe('DiscordSender', () => {
  it('posts with the outbox key as nonce and enforce_nonce, and returns the message id', async () => {
    const result = await sender.post(request);
    const [call] = api.calls;
    expect(call).toMatchObject({ method: 'POST', path: `/channels/${CHANNEL}/messages`, auth: 'Bot test-bot-token' });
    expect(call?.body).toMatchObject({ nonce: 'dayops-out-42', enforce_nonce: true, embeds: [{ title: message.title }] });
    expect(result).toEqual({ ref: '1310000000000000701' });
  });

  it('starts a thread from a message that will get replies, and posts replies into it', async () => {
    const parent = await sender.post({ ...request, opensThread: true });
    expect(parent).toEqual({ ref: '1310000000000000701', ownThreadRef: '1310000000000000701' });
    const [thread] = api.callsOf('POST', /\/threads$/);
    expect(thread?.path).toBe(`/channels/${CHANNEL}/messages/1310000000000000701/threads`);
    expect(thread?.body).toEqual({ name: message.title, auto_archive_duration: 1440 });

    const reply = await sender.post({ ...request, key: 'deployment:DEP-12:note:1', dedupeKey: 'dayops-out-43', message: { text: 'Approved by bob.' }, threadRef: parent.ref, parentOwnThreadRef: parent.ownThreadRef! });
    expect(api.calls.at(-1)?.path).toBe(`/channels/${parent.ownThreadRef}/messages`);
    expect(reply.ref).toBe(`${parent.ownThreadRef}/1310000000000000702`);

    await sender.edit({ channelId: CHANNEL, ref: reply.ref, message: { text: 'Approved by bob (edited).' }, key: 'k' });
    expect(api.calls.at(-1)).toMatchObject({ method: 'PATCH', path: `/channels/${parent.ownThreadRef}/messages/1310000000000000702` });
  });

  it('starts the thread with the first reply when the parent opened none, and accepts one that already exists', async () => {
    api.answerNext('POST', /\/threads$/, () => HttpResponse.json({ message: 'A thread has already been created for this message', code: 160004 }, { status: 400 }));
    await sender.post({ ...request, threadRef: '1310000000000000650', message: { text: 'note' } });
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST /channels/${CHANNEL}/messages/1310000000000000650/threads`,
      'POST /channels/1310000000000000650/messages',
    ]);
  });

  it('edits a message in place by channel and message id', async () => {
    await sender.edit({ channelId: CHANNEL, ref: '1310000000000000700', message: { text: 'Done' }, key: 'k' });
    expect(api.calls[0]).toMatchObject({ method: 'PATCH', path: `/channels/${CHANNEL}/messages/1310000000000000700`, body: { content: 'Done' } });
  });

  it('turns a 429 into RateLimitedError with Discord retry_after', async () => {
    api.answerNext('POST', /messages$/, () =>
      HttpResponse.json(fixture('rate-limit-429'), { status: 429, headers: { 'retry-after': '0.742', 'x-ratelimit-scope': 'user' } }),
    );
    const err = await sender.post(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(742);
    expect((err as RateLimitedError).retryAfterMs).toBeLessThan(1000);
  });

  it('gives up on unknown channels, unknown messages and missing access; retries server errors', async () => {
    api.answerNext('POST', /messages$/, () => HttpResponse.json({ message: 'Unknown Channel', code: 10003 }, { status: 404 }));
    expect(await sender.post(request).catch((e: unknown) => e)).toBeInstanceOf(PermanentSendError);
    api.answerNext('PATCH', /messages/, () => HttpResponse.json({ message: 'Unknown Message', code: 10008 }, { status: 404 }));
    expect(await sender.edit({ channelId: CHANNEL, ref: '1', message: { text: 'x' }, key: 'k' }).catch((e: unknown) => e)).toBeInstanceOf(PermanentSendError);
    api.answerNext('POST', /messages$/, () => HttpResponse.json({ message: 'Missing Access', code: 50001 }, { status: 403 }));
    expect(await sender.post(request).catch((e: unknown) => e)).toBeInstanceOf(PermanentSendError);
    api.answerNext('POST', /messages$/, () => HttpResponse.json({ message: 'Internal Server Error' }, { status: 502 }));
    const err = await sender.post(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect(err).not.toBeInstanceOf(RateLimitedError);
  });
});

describe('/ops from the command definitions', () => {
  const registry = new CommandRegistry(COMMANDS, ACTIONS);
  const ops = opsCommand(registry);
  type Opt = { type: number; name: string; description?: string; required?: boolean; choices?: { name: string }[]; options?: Opt[] };
  const groups = (ops as { options: Opt[] }).options;
  const sub = (group: string, name: string) => groups.find((g) => g.name === group)?.options?.find((s) => s.name === name);

  it('gives the grammar Discord users expect: /ops incident declare, /ops decision accept, /ops help', () => {
    expect(sub('incident', 'declare')).toBeDefined();
    expect(sub('decision', 'accept')).toBeDefined();
    expect(sub('decision', 'export')).toBeDefined();
    expect(sub('deploy', 'approve')).toBeDefined();
    expect(sub('incident', 'list')).toBeDefined();
    expect(groups.find((g) => g.name === 'help')).toMatchObject({ type: 1 });
    for (const g of groups) for (const s of g.options ?? []) expect(s.name).toMatch(/^[-_a-z0-9]{1,32}$/);
    // Every command has exactly one place, and the index finds it there.
    const index = commandIndex(registry);
    const places: [string | undefined, string][] = groups.flatMap((g): [string | undefined, string][] => (g.type === 2 ? (g.options ?? []).map((s) => [g.name, s.name]) : [[undefined, g.name]]));
    expect(places).toHaveLength(COMMANDS.length);
    expect(new Set(places.map(([g, s]) => index.find(g, s)?.name)).size).toBe(COMMANDS.length);
  });

  it('types the options, puts required ones first, offers choices and maps people to user options', () => {
    const decide = sub('decision', 'decide')!;
    expect(decide.options?.[0]).toMatchObject({ name: 'title', type: 3, required: true });
    const required = decide.options!.map((o) => Boolean(o.required));
    expect(required.indexOf(false)).toBeGreaterThan(required.lastIndexOf(true));
    expect(decide.options?.find((o) => o.name === 'owner')).toMatchObject({ type: 6 });
    expect(decide.options?.find((o) => o.name === 'category')?.choices?.map((c) => c.name)).toContain('database');
  });

  it('fails loudly at generation when a group has more than 25 commands', () => {
    const template = COMMANDS.find((c) => c.name === 'whoami')!;
    const many = Array.from({ length: 26 }, (_, i) => ({ ...template, name: `cmd${i}`, group: 'deploys' as const }));
    expect(() => opsCommand(new CommandRegistry(many))).toThrow(/26 commands; Discord allows 25/);
  });

  it('decodes the recorded slash command into the structured input the router validates', () => {
    const interaction = fixture<{ data: Parameters<typeof decodeCommand>[0] }>('interaction-slash-command');
    const decoded = decodeCommand(interaction.data, commandIndex(registry), () => undefined);
    expect(decoded.structured).toEqual({ command: 'approve', options: { id: 12 } });
  });

  it('registers with one PUT (guild or global) and says what changed against the current registration', async () => {
    const rest = createRest({ token: 'test-bot-token', apiUrl: API_URL }, false);
    const first = await registerCommands(rest, { applicationId: APPLICATION_ID, guildId: GUILD }, registry);
    expect(first.changes).toEqual([expect.stringMatching(/^added \/ops \(\d+ subcommands\)$/)]);
    const [put] = api.callsOf('PUT', new RegExp(`^/applications/${APPLICATION_ID}/guilds/${GUILD}/commands$`));
    expect(put?.body).toEqual([ops]);

    // Discord now holds an older /ops: one subcommand gone, one described differently, plus a stray command.
    const older = structuredClone(ops) as { options: Opt[] };
    const deploys = older.options.find((g) => g.name === 'deploy')!;
    deploys.options = deploys.options!.filter((s) => s.name !== 'halt');
    deploys.options.find((s) => s.name === 'approve')!.description = 'old words';
    api.registered = [{ ...older, id: '1' }, { name: 'legacy', description: 'old', id: '2' }];
    const second = await registerCommands(rest, { applicationId: APPLICATION_ID }, registry);
    expect(second.changes).toEqual(['changed /ops deploy approve', 'added /ops deploy halt', 'removed /legacy']);
    expect(api.callsOf('PUT', new RegExp(`^/applications/${APPLICATION_ID}/commands$`))).toHaveLength(1);
  });
});
