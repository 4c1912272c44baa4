import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../bot/model.js';
import { harness, testConfig, type Harness } from '../deployments/support.js';

const slackUser: Actor = { platform: 'slack', userId: 'U0LOOPING', displayName: 'a looping integration' };
const shell: Actor = { platform: 'shell', userId: 'alice', displayName: 'Alice' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.idle();
  await h?.ops.close();
  h = undefined;
});

describe('input limits', () => {
  it('limits commands per chat user per minute when configured, with a plain answer, and not the shell', async () => {
    h = await harness(testConfig((c) => (c.limits = { commandsPerMinute: 3 })));
    for (let i = 0; i < 3; i++) expect((await h!.say(slackUser, 'whoami')).failed).toBeUndefined();
    const refused = await h!.say(slackUser, 'whoami');
    expect(refused.failed).toBe(true);
    expect(refused.message.text).toBe('You have sent more than 3 commands in the last minute; try again in 60 s.');
    expect((await h!.press(slackUser, 'deploy.approve', 'DEP-1')).message.text).toContain('more than 3 commands');
    // Someone else is not affected, nor the local shell.
    expect((await h!.say({ ...slackUser, userId: 'U0OTHER' }, 'whoami')).failed).toBeUndefined();
    for (let i = 0; i < 10; i++) expect((await h!.say(shell, 'whoami')).failed).toBeUndefined();
    h!.ops.clock.advance(60_001);
    expect((await h!.say(slackUser, 'whoami')).failed).toBeUndefined();
  });

  it('a rate-limited delivery is not remembered: its retry after the wait runs', async () => {
    h = await harness(testConfig((c) => (c.limits = { commandsPerMinute: 1 })));
    await h!.say(slackUser, 'whoami');
    expect((await h!.say(slackUser, 'whoami', 'slack:command:T1:retry')).message.text).toContain('try again');
    h!.ops.clock.advance(60_001);
    expect((await h!.say(slackUser, 'whoami', 'slack:command:T1:retry')).message.title ?? '').not.toContain('try again');
    expect((await h!.say(slackUser, 'whoami', 'slack:command:T1:retry')).failed).toBeUndefined();
  });

  it('is off by default', async () => {
    h = await harness();
    for (let i = 0; i < 100; i++) expect((await h!.say(slackUser, 'whoami')).failed).toBeUndefined();
  });

  it('refuses a command line longer than 8000 characters, and free text over its own limit', async () => {
    h = await harness();
    const long = await h!.say(shell, `decide ${'x'.repeat(9000)}`);
    expect(long.message.text).toBe('That command is 9007 characters long; dayops reads at most 8000.');
    const title = await h!.say(shell, `decide ${'x'.repeat(500)}`);
    expect(title.failed).toBe(true);
    expect(title.message.text).toMatch(/is 500 characters long; keep it to \d+/);
    const reason = await h!.say(shell, `deny DEP-1 --reason ${'y'.repeat(600)}`);
    expect(reason.message.text).toMatch(/reason is 600 characters long; keep it to 500/);
    expect(await h!.ops.store.inspect((tx) => tx.scan('decision'))).toEqual([]);
  });
});

describe('request body limits', () => {
  it('every HTTP route refuses a body over the limit with 413, before reading credentials', async () => {
    const { startSecuredApp } = await import('./secured-app.js');
    const app = await startSecuredApp();
    try {
      const big = 'x'.repeat(1024 * 1024 + 1);
      const routes = ['/slack/events', '/discord/interactions', '/webhooks/alertmanager', '/webhooks/grafana', '/webhooks/generic', '/api/deployments', '/api/deployments/external'];
      for (const path of routes) {
        const res = await app.post(path, big).catch(() => undefined);
        // The server may close the connection after answering 413; either way nothing was read past the limit.
        if (res) expect([path, res.status]).toEqual([path, 413]);
      }
    } finally {
      await app.close();
    }
  });
});

describe('list commands page their answers', () => {
  it('incidents shows 25 to a page and says how to see the next', async () => {
    h = await harness();
    for (let i = 1; i <= 30; i++) expect((await h.say(shell, `incident declare Outage number ${i} --sev 3`)).failed).toBeUndefined();
    const first = (await h.say(shell, 'incidents')).message.text!.split('\n');
    expect(first).toHaveLength(26);
    expect(first[0]).toMatch(/^INC-30 /);
    expect(first[25]).toBe('Page 1 of 2 (30 in all). incidents --page 2 for more.');
    const second = (await h.say(shell, 'incidents --page 2')).message.text!.split('\n');
    expect(second.slice(0, 5).map((l) => l.split(' ')[0])).toEqual(['INC-5', 'INC-4', 'INC-3', 'INC-2', 'INC-1']);
    expect(second[5]).toBe('Page 2 of 2 (30 in all).');
    expect((await h.say(shell, 'incidents --page 3')).message.text).toBe('There are 2 pages; ask for --page 2 or less.');
  });
});
