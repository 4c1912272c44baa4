import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../bot/model.js';
import { expiryHandler } from '../../bot/deployments/expire.js';
import { freezeStartHandler } from '../../bot/deployments/freeze-commands.js';
import { alice, bob, carol, harness, testConfig, text, until, type Harness } from './support.js';

const dave: Actor = { platform: 'shell', userId: 'dave', displayName: 'Dave' };

let h: Harness;
afterEach(async () => {
  await h?.idle();
  await h?.ops.close();
});

async function deployments() {
  return h.ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }));
}

describe('approvals', () => {
  it('refuses self-approval, comparing dayops persons', async () => {
    h = await harness(testConfig((c) => c.people.find((p) => p.name === 'bob')!.roles.push('deployer@production')));
    await h.say(bob, 'deploy api 1.0.0 to production');
    expect(text(await h.say(bob, 'approve DEP-1'))).toContain('You requested DEP-1, so someone else must approve it.');
    expect((await h.deployment('DEP-1')).approvals).toEqual([]);
  });

  it('needs N approvals from different approvers', async () => {
    h = await harness(
      testConfig((c) => {
        c.environments.production!.approvals = 2;
        c.people.push({ name: 'dave', displayName: 'Dave', identities: {}, roles: ['viewer', 'approver@production'] });
      }),
    );
    await h.say(alice, 'deploy api 1.0.0 to production');
    expect(text(await h.say(bob, 'approve DEP-1'))).toContain('DEP-1 approved (1 of 2).');
    expect(text(await h.say(bob, 'approve DEP-1'))).toContain('You have already approved DEP-1; it needs 1 more');
    expect((await h.deployment('DEP-1')).state).toBe('awaiting_approval');
    expect(text(await h.say(dave, 'approve DEP-1'))).toContain('DEP-1 approved; starting');
    await h.idle();
    const d = await h.deployment('DEP-1');
    expect(d.state).toBe('succeeded');
    expect(d.approvals.map((a) => a.person)).toEqual(['bob', 'dave']);
  });

  it('refuses an approval from someone without approve in that environment', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0 to production');
    expect(text(await h.say(carol, 'approve DEP-1'))).toContain('You need the approve permission in production');
    expect(text(await h.press(carol, 'deploy.approve', 'DEP-1'))).toContain('You need the approve permission in production');
    expect((await h.deployment('DEP-1')).approvals).toEqual([]);
  });

  it('deny closes the request with the reason; deny again is an illegal transition', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0 to production');
    expect(text(await h.say(bob, 'deny DEP-1 --reason not during the sale'))).toContain('DEP-1 denied: not during the sale');
    const d = await h.deployment('DEP-1');
    expect(d.state).toBe('denied');
    expect(d.denial).toMatchObject({ by: 'bob', reason: 'not during the sale' });
    expect(text(await h.press(bob, 'deploy.deny', 'DEP-1'))).toContain('DEP-1 was denied, so it cannot be denied.');
    expect(text(await h.say(bob, 'approve DEP-1'))).toContain('DEP-1 was denied, so it cannot be approved.');
  });

  it('expires a request nobody approved, via the scheduled job, and says so', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0 to production');
    const job = await h.ops.store.read((tx) => tx.get('job', 'deploy-expiry:DEP-1'));
    expect(job?.dueAt).toBe('2026-01-05T10:00:00.000Z');
    h.ops.clock.advance(3_600_000);
    await h.ops.store.transact((tx) => expiryHandler(h.ops)(tx, job!, { dueAt: new Date(job!.dueAt), late: false }));
    const d = await h.deployment('DEP-1');
    expect(d.state).toBe('expired');
    expect(d.result).toContain('nobody approved it in time (0 of 1 approvals)');
    const notes = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.thread === 'deployment:DEP-1' }));
    expect(notes.some((n) => String(n.message.text).startsWith('Expired: nobody approved it in time'))).toBe(true);
    expect(text(await h.say(bob, 'approve DEP-1'))).toContain('DEP-1 expired, so it cannot be approved.');
  });

  it('posts the approval request into the approval channel and the result where it was requested', async () => {
    h = await harness(testConfig((c) => (c.environments.production!.approvalChannel = 'slack:CAPPROVE')));
    await h.say(alice, 'deploy api 1.0.0 to production');
    const approval = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.key === 'deployment-approval:DEP-1' }));
    expect(approval[0]?.channel).toBe('slack:CAPPROVE');
    expect((approval[0]?.message.buttons as { action: string }[]).map((b) => b.action)).toEqual(['deploy.approve', 'deploy.deny']);
    await h.press(bob, 'deploy.approve', 'DEP-1');
    await h.idle();
    const after = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.key === 'deployment-approval:DEP-1' }));
    expect(after[0]?.message.buttons).toBeUndefined();
    const summary = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.key === 'deployment:DEP-1' }));
    expect(summary[0]?.channel).toBe('shell:deploys');
    expect(summary[0]?.message.fields).toContainEqual({ label: 'State', value: 'succeeded', short: true });
  });
});

