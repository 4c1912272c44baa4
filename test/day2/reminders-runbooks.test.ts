import { describe, expect, it } from 'vitest';
import { startDay2, textOf } from './app.js';

describe('reminder buttons', () => {
  it('need the reminders permission the reminder commands need: a viewer cannot press Done or Snooze', async () => {
    const w = await startDay2();
    await w.say('alice', 'remind #ops Rotate the certificates --every 1d');
    // The first firing is due now; a restart fires it, as it would after downtime.
    w.clock.advance(86_400_000);
    await w.restart();
    await w.idle();
    for (const [action, value] of [['reminder.done', 'REM-1:1'], ['reminder.snooze', 'REM-1:1 1h']] as const) {
      const refused = await w.press('carol', action, value);
      expect(refused.failed).toBe(true);
      expect(textOf(refused)).toMatch(new RegExp(`^You need the reminders permission to use the ${action.replace('.', '\\.')} button`));
    }
    expect(textOf(await w.press('alice', 'reminder.done', 'REM-1:1'))).toBe('alice marked REM-1 done: Rotate the certificates');
  });
});

describe('cron forms', () => {
  it('accepts the example config\'s first-Monday schedule and the last day of the month', async () => {
    const w = await startDay2((c) => {
      c.timezone = 'Europe/Berlin';
    });
    expect((await w.say('alice', 'remind #ops Monthly cloud cost review --cron "0 10 * * 1#1"')).failed).toBeFalsy();
    expect((await w.say('alice', 'remind #ops Close the books --cron "0 18 L * *"')).failed).toBeFalsy();
    const due = await w.app.ops.store.inspect(async (tx) => (await tx.scan('job')).filter((j) => j.id.startsWith('reminder')).map((j) => j.dueAt).sort());
    // 21 November 2026: the last day is 30 November (18:00 CET), the first Monday of December the 7th.
    expect(due).toEqual(['2026-11-30T17:00:00.000Z', '2026-12-07T09:00:00.000Z']);
  });
});

describe('runbook runs', () => {
  it('audit the arguments they were given, and refusals read "to use the run command"', async () => {
    const w = await startDay2((c) => {
      c.runbooks['restore-test'] = { ...c.runbooks['restore-test']!, engine: { type: 'script', command: 'true', graceSeconds: 1 } };
    });
    expect((await w.say('bob', 'run restore-test staging --arg db=orders --arg snapshot=latest')).failed).toBeFalsy();
    await w.idle();
    const audit = await w.app.ops.store.queryAudit({ target: 'RUN-1' });
    expect(audit.find((e) => e.action === 'runbook.run')?.summary).toBe('asked to run restore-test in staging with db=orders snapshot=latest');
    expect(textOf(await w.say('carol', 'run restore-test staging'))).toMatch(/^You need the runbook\.run permission in staging to use the run command;/);
  });
});
