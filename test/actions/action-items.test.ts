import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { OpsMessage, Reply } from '../../bot/model.js';
import { harness, type Harness } from '../decisions/harness.js';

const DAY = 86_400_000;

/** The demo team plus two approvers in production, which requires no decisions here. */
function actionConfig(policy?: 'refuse'): Config {
  const config = structuredClone(loadConfig({}));
  config.environments.production = { ...config.environments.production!, requiredCategories: [], ...(policy ? { blockingActionItems: policy } : {}) };
  config.deploys = { ...config.deploys, logFlushSeconds: 0 };
  for (const name of ['carl', 'dana']) config.people.push({ name, displayName: name, identities: {}, roles: ['approver', 'approver@production'] });
  return config;
}

const text = (r: Reply) => [r.message.title, r.message.text].filter(Boolean).join('\n');

/** INC-1 on api, declared (so commanded) by bob and resolved; ACT-1 is its blocking follow-up. */
async function resolvedWithBlockingItem(h: Harness, due = '2026-01-10'): Promise<void> {
  expect((await h.run('bob', 'incident declare Connection pool exhausted --sev 2 --service api')).failed).toBeFalsy();
  expect((await h.run('bob', 'incident resolve INC-1')).failed).toBeFalsy();
  const added = await h.run('alice', `incident action INC-1 Add a connection-pool alert --owner @bob --due ${due} --blocking`);
  expect(text(added)).toBe(`ACT-1 recorded for INC-1: Add a connection-pool alert (owner bob, due ${due}, blocking).`);
}

const deployment = (h: Harness, id: string) => h.ops.store.read((tx) => tx.get('deployment', id));

async function thread(h: Harness, key: string): Promise<OpsMessage[]> {
  const records = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).sort((a, b) => a.seq - b.seq);
  return records.filter((r) => r.thread === key).map((r) => r.message as OpsMessage);
}