describe('gates', () => {
  it('refuses during a freeze; an admin overrides with a reason, which is recorded', async () => {
    h = await harness();
    expect(text(await h.say(bob, 'freeze staging --until 2026-01-05T12:00:00Z --reason release week'))).toContain('FRZ-1: staging is frozen');
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toContain('staging is frozen until');
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging --override --reason hotfix'))).toContain('Only an admin may override a freeze or stale evidence.');
    expect(text(await h.say(bob, 'deploy api 1.0.0 to staging --override'))).toContain('--override needs --reason');
    expect(text(await h.say(bob, 'deploy api 1.0.0 to staging --override --reason hotfix for INC-3'))).toContain('DEP-1');
    await h.idle();
    expect((await h.deployment('DEP-1')).override).toMatchObject({ by: 'bob', reason: 'hotfix for INC-3' });
    const audit = await h.ops.store.queryAudit({ target: 'DEP-1' });
    expect(audit.map((a) => a.action)).toContain('freeze.override');
    const refused = await h.ops.store.queryAudit({ actor: 'alice' });
    expect(refused.some((a) => a.outcome === 'refused' && a.summary.includes('frozen'))).toBe(true);
    expect(text(await h.say(bob, 'freezes'))).toContain('FRZ-1 · staging');
    await h.say(bob, 'unfreeze FRZ-1');
    expect(text(await h.say(alice, 'deploy web 1.0.0 to staging'))).toContain('DEP-2');
  });

  it('announces a one-off freeze when it starts: at once, or at its start through the scheduler', async () => {
    h = await harness();
    await h.say(bob, 'freeze staging --until 2026-01-05T12:00:00Z --reason release week');
    await h.say(bob, 'freeze production --from 2026-01-06T08:00:00Z --until 2026-01-06T18:00:00Z --reason audit');
    const queued = () => h.ops.store.inspect((tx) => tx.scan('outbox'));
    expect((await queued()).map((o) => o.key)).toEqual(['freeze:FRZ-1:started']);
    const job = await h.ops.store.read((tx) => tx.get('job', 'freeze-start:FRZ-2'));
    expect(job?.dueAt).toBe('2026-01-06T08:00:00.000Z');
    await h.ops.store.transact((tx) => freezeStartHandler(h.ops)(tx, job!, { dueAt: new Date(job!.dueAt), late: false }));
    const started = (await queued()).find((o) => o.key === 'freeze:FRZ-2:started');
    expect(started).toMatchObject({ channel: 'shell:deploys', message: { text: 'FRZ-2: deploys to production are frozen until 2026-01-06 18:00 UTC (audit).' } });
    await h.say(bob, 'unfreeze FRZ-2');
    expect(await h.ops.store.read((tx) => tx.get('job', 'freeze-start:FRZ-2'))).toBeUndefined();
  });

  it('honours a recurring freeze (cron plus duration)', async () => {
    h = await harness();
    // The clock stands at Monday 2026-01-05 09:00 UTC.
    await h.say(bob, 'freeze staging --cron "0 8 * * MON" --duration 2h --reason monday standup');
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toContain('staging is frozen until');
    h.ops.clock.advance(3_600_000);
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toContain('DEP-1');
  });

  it('refuses while someone else holds the lock, naming them', async () => {
    h = await harness();
    await h.say(bob, 'lock staging --reason testing the migration');
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toMatch(/staging is locked by Bob since .*: testing the migration/);
    expect(text(await h.say(alice, 'unlock staging'))).toContain('only they or an admin may unlock it');
    expect(text(await h.say(bob, 'status staging'))).toContain('locked by Bob');
    await h.say(bob, 'unlock staging');
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toContain('DEP-1');
  });

  it('halt <env> stops the line: halts what runs there and refuses new deploys until resume', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0-slow to staging');
    await until(async () => (await h.deployment('DEP-1')).state === 'running');
    expect(text(await h.say(alice, 'halt staging'))).toContain('needs --reason');
    expect(text(await h.say(alice, 'halt staging --reason error rate climbing'))).toContain('Halted DEP-1');
    await h.idle();
    expect((await h.deployment('DEP-1')).state).toBe('halted');
    expect(text(await h.say(alice, 'deploy web 1.0.0 to staging'))).toContain('The line is halted in staging by alice');
    expect(text(await h.say(alice, 'resume staging'))).toContain('open again');
    expect(text(await h.say(alice, 'deploy web 1.0.0 to staging'))).toContain('DEP-2');
  });

  it('refuses production while a required Day-0 category has no accepted decision, and says which', async () => {
    h = await harness(testConfig((c) => (c.environments.production!.requiredCategories = ['database', 'monitoring'])));
    expect(text(await h.say(alice, 'deploy api 1.0.0 to production'))).toContain('it needs an accepted decision for database, monitoring');
    expect(await deployments()).toEqual([]);
  });

  it('runs one deployment per service and environment: a second is refused, naming the holder', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0-slow to staging');
    expect(text(await h.say(alice, 'deploy api 2.0.0 to staging'))).toContain('api is already being deployed to staging by DEP-1 (1.0.0-slow');
    expect(text(await h.say(alice, 'deploy web 2.0.0 to staging'))).toContain('DEP-2');
    await h.say(alice, 'halt DEP-1');
  });

  it('refuses while a critical alert fires for the service', async () => {
    h = await harness();
    const at = h.ops.clock.now().toISOString();
    await h.ops.store.transact((tx) =>
      tx.put('alertGroup', {
        id: 'ALG-1', source: 'generic', groupKey: 'k', title: 'API 5xx above 5%', groupLabels: {}, channels: ['shell:alerts'],
        service: 'api', env: 'staging', severity: 'critical', status: 'firing', alerts: {}, truncatedAlerts: 0,
        openedAt: at, updatedAt: at, renotified: 0, lines: 0,
      }),
    );
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toContain('A critical alert fires for api in staging: ALG-1 API 5xx above 5%');
    expect(text(await h.say(alice, 'deploy web 1.0.0 to staging'))).toContain('DEP-1');
  });
});

