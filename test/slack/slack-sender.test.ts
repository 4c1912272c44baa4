import { webApi } from '@slack/bolt';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientOptions } from '../../adapters/chat/slack/client-options.js';
import { renderBlocks } from '../../adapters/chat/slack/render.js';
import { SlackSender } from '../../adapters/chat/slack/sender.js';
import { PermanentSendError, RateLimitedError } from '../../bot/chat-sender.js';
import { API_URL, FakeSlackApi, fixture, listenMsw, mswServer } from './support.js';

let api: FakeSlackApi;
let sender: SlackSender;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(() => {
  api = new FakeSlackApi();
  api.install();
  const client = new webApi.WebClient('xoxb-test-token', clientOptions(API_URL));
  sender = new SlackSender(client, (m) => renderBlocks(m, { tz: 'UTC', mention: () => undefined }));
});
afterEach(() => mswServer.resetHandlers());

const message = { title: 'DEP-12 · checkout v2.8.1 → prod', text: 'Rolling out', tone: 'info' as const };
const post = (threadRef?: string) => sender.post({ channelId: 'C0OPSPROD01', key: 'deployment:DEP-12', message, dedupeKey: 'dayops-out-1', ...(threadRef ? { threadRef } : {}) });

function slackError(error: string, init: ResponseInit = {}) {
  return () => HttpResponse.json({ ok: false, error }, init);
}

describe('SlackSender', () => {
  it('posts with chat.postMessage, blocks as a JSON field, unfurling off, and returns the ts as the ref', async () => {
    const result = await post();
    expect(result.ref).toBe(api.lastPostedTs());
    const [call] = api.callsOf('chat.postMessage');
    expect(call).toMatchObject({ channel: 'C0OPSPROD01', unfurl_links: 'false', unfurl_media: 'false' });
    expect(call?.text).toContain('DEP-12');
    expect(call?.thread_ts).toBeUndefined();
    expect((call?.blocks as { type: string }[])[0]?.type).toBe('header');
  });

  it('posts into a thread when given the parent ts', async () => {
    await post('1763763605.001200');
    expect(api.callsOf('chat.postMessage')[0]).toMatchObject({ thread_ts: '1763763605.001200' });
  });

  it('edits with chat.update on the stored channel and ts', async () => {
    await sender.edit({ channelId: 'C0OPSPROD01', ref: '1763763605.001200', key: 'deployment:DEP-12', message: { ...message, text: 'Done' } });
    expect(api.callsOf('chat.update')).toEqual([expect.objectContaining({ channel: 'C0OPSPROD01', ts: '1763763605.001200', text: expect.stringContaining('Done') })]);
  });

  it('turns HTTP 429 with Retry-After into a RateLimitedError, without retrying itself', async () => {
    api.answerNext('chat.postMessage', () => HttpResponse.json(fixture('chat-postMessage-ratelimited'), { status: 429, headers: { 'Retry-After': '7' } }));
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(7000);
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it.each(['ratelimited', 'message_limit_exceeded'])('turns ok:false %s into a RateLimitedError', async (code) => {
    api.answerNext('chat.postMessage', slackError(code, { headers: { 'Retry-After': '3' } }));
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(3000);
  });

  it('waits a second when ok:false ratelimited comes without Retry-After', async () => {
    api.answerNext('chat.postMessage', slackError('ratelimited'));
    const err = await post().catch((e: unknown) => e);
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
  });

  it.each(['channel_not_found', 'is_archived', 'invalid_auth'])('gives up on %s (PermanentSendError) with how to fix it', async (code) => {
    api.answerNext('chat.postMessage', slackError(code));
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as PermanentSendError).undeliverable).toMatchObject({ reason: code, fix: expect.stringMatching(/\.$/) });
  });

  it('gives up on not_in_channel when joining is not allowed (missing channels:join), saying how to fix it', async () => {
    api.answerNext('chat.postMessage', slackError('not_in_channel'));
    api.answerNext('conversations.join', slackError('missing_scope'));
    const err = (await post().catch((e: unknown) => e)) as PermanentSendError;
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err.undeliverable.reason).toBe('not_in_channel');
    expect(err.undeliverable.fix).toContain('channels:join');
  });

  it('posts a direct message to the person for a channel @U…', async () => {
    await sender.post({ channelId: '@U0AB12CD34E', key: 'undeliverable:dm:1', message, dedupeKey: 'dayops-out-2' });
    expect(api.callsOf('chat.postMessage')[0]).toMatchObject({ channel: 'U0AB12CD34E' });
  });

  it.each(['message_not_found', 'cant_update_message'])('gives up on an edit answered %s', async (code) => {
    api.answerNext('chat.update', slackError(code));
    await expect(sender.edit({ channelId: 'C1', ref: '1.2', key: 'k', message })).rejects.toBeInstanceOf(PermanentSendError);
  });

  it('leaves a 5xx and a network failure to the outbox as plain errors', async () => {
    api.answerNext('chat.postMessage', () => new HttpResponse('upstream down', { status: 503 }));
    const server = await post().catch((e: unknown) => e);
    expect(server).toBeInstanceOf(Error);
    expect(server).not.toBeInstanceOf(RateLimitedError);
    expect(server).not.toBeInstanceOf(PermanentSendError);
    expect((server as Error).message).toContain('503');

    mswServer.use(http.post(`${API_URL}/chat.postMessage`, () => HttpResponse.error()));
    const network = await post().catch((e: unknown) => e);
    expect(network).toBeInstanceOf(Error);
    expect(network).not.toBeInstanceOf(RateLimitedError);
    expect(network).not.toBeInstanceOf(PermanentSendError);
  });
});
