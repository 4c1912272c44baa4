import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { reply } from '../../bot/model.js';
import {
  ALICE,
  BOB,
  CHANNEL,
  FakeSlackApi,
  fixture,
  interactionBody,
  listenMsw,
  mswServer,
  signedPost,
  slashBody,
  slackConfig,
  startHarness,
  type Harness,
} from './support.js';

let h: Harness;
let api: FakeSlackApi;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(async () => {
  api = new FakeSlackApi();
  api.install();
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
  mswServer.resetHandlers();
});

async function decisions() {
  return h.ops.store.inspect((tx) => tx.scan('decision', { state: 'all' }));
}

/** alice proposes a decision in the channel; resolves the ts Slack gave its message. */
async function proposeDecision(): Promise<string> {
  const res = await signedPost(h.eventsUrl, slashBody({ text: 'decide Nightly PostgreSQL backups --category database' }));
  expect(res.status).toBe(200);
  await h.settle();
  return api.lastPostedTs();
}

describe('Slack HTTP mode on the core server', () => {
  it('acknowledges /ops with an empty 200, runs the command, answers the asker and posts the message to the channel', async () => {
    const res = await signedPost(h.eventsUrl, slashBody({ text: 'decide Nightly PostgreSQL backups --category database' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.settle();

    const [d] = await decisions();
    expect(d).toMatchObject({ id: 'D-1', title: 'Nightly PostgreSQL backups', status: 'proposed' });
    expect(api.responses).toHaveLength(1);
    expect(api.responses[0]?.url).toBe(fixture<{ response_url: string }>('slash-command').response_url);
    // decide answers privately (the id); the channel sees the decision's own message.
    expect(api.responses[0]?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('D-1') });

    const [post] = api.callsOf('chat.postMessage');
    expect(post).toMatchObject({ channel: CHANNEL, unfurl_links: 'false', unfurl_media: 'false' });
    const actions = (post?.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => [e.action_id, e.value])).toEqual([
      ['decision.accept', 'D-1'],
      ['decision.reject', 'D-1'],
    ]);
  });

  it('acknowledges before the answer is delivered', async () => {
    const release = api.holdResponses();
    const res = await signedPost(h.eventsUrl, slashBody({ text: 'whoami' }));
    expect(res.status).toBe(200);
    expect(api.responses).toHaveLength(0);
    release();
    await h.settle();
    expect(api.responses).toHaveLength(1);
  });

  it('answers a command the user got wrong only to that user', async () => {
    const res = await signedPost(h.eventsUrl, slashBody({ text: 'frobnicate the servers' }));
    expect(res.status).toBe(200);
    await h.settle();
    expect(api.responses).toHaveLength(1);
    expect(api.responses[0]?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(api.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('turns a button press into the neutral action and edits the message in place', async () => {
    const ts = await proposeDecision();
    expect(await h.ops.outbox.keyForRef(`slack:${CHANNEL}`, ts)).toBe('decision:D-1');
    const payload = fixture<Record<string, unknown>>('block-actions');
    const press = {
      ...payload,
      user: { id: BOB, username: 'bob', name: 'bob', team_id: 'T0A1B2C3D4E' },
      container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
      message: { ...(payload.message as object), ts },
      actions: [{ action_id: 'decision.accept', block_id: 'b', type: 'button', value: 'D-1', action_ts: '1763763650.482913', text: { type: 'plain_text', text: 'Accept' } }],
    };
    const res = await signedPost(h.eventsUrl, interactionBody(press));
    expect(res.status).toBe(200);
    await h.settle();

    const [d] = await decisions();
    expect(d?.status).toBe('accepted');
    const [update] = api.callsOf('chat.update');
    expect(update).toMatchObject({ channel: CHANNEL, ts });
    expect(JSON.stringify(update?.blocks)).not.toContain('decision.accept');
    // One press leaves the edit (and a thread line where the feature keeps one), not a top-level echo.
    expect(api.responses.filter((r) => r.body.response_type === 'in_channel')).toHaveLength(0);
  });

  it('refuses a press by someone without the permission, privately', async () => {
    const ts = await proposeDecision();
    const press = {
      ...fixture<Record<string, unknown>>('block-actions'),
      user: { id: 'U0STRANGER1', username: 'stranger', name: 'stranger', team_id: 'T0A1B2C3D4E' },
      container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
      actions: [{ action_id: 'decision.accept', type: 'button', value: 'D-1', action_ts: '1763763650.9', block_id: 'b', text: { type: 'plain_text', text: 'Accept' } }],
    };
    await signedPost(h.eventsUrl, interactionBody(press));
    await h.settle();
    expect((await decisions())[0]?.status).toBe('proposed');
    expect(api.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral' });
  });

  it('grants the roles of a Slack user group the config maps', async () => {
    await h.close();
    h = await startHarness({ ...slackConfig(), groups: { 'slack:S0AUTHORS1': ['author'] } });
    api.answerNext('usergroups.list', () =>
      HttpResponse.json({ ok: true, usergroups: [{ id: 'S0AUTHORS1', users: ['U0NEWHIRE1'] }, { id: 'S0OTHER', users: ['U0NEWHIRE1'] }] }),
    );
    await signedPost(h.eventsUrl, slashBody({ user_id: 'U0NEWHIRE1', user_name: 'newhire', text: 'decide Group roles work' }));
    await h.settle();
    expect((await decisions()).map((d) => d.title)).toEqual(['Group roles work']);
    expect(api.callsOf('usergroups.list')).toEqual([expect.objectContaining({ include_users: 'true' })]);
    // An unmapped user outside the group gets the default role (viewer) and is refused privately.
    await signedPost(h.eventsUrl, slashBody({ user_id: 'U0OUTSIDER', user_name: 'outsider', text: 'decide Not allowed', trigger_id: 'other' }));
    await h.settle();
    expect(await decisions()).toHaveLength(1);
    expect(api.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('permission') });
  });

  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify(fixture('url-verification'));
    const res = await signedPost(h.eventsUrl, body, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: fixture<{ challenge: string }>('url-verification').challenge });
  });

  it('refuses a bad signature and a timestamp older than five minutes with 401, doing nothing', async () => {
    const body = slashBody({ text: 'decide Should not happen' });
    const forged = await signedPost(h.eventsUrl, body, { secret: 'not-the-secret' });
    const old = await signedPost(h.eventsUrl, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const unsigned = await fetch(h.eventsUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([forged.status, old.status, unsigned.status]).toEqual([401, 401, 401]);
    await h.settle();
    expect(await decisions()).toHaveLength(0);
    expect(api.responses).toHaveLength(0);
  });

  it('acknowledges a replayed retry without a second effect or a second answer', async () => {
    const body = slashBody({ text: 'decide Only once please' });
    expect((await signedPost(h.eventsUrl, body)).status).toBe(200);
    const retry = await signedPost(h.eventsUrl, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.settle();
    expect(await decisions()).toHaveLength(1);
    expect(api.responses).toHaveLength(1);
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('runs an app_mention like the slash command, answering the asker privately', async () => {
    const event = fixture<{ event: Record<string, unknown> }>('event-app-mention');
    const body = JSON.stringify({ ...event, event: { ...event.event, text: '<@U0BOT5678XY> decide Use Prometheus --category monitoring' } });
    const res = await signedPost(h.eventsUrl, body, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    await h.settle();
    const [d] = await decisions();
    expect(d).toMatchObject({ title: 'Use Prometheus', category: 'monitoring', channel: `slack:${CHANNEL}` });
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(api.callsOf('chat.postEphemeral')).toEqual([expect.objectContaining({ channel: CHANNEL, user: ALICE })]);
    const retry = await signedPost(h.eventsUrl, body, { contentType: 'application/json', headers: { 'x-slack-retry-num': '1' } });
    expect(retry.status).toBe(200);
    await h.settle();
    expect(await decisions()).toHaveLength(1);
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(api.callsOf('chat.postEphemeral')).toHaveLength(1);
  });

  it('delivers a reply in a thread the bot owns, and ignores other threads and bot messages', async () => {
    const ts = await proposeDecision();
    const seen: { text: string; thread: string; actor: string | undefined }[] = [];
    h.router.onThreadReply('decision:', async (ctx) => {
      seen.push({ text: ctx.args.text, thread: ctx.args.thread, actor: ctx.actor.person });
      return reply({ text: 'Noted in the timeline.' });
    });
    const base = fixture<{ event: Record<string, unknown>; event_id: string }>('event-message-thread-reply');
    const send = (event: Record<string, unknown>, eventId: string) =>
      signedPost(h.eventsUrl, JSON.stringify({ ...base, event_id: eventId, event: { ...base.event, ...event } }), { contentType: 'application/json' });
    const posted = api.callsOf('chat.postMessage').length;

    expect((await send({ thread_ts: ts, user: ALICE }, 'Ev1')).status).toBe(200);
    expect((await send({ thread_ts: '1700000000.000001' }, 'Ev2')).status).toBe(200);
    expect((await send({ thread_ts: ts, bot_id: 'B0OTHER', subtype: 'bot_message' }, 'Ev3')).status).toBe(200);
    await h.settle();

    expect(seen).toEqual([{ text: 'rolled back the feature flag, error rate dropping', thread: 'decision:D-1', actor: 'alice' }]);
    const replies = api.callsOf('chat.postMessage').slice(posted);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ channel: CHANNEL, thread_ts: ts, text: 'Noted in the timeline.' });
  });
});