describe('bad input leaves no record', () => {
  it.each([
    ['deploy billing 1.0.0 to staging', 'There is no service "billing"; the services are api, web.'],
    ['deploy api 1.0.0 to qa', 'There is no environment "qa"; the environments are staging, production.'],
    ['deploy api "1.0 0" to staging', 'version: is not a version dayops accepts: it holds a space'],
    [`deploy api ${'x'.repeat(129)} to staging`, 'version: is not a version dayops accepts: it is 129 characters long; at most 128'],
  ])('%s', async (line, message) => {
    h = await harness();
    expect(text(await h.say(alice, line))).toContain(message);
    expect(await deployments()).toEqual([]);
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toContain('DEP-1');
  });
});

describe('concurrency', () => {
  it('two approvals of the same request at once record one effect', async () => {
    h = await harness(testConfig((c) => c.people.push({ name: 'dave', displayName: 'Dave', identities: {}, roles: ['viewer', 'approver@production'] })));
    await h.say(alice, 'deploy api 1.0.0 to production');
    const replies = await Promise.all([h.say(bob, 'approve DEP-1'), h.say(dave, 'approve DEP-1')]);
    await h.idle();
    const texts = replies.map(text);
    expect(texts.filter((t) => t.includes('approved; starting'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('so it cannot be approved'))).toHaveLength(1);
    const d = await h.deployment('DEP-1');
    expect(d.approvals).toHaveLength(1);
    expect(d.history.filter((x) => x.state === 'running')).toHaveLength(1);
    expect(d.state).toBe('succeeded');
  });

  it('a double-clicked button with the same idempotency key acts once', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0 to production');
    const [a, b] = await Promise.all([h.press(bob, 'deploy.approve', 'DEP-1', 'slack:click-1'), h.press(bob, 'deploy.approve', 'DEP-1', 'slack:click-1')]);
    expect(a).toEqual(b);
    await h.idle();
    const d = await h.deployment('DEP-1');
    expect(d.approvals).toHaveLength(1);
    const audit = await h.ops.store.queryAudit({ target: 'DEP-1' });
    expect(audit.filter((e) => e.action === 'deployment.approve')).toHaveLength(1);
  });
});
