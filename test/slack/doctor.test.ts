import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../bin/doctor.js';
import { FakeSlackApi, listenMsw, mswServer, slackConfig } from './support.js';

let api: FakeSlackApi;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(() => {
  api = new FakeSlackApi();
  api.install();
});
afterEach(() => mswServer.resetHandlers());

const info = (channel: Record<string, unknown>) => () => HttpResponse.json({ ok: true, channel: { id: 'C', name: 'x', ...channel } });
const refused = (error: string) => () => HttpResponse.json({ ok: false, error });

async function doctor() {
  const base = slackConfig();
  const config = {
    ...base,
    channels: { ops: 'slack:C0OPS', deploys: 'slack:C0PRIVATE', alerts: 'slack:C0GONE', incidents: 'slack:C0OLD' },
    environments: { ...base.environments, production: { ...base.environments.production!, approvalChannel: 'slack:C0OPS' } },
  };
  const lines: string[] = [];
  const code = await runDoctor(config, (l) => lines.push(l));
  return { code, lines };
}

describe('dayops doctor on Slack', () => {
  it('lists the configured channels the bot cannot post to, with the fix, and exits 1', async () => {
    api.answerNext('conversations.info', info({ name: 'ops', is_member: true }));
    api.answerNext('conversations.info', info({ name: 'deploys', is_private: true, is_member: false }));
    api.answerNext('conversations.info', refused('channel_not_found'));
    api.answerNext('conversations.info', info({ name: 'old', is_archived: true }));
    const { code, lines } = await doctor();
    expect(code).toBe(1);
    expect(api.callsOf('conversations.info').map((c) => c.channel)).toEqual(['C0OPS', 'C0PRIVATE', 'C0GONE', 'C0OLD']);
    expect(lines[0]).toBe('dayops doctor: 4 channels checked, 3 the bot cannot post to or could not check.');
    expect(lines.slice(1)).toEqual([
      '  cannot  slack:C0PRIVATE (channels.deploys): #deploys is private and the bot is not in it: The channel is private: invite the bot (/invite @dayops).',
      expect.stringMatching(/^ {2}cannot {2}slack:C0GONE \(channels\.alerts\): channel_not_found: The channel does not exist/),
      '  cannot  slack:C0OLD (channels.incidents): #old is archived: unarchive it, or point the configuration at another channel',
      '  ok      slack:C0OPS (channels.ops, environments.production.approvalChannel): #ops, the bot is a member',
    ]);
  });

  it('says when the token is refused, for every channel', async () => {
    api.answerNext('auth.test', refused('invalid_auth'));
    const { code, lines } = await doctor();
    expect(code).toBe(1);
    expect(lines.slice(1).every((l) => l.includes('the bot token is refused (invalid_auth)'))).toBe(true);
    expect(api.callsOf('conversations.info')).toHaveLength(0);
  });
});
