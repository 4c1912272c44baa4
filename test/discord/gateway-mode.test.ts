import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { gatewayIntents } from '../../adapters/chat/discord/gateway.js';
import { API_URL, APPLICATION_ID, CHANNEL, discordConfig, FakeDiscordApi, fixture, listenMsw, mswServer, startHarness, type Harness } from './support.js';

let api: FakeDiscordApi;
let wss: WebSocketServer;
let h: Harness | undefined;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(async () => {
  api = new FakeDiscordApi();
  api.install();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  api.gatewayUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  mswServer.resetHandlers();
});

type Frame = { op: number; d: Record<string, unknown> | null; s?: number | null; t?: string | null };

/**
 * The few gateway messages a session needs: HELLO on connect, READY after IDENTIFY, an ACK for
 * every heartbeat. Resolves the socket and the IDENTIFY it received.
 */
function standIn(): Promise<{ socket: WebSocket; identify: Frame }> {
  return new Promise((resolve) => {
    wss.once('connection', (socket) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Frame;
        if (frame.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        if (frame.op === 2) {
          const ready = fixture<Frame & { d: Record<string, unknown> }>('gateway-ready');
          // No unavailable guilds, so discord.js is ready at once instead of waiting for them.
          socket.send(JSON.stringify({ ...ready, d: { ...ready.d, guilds: [] } }));
          resolve({ socket, identify: frame });
        }
      });
      socket.send(JSON.stringify(fixture('gateway-hello')));
    });
  });
}

describe('Discord gateway mode', () => {
  it('keeps the intents minimal, and adds messages and their content only for thread replies', () => {
    expect(gatewayIntents(false)).toEqual([1]);
    expect(gatewayIntents(true)).toEqual([1, 1 << 9, 1 << 15]);
  });

  it('connects through GET /gateway/bot, identifies with the Guilds intent, and answers an INTERACTION_CREATE over HTTP', async () => {
    const session = standIn();
    h = await startHarness(discordConfig({ token: 'test-bot-token', applicationId: APPLICATION_ID, apiUrl: API_URL }));
    expect(h.adapter.mode).toBe('gateway');
    const { socket, identify } = await session;
    expect(api.callsOf('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    expect(identify.d).toMatchObject({ token: 'test-bot-token', intents: 1 });

    const dispatch = fixture<Frame & { d: { data: Record<string, unknown>; id: string; token: string } }>('gateway-interaction-create');
    const data = { ...dispatch.d.data, options: [{ name: 'decision', type: 2, options: [{ name: 'decide', type: 1, options: [{ name: 'title', type: 3, value: 'Gateway works' }] }] }] };
    socket.send(JSON.stringify({ ...dispatch, d: { ...dispatch.d, data } }));

    const deadline = Date.now() + 5000;
    while (api.callsOf('POST', /\/callback$/).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await h.settle();
    const [callback] = api.callsOf('POST', /\/callback$/);
    expect(callback?.path).toBe(`/interactions/${dispatch.d.id}/${dispatch.d.token}/callback`);
    expect(callback?.auth).toBeNull();
    expect(callback?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    const decisions = await h.ops.store.inspect((tx) => tx.scan('decision', { state: 'all' }));
    expect(decisions.map((d) => [d.title, d.channel])).toEqual([['Gateway works', `discord:${CHANNEL}`]]);
    // Gateway mode serves nothing over HTTP.
    expect((await fetch(h.interactionsUrl, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('refuses an INTERACTION_CREATE from a server dayops does not serve, before the router', async () => {
    const session = standIn();
    h = await startHarness(discordConfig({ token: 'test-bot-token', applicationId: APPLICATION_ID, apiUrl: API_URL }));
    const { socket } = await session;
    const dispatch = fixture<Frame & { d: Record<string, unknown> & { data: Record<string, unknown> } }>('gateway-interaction-create');
    const data = { ...dispatch.d.data, options: [{ name: 'decision', type: 2, options: [{ name: 'decide', type: 1, options: [{ name: 'title', type: 3, value: 'Elsewhere' }] }] }] };
    socket.send(JSON.stringify({ ...dispatch, d: { ...dispatch.d, guild_id: '1399999999999999100', data } }));
    const deadline = Date.now() + 5000;
    while (api.callsOf('POST', /\/callback$/).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await h.settle();
    const [callback] = api.callsOf('POST', /\/callback$/);
    expect(callback?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(callback?.body)).toContain('does not serve this server');
    expect(await h.ops.store.inspect((tx) => tx.scan('decision', { state: 'all' }))).toHaveLength(0);
  });
});