describe('postmortem action items that bind', () => {
  it('an open blocking item adds a required approval from the commander, naming the item; closing it restores the normal flow', async () => {
    const h = await harness({ config: actionConfig() });
    await resolvedWithBlockingItem(h);
    const asked = await h.run('alice', 'deploy api 1.0.0 to production');
    expect(asked.message.text).toBe('DEP-1: api 1.0.0 → production, it needs 2 approvals (approve DEP-1).');
    expect((await deployment(h, 'DEP-1'))?.requiredApprovers).toEqual([
      { person: 'bob', reason: 'commander of INC-1, for the open blocking action item ACT-1 (INC-1): Add a connection-pool alert, owner bob, due 2026-01-10' },
    ]);
    expect((await h.run('carl', 'approve DEP-1')).failed).toBeFalsy();
    const withoutCommander = await h.run('dana', 'approve DEP-1');
    expect(withoutCommander.failed).toBe(true);
    expect(withoutCommander.message.text).toBe(
      'DEP-1 needs the approval of bob (commander of INC-1, for the open blocking action item ACT-1 (INC-1): Add a connection-pool alert, owner bob, due 2026-01-10); the approval was not recorded.',
    );
    expect((await deployment(h, 'DEP-1'))?.approvals.map((a) => a.person)).toEqual(['carl']);
    expect((await h.run('bob', 'approve DEP-1')).failed).toBeFalsy();
    await h.ops.app.settle();
    expect((await deployment(h, 'DEP-1'))?.state).toBe('succeeded');

    // Staging is not held back.
    expect((await h.run('alice', 'deploy api 1.0.1 to staging')).message.text).toBe('DEP-2: api 1.0.1 → staging, starting now.');
    await h.ops.app.settle();

    expect(text(await h.run('bob', 'action done ACT-1'))).toBe('ACT-1 done: Add a connection-pool alert.');
    expect((await h.run('alice', 'deploy api 1.0.2 to production')).message.text).toBe('DEP-3: api 1.0.2 → production, it needs 1 approval (approve DEP-3).');
    expect((await deployment(h, 'DEP-3'))?.requiredApprovers).toBeUndefined();
    expect((await h.run('dana', 'approve DEP-3')).failed).toBeFalsy();

    const postmortem = text(await h.run('alice', 'incident postmortem INC-1'));
    expect(postmortem).toContain('| Action | Owner | Due | State |\n| --- | --- | --- | --- |\n| ACT-1: Add a connection-pool alert (blocking) | bob | 2026-01-10 | done by bob on 2026-01-05 |');
    expect(await h.ops.store.queryAudit({ target: 'ACT-1' })).toHaveLength(2);
  });

  it('refuses instead where the environment says so, naming the item and how to close it', async () => {
    const h = await harness({ config: actionConfig('refuse') });
    await resolvedWithBlockingItem(h);
    const refused = await h.run('alice', 'deploy api 1.0.0 to production');
    expect(refused.failed).toBe(true);
    expect(refused.message.text).toBe('api has an open blocking action item: ACT-1 (INC-1): Add a connection-pool alert, owner bob, due 2026-01-10. Close it first with action done ACT-1.');
    expect((await h.run('alice', 'deploy web 1.0.0 to production')).failed).toBeFalsy();
    await h.run('bob', 'action done ACT-1');
    expect((await h.run('alice', 'deploy api 1.0.0 to production')).failed).toBeFalsy();
  });

  it('reminds the owner in the incident thread from the due day on, every day, until done; actions filters', async () => {
    const h = await harness({ config: actionConfig() });
    await resolvedWithBlockingItem(h, '2026-01-06');
    await h.run('bob', 'incident action INC-1 Write the failover runbook --owner alice --due 2026-02-01');
    const reminders = async () => (await thread(h, 'incident:INC-1')).filter((m) => m.text?.includes('still open'));
    await h.ops.app.advance(DAY - 60_000);
    expect(await reminders()).toEqual([]);
    await h.ops.app.advance(2 * 60_000);
    expect(await reminders()).toEqual([
      { text: 'bob, ACT-1 is due 2026-01-06 and still open: Add a connection-pool alert. Close it with action done ACT-1.', mentions: [{ person: 'bob' }] },
    ]);
    await h.ops.app.advance(DAY);
    expect(await reminders()).toHaveLength(2);

    await h.ops.app.advance(DAY);
    const overdue = text(await h.run('alice', 'actions --overdue'));
    expect(overdue).toBe('Action items\nACT-1 · Add a connection-pool alert · open, overdue · blocking · owner bob · due 2026-01-06 · INC-1 · api');
    expect(text(await h.run('alice', 'actions --mine'))).toBe('Action items\nACT-2 · Write the failover runbook · open · owner alice · due 2026-02-01 · INC-1 · api');
    expect(text(await h.run('alice', 'actions --service web'))).toBe('No action items match.');

    await h.run('bob', 'action done ACT-1');
    const before = (await reminders()).length;
    await h.ops.app.advance(2 * DAY);
    expect((await reminders()).length).toBe(before);
    expect(text(await h.run('alice', 'actions')).split('\n').slice(1)).toEqual([
      'ACT-2 · Write the failover runbook · open · owner alice · due 2026-02-01 · INC-1 · api',
      'ACT-1 · Add a connection-pool alert · done by bob · blocking · owner bob · due 2026-01-06 · INC-1 · api',
    ]);
  });

  it('offers Add action item on the resolved incident, and refuses bad input in one sentence, storing nothing', async () => {
    const h = await harness({ config: actionConfig() });
    await h.run('bob', 'incident declare Slow search --service api');
    const open = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).filter((r) => r.key === 'incident:INC-1').at(-1)?.message as OpsMessage;
    expect(open.buttons ?? []).toEqual([]);
    await h.run('bob', 'incident resolve INC-1');
    const resolved = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).filter((r) => r.key === 'incident:INC-1').sort((a, b) => a.seq - b.seq).at(-1)?.message as OpsMessage;
    expect(resolved.buttons).toContainEqual({ kind: 'action', label: 'Add action item', action: 'incident.add-action', value: 'INC-1' });
    const press = await h.press('alice', 'incident.add-action', 'INC-1');
    expect(press.visibility).toBe('private');
    expect(text(press)).toBe('Record a follow-up of INC-1 with:\nincident action INC-1 <what is to be done> --owner @name --due YYYY-MM-DD [--blocking]');

    expect(text(await h.run('alice', 'incident action INC-1 Fix it --owner @bob --due tomorrow'))).toBe('"tomorrow" is not a day; give the due date as 2026-12-15.');
    expect(text(await h.run('alice', 'incident action INC-1 Fix it --owner @bob --due 2026-01-04'))).toBe('2026-01-04 has passed; give a due date from today on.');
    expect(text(await h.run('alice', 'incident action INC-1 Fix it --owner @zed --due 2026-01-09'))).toBe('zed is not in the team; the people are alice, bob, carl, dana.');
    expect(text(await h.run('alice', 'incident action INC-9 Fix it --owner @bob --due 2026-01-09'))).toBe('There is no incident INC-9; `incidents` lists them.');
    expect(text(await h.run('alice', 'action done ACT-1'))).toBe('There is no action item ACT-1; `actions` lists them.');
    expect(await h.ops.store.inspect((tx) => tx.scan('actionItem', { state: 'all' }))).toEqual([]);
  });
});
