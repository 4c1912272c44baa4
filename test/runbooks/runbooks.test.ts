import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import type { OpsMessage } from '../../bot/model.js';
import { outbox, reminderConfig, startWorld, tempDir, textOf, type World } from '../reminders/support.js';

let dir: { dir: string; remove(): Promise<void> };
let world: World;

beforeEach(async () => {
  dir = await tempDir();
  const config = reminderConfig((c) => {
    c.runbooks['flush-cache'] = {
      description: 'Flush the CDN cache',
      engine: { type: 'script', command: 'echo "flushing $DAYOPS_ARG_REGION in $DAYOPS_ENV"; exit 2', graceSeconds: 1 },
      envs: ['staging'],
      approvals: 1,
    };
    c.people.push({ name: 'carl', displayName: 'Carl', identities: {}, roles: ['admin', 'admin@production'] });
  });
  world = await startWorld(dir.dir, new ManualClock(new Date('2026-03-20T10:00:00Z')), config);
});

afterEach(async () => {
  await world.stop();
  await dir.remove();
});

const run = (id: string) => world.ops.store.read((tx) => tx.get('runbookRun', id));
const thread = async (id: string) =>
  (await outbox(world.ops)).filter((r) => r.thread === `runbook-run:${id}`).map((r) => (r.message as OpsMessage).text);

describe('runbooks', () => {
  it('lists the configured runbooks', async () => {
    expect(textOf(await world.say('alice', 'runbooks'))).toBe(
      'Runbooks\nrestore-test · Restore the latest backup into a scratch database · script\nflush-cache · Flush the CDN cache · script · staging · 1 approval',
    );
  });

  it('runs on the script engine and streams the output into the run thread, audited', async () => {
    const answer = await world.say('bob', 'run restore-test staging --arg db=orders');
    expect(textOf(answer)).toBe('RUN-1: running restore-test in staging; output follows in its thread.');
    await world.ops.activity.whenIdle(5000);
    expect(await run('RUN-1')).toMatchObject({ state: 'succeeded', args: { db: 'orders' }, logTail: ['restoring orders in staging', 'restore ok'] });
    expect(await thread('RUN-1')).toEqual(['restoring orders in staging\nrestore ok', 'Succeeded: restore-test finished.']);
    const audit = await world.ops.store.queryAudit({ target: 'RUN-1' });
    expect(audit.map((e) => e.action).sort()).toEqual(['runbook.finish', 'runbook.run']);
    expect(audit.find((e) => e.action === 'runbook.run')?.summary).toBe('asked to run restore-test in staging with db=orders');
  });

  it('waits for an approval from someone else, then runs; a failing script fails the run', async () => {
    const answer = await world.say('carl', 'run flush-cache --arg region=eu');
    expect(textOf(answer)).toBe('RUN-1: running flush-cache in staging; it waits for 1 approval(s).');
    expect((await world.press('carl', 'runbook.approve', 'RUN-1')).message.text).toBe('You asked for RUN-1; someone else has to approve it.');
    expect((await run('RUN-1'))!.state).toBe('awaiting_approval');
    expect(textOf(await world.press('bob', 'runbook.approve', 'RUN-1'))).toBe('RUN-1 approved (starting).');
    await world.ops.activity.whenIdle(5000);
    expect(await run('RUN-1')).toMatchObject({ state: 'failed', approvals: [{ by: 'bob' }], logTail: ['flushing eu in staging'] });
    expect((await thread('RUN-1')).at(-1)).toMatch(/^Failed: /);
  });

  it('denies by policy: an environment the runbook may not run in, an unknown runbook, a person without the permission, a Deny press', async () => {
    expect((await world.say('bob', 'run flush-cache production')).failed).toBe(true);
    expect((await world.say('carl', 'run flush-cache production')).message.text).toBe('The runbook flush-cache may run in staging only, not in production.');
    expect((await world.say('bob', 'run nope')).message.text).toBe('There is no runbook "nope"; the runbooks are restore-test, flush-cache.');
    const refused = await world.say('alice', 'run restore-test staging');
    expect(refused.failed).toBe(true);
    expect(refused.message.text).toMatch(/^You need the runbook.run permission in staging to use the run command;/);
    expect(await world.ops.store.inspect((tx) => tx.scan('runbookRun', { state: 'all' }))).toEqual([]);
    await world.say('carl', 'run flush-cache staging');
    expect((await world.press('alice', 'runbook.deny', 'RUN-1')).failed).toBe(true);
    expect((await run('RUN-1'))!.state).toBe('awaiting_approval');
    expect(textOf(await world.press('bob', 'runbook.deny', 'RUN-1'))).toBe('RUN-1 denied.');
    expect(await run('RUN-1')).toMatchObject({ state: 'denied', result: 'Denied by bob.' });
  });
});
