import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { OpsMessage } from '../../bot/model.js';
import { harness, textOf, type Harness } from '../decisions/harness.js';

/** The decision's message as it reads now: its newest post or edit. */
async function decisionMessageNow(h: Harness, id: string): Promise<OpsMessage> {
  const records = await h.ops.store.inspect((tx) => tx.scan('outbox'));
  const latest = records.filter((r) => r.key === `decision:${id}`).sort((a, b) => a.seq - b.seq).at(-1);
  if (!latest) throw new Error(`no message for ${id}`);
  return latest.message as OpsMessage;
}

const reminders = (h: Harness) => h.ops.store.inspect((tx) => tx.scan('reminder', { state: 'all' }));

function berlinConfig(): Config {
  const config = structuredClone(loadConfig({}));
  config.timezone = 'Europe/Berlin';
  config.services.api = { ...config.services.api, channel: 'shell:api-ops' };
  return config;
}

describe('the duty offer on an accepted decision', () => {
  it('appears once a database, monitoring, security or budget decision is accepted, not before and not for other categories', async () => {
    const h = await harness();
    const db = await h.decide('Nightly backups of api --category database --service api');
    const arch = await h.decide('Hexagonal layout --category architecture');
    expect((await decisionMessageNow(h, db)).buttons?.map((b) => (b.kind === 'link' ? b.url : b.action))).toEqual(['decision.accept', 'decision.reject']);
    await h.accept(db);
    await h.accept(arch);
    expect((await decisionMessageNow(h, db)).buttons).toEqual([{ kind: 'action', label: 'Create restore test reminder', action: 'duty.create', value: db }]);
    expect((await decisionMessageNow(h, arch)).buttons).toBeUndefined();
  });

  it('creates the reminder prefilled from the decision, linked both ways, and the message names it', async () => {
    const h = await harness();
    const id = await h.decide('Nightly backups of api --category database --service api');
    await h.accept(id);
    const r = await h.press('bob', 'duty.create', id);
    expect(r.failed).toBeFalsy();
    expect(textOf(r)).toBe(`REM-1 now holds the duty of ${id}: Restore test of the api database (D-1: Nightly backups of api), in shell:ops; first at 2026-02-01 09:00 UTC.`);
    const [rem] = await reminders(h);
    expect(rem).toMatchObject({
      id: 'REM-1',
      channel: 'shell:ops',
      text: 'Restore test of the api database (D-1: Nightly backups of api)',
      schedule: { kind: 'cron', cron: '0 9 1 * *', tz: 'UTC' },
      state: 'active',
      owner: 'alice',
      runbook: 'restore-test',
      decision: 'D-1',
      createdBy: 'bob',
      nextAt: '2026-02-01T09:00:00.000Z',
    });
    const job = await h.ops.store.read((tx) => tx.get('job', 'reminder:REM-1'));
    expect(job).toMatchObject({ type: 'reminder.fire', cron: '0 9 1 * *', tz: 'UTC', dueAt: '2026-02-01T09:00:00.000Z' });
    expect((await h.decision(id))?.duty).toBe('REM-1');
    const message = await decisionMessageNow(h, id);
    expect(message.buttons).toBeUndefined();
    expect(message.fields).toContainEqual({ label: 'Duty', value: 'REM-1 · restore test, monthly' });
    const audit = await h.ops.store.queryAudit({ target: id });
    expect(audit.map((e) => e.summary)).toContain('created REM-1 as the restore test duty of D-1');
  });

  it('pressed twice, creates one reminder and says which one holds the duty', async () => {
    const h = await harness();
    const id = await h.decide('Prometheus for api --category monitoring --service api');
    await h.accept(id);
    await h.press('alice', 'duty.create', id);
    const again = await h.press('bob', 'duty.create', id);
    expect(again.failed).toBeFalsy();
    expect(textOf(again)).toBe('D-1 already has its duty: REM-1 (Review the api dashboards and alert rules (D-1: Prometheus for api)).');
    expect((await reminders(h)).map((x) => x.id)).toEqual(['REM-1']);
    expect(await h.ops.store.queryAudit({ target: id })).toHaveLength(3); // decide, accept, one duty.create
  });

  it('schedules each kind on its own cadence in the team time zone, into the service channel', async () => {
    const h = await harness({ config: berlinConfig() });
    const ids = [
      await h.decide('Backups for api --category database --service api'),
      await h.decide('Dashboards for api --category monitoring --service api'),
      await h.decide('Vault everywhere --category security'),
      await h.decide('Cloud spend under 2k --category budget --service web'),
    ];
    for (const id of ids) {
      await h.accept(id);
      await h.press('bob', 'duty.create', id);
    }
    const rows = (await reminders(h)).map((r) => [r.decision, r.channel, r.schedule, r.nextAt]);
    // The clock stands at Monday 2026-01-05 10:00 in Berlin.
    expect(rows).toEqual([
      ['D-1', 'shell:api-ops', { kind: 'cron', cron: '0 9 1 * *', tz: 'Europe/Berlin' }, '2026-02-01T08:00:00.000Z'],
      ['D-2', 'shell:api-ops', { kind: 'cron', cron: '0 9 * * MON', tz: 'Europe/Berlin' }, '2026-01-12T08:00:00.000Z'],
      ['D-3', 'shell:ops', { kind: 'cron', cron: '0 9 1 1,4,7,10 *', tz: 'Europe/Berlin' }, '2026-04-01T07:00:00.000Z'],
      ['D-4', 'shell:ops', { kind: 'cron', cron: '0 10 1 * *', tz: 'Europe/Berlin' }, '2026-02-01T09:00:00.000Z'],
    ]);
    expect((await reminders(h)).map((r) => r.text)).toEqual([
      'Restore test of the api database (D-1: Backups for api)',
      'Review the api dashboards and alert rules (D-2: Dashboards for api)',
      'Access review of every service (D-3: Vault everywhere)',
      'Cost review of web (D-4: Cloud spend under 2k)',
    ]);
  });

  it('refuses a decision that is not accepted, or of a category without a duty, in one sentence, storing nothing', async () => {
    const h = await harness();
    const proposed = await h.decide('Backups for api --category database --service api');
    const other = await h.decide('Use TypeScript --category tooling');
    await h.accept(other);
    const notYet = await h.press('bob', 'duty.create', proposed);
    expect(notYet.failed).toBe(true);
    expect(textOf(notYet)).toBe('D-1 is proposed; only an accepted decision creates a duty.');
    const wrongKind = await h.press('bob', 'duty.create', other);
    expect(wrongKind.failed).toBe(true);
    expect(textOf(wrongKind)).toBe('D-2 is a tooling decision; duties come from database, monitoring, security, budget decisions.');
    const notADecision = await h.press('bob', 'duty.create', 'DEP-3');
    expect(notADecision.failed).toBe(true);
    expect(await reminders(h)).toEqual([]);
    expect((await h.decision(proposed))?.duty).toBeUndefined();
  });

  it('is refused to someone without the reminders permission', async () => {
    const h = await harness();
    const id = await h.decide('Backups --category database');
    await h.accept(id);
    const r = await h.press('carol', 'duty.create', id);
    expect(r.failed).toBe(true);
    expect(await reminders(h)).toEqual([]);
  });

  it('comes back when the reminder holding the duty is cancelled; pressing then creates a new one', async () => {
    const h = await harness();
    const id = await h.decide('Backups --category database');
    await h.accept(id);
    await h.press('bob', 'duty.create', id);
    await h.run('bob', 'reminder cancel REM-1');
    expect((await h.decision(id))?.duty).toBeUndefined();
    expect((await decisionMessageNow(h, id)).buttons?.map((b) => (b.kind === 'link' ? b.url : b.action))).toEqual(['duty.create']);
    const r = await h.press('bob', 'duty.create', id);
    expect(textOf(r)).toMatch(/^REM-2 now holds the duty of D-1/);
    expect((await h.decision(id))?.duty).toBe('REM-2');
  });
});

