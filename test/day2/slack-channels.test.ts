import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDay2, textOf } from './app.js';

const API = 'http://slack.test/api';
const ALICE_SLACK = 'U0AB12CD34E';
const ENV = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-signing-secret', SLACK_API_URL: `${API}/` };

/** Slack's Web API for what this test touches; conversations.list answers in two pages, as Slack pages. */
const calls: { method: string; params: Record<string, string> }[] = [];
/** Set to make conversations.list answer as Slack does for a token without the scope. */
let missingScope = false;
const msw = setupServer(
  http.post(`${API}/:method`, async ({ request, params }) => {
    const method = String(params.method);
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    calls.push({ method, params: form });
    if (method === 'auth.test') return HttpResponse.json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0A1B2C3D4E' });
    if (method === 'conversations.list' && missingScope) return HttpResponse.json({ ok: false, error: 'missing_scope', needed: 'channels:read' });
    if (method === 'conversations.list' && !form.cursor) {
      return HttpResponse.json({ ok: true, channels: [{ id: 'C0GENERAL01', name: 'general' }], response_metadata: { next_cursor: 'page2' } });
    }
    if (method === 'conversations.list') return HttpResponse.json({ ok: true, channels: [{ id: 'C0OPS123456', name: 'ops' }], response_metadata: { next_cursor: '' } });
    if (method === 'chat.postMessage') return HttpResponse.json({ ok: true, channel: form.channel, ts: '1763763605.000100' });
    if (method === 'chat.update') return HttpResponse.json({ ok: true, channel: form.channel, ts: form.ts });
    return HttpResponse.json({ ok: false, error: 'unknown_method' });
  }),
);

beforeAll(() =>
  msw.listen({
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterAll(() => msw.close());

describe('#name channels on Slack', () => {
  it('are stored as the channel id Slack addresses, found by name once and cached', async () => {
    const w = await startDay2(
      (c) => {
        c.people.find((p) => p.name === 'alice')!.identities.slack = [ALICE_SLACK];
      },
      { env: ENV },
    );
    const answer = await w.say('alice', 'remind #ops Rotate the certificates --every 1d', 'slack:C0GENERAL01');
    expect(answer.failed).toBeFalsy();
    await w.say('alice', 'remind #Ops Check the backups --every 1d', 'slack:C0GENERAL01');
    const channels = await w.app.ops.store.inspect(async (tx) => (await tx.scan('reminder')).map((r) => r.channel));
    expect(channels).toEqual(['slack:C0OPS123456', 'slack:C0OPS123456']);
    expect(calls.filter((c) => c.method === 'conversations.list').map((c) => c.params.cursor ?? '')).toEqual(['', 'page2']);

    const unknown = await w.say('alice', 'remind #nope Something --every 1d', 'slack:C0GENERAL01');
    expect(unknown.failed).toBe(true);
    expect(textOf(unknown)).toBe(
      "dayops sees no slack channel called #nope; invite dayops to it, or pick it from the channel list as you type #, or write its id as slack:C0123ABCD (from the channel's details).",
    );
    // An id, or Slack's own channel link, needs no lookup.
    await w.say('alice', 'digest --channel <#C0GENERAL01|general>', 'slack:C0GENERAL01');
    await w.say('alice', 'remind slack:C0GENERAL01 Patch Tuesday --cron "0 9 * * 2#2"', 'slack:C0GENERAL01');
    expect(await w.app.ops.store.inspect(async (tx) => (await tx.scan('reminder')).length)).toBe(3);
  });

  it('are refused with a sentence, and nothing stored, when Slack will not list the channels', async () => {
    missingScope = true;
    onTestFinished(() => {
      missingScope = false;
    });
    const w = await startDay2((c) => {
      c.people.find((p) => p.name === 'alice')!.identities.slack = [ALICE_SLACK];
    }, { env: ENV });
    const answer = await w.say('alice', 'remind #ops Rotate the certificates --every 1d', 'slack:C0GENERAL01');
    expect(answer.failed).toBe(true);
    expect(textOf(answer)).toBe("dayops could not look up slack channels by name just now; pick it from the channel list as you type #, or write its id as slack:C0123ABCD (from the channel's details).");
    expect(await w.app.ops.store.inspect((tx) => tx.scan('reminder'))).toEqual([]);
  });

  it('are refused with a sentence where no directory can turn them into an id (Discord)', async () => {
    const w = await startDay2();
    const answer = await w.say('alice', 'remind #ops Rotate the certificates --every 1d', 'discord:123456789012345678');
    expect(answer.failed).toBe(true);
    expect(textOf(answer)).toBe(
      'discord addresses channels by id, and "ops" is a name; pick it from the channel list as you type #, or write its id as discord:1234567890123456789 (from the channel\'s details).',
    );
    expect(await w.app.ops.store.inspect((tx) => tx.scan('reminder'))).toEqual([]);
  });
});