describe('readiness lists accepted decisions without a duty', () => {
  it('per service, counting decisions for all services, until their duty exists', async () => {
    const h = await harness();
    await h.decide('Backups of api --category database --service api'); // D-1
    await h.decide('Vault everywhere --category security'); // D-2, all services
    await h.decide('Dashboards for web --category monitoring --service web'); // D-3, another service
    await h.decide('Spend cap --category budget --service api'); // D-4, stays proposed
    await h.decide('p99 under 300 ms --category success-criteria --service api'); // D-5, no duty kind
    for (const id of ['D-1', 'D-2', 'D-3', 'D-5']) await h.accept(id);
    const before = await h.run('carol', 'readiness api production');
    expect(before.message.fields?.at(-1)).toEqual({
      label: 'Day-2 duties: 2 without a reminder',
      value: [
        '✗ D-1 Backups of api: no restore test reminder (Create restore test reminder on its message)',
        '✗ D-2 Vault everywhere: no access review reminder (Create access review reminder on its message)',
      ].join('\n'),
    });
    await h.press('bob', 'duty.create', 'D-1');
    await h.press('bob', 'duty.create', 'D-2');
    const after = await h.run('carol', 'readiness api production');
    expect(after.message.fields?.map((f) => f.label)).toEqual(['production: 1 missing']);
    const web = await h.run('carol', 'readiness web production');
    expect(web.message.fields?.at(-1)?.value).toBe('✗ D-3 Dashboards for web: no dashboard review reminder (Create dashboard review reminder on its message)');
  });
});
