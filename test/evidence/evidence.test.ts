import { describe, expect, it } from 'vitest';
import { CONFIG_PARTS, loadConfig } from '../../bin/config.js';
import { fileConfigSchema, type Config } from '../../bot/config/schema.js';
import type { OpsMessage, Reply } from '../../bot/model.js';
import { harness, type Harness } from '../decisions/harness.js';

const DAY = 86_400_000;

/** The demo team; production wants a restore test within 35 days; the runbook fails with --arg result=fail. */
function evidenceConfig(): Config {
  const config = structuredClone(loadConfig({}));
  config.environments.production = { ...config.environments.production!, requiredEvidence: { database: '35d' } };
  config.services.api = { ...config.services.api!, channel: 'shell:api-ops' };
  config.runbooks = {
    'restore-test': {
      description: 'Restore the latest backup into a scratch database',
      engine: { type: 'script', command: 'echo "restoring in $DAYOPS_ENV"; test "$DAYOPS_ARG_RESULT" != fail', graceSeconds: 1 },
      envs: ['staging', 'production'],
      approvals: 0,
    },
  };
  config.people.push({ name: 'carl', displayName: 'Carl', identities: {}, roles: ['admin', 'admin@production'] });
  return config;
}

const text = (r: Reply) => [r.message.title, r.message.text, ...(r.message.fields ?? []).map((f) => `${f.label}\n${String(f.value)}`)].filter(Boolean).join('\n');

/** Accepts the four decisions production requires, for api, and creates the restore-test duty of D-1. */
async function readyButForEvidence(h: Harness): Promise<void> {
  await h.decide('Nightly pg_dump backups --category database --service api');
  await h.decide('Prometheus for api --category monitoring --service api');
  await h.decide('Vault for secrets --category security');
  await h.decide('p99 under 300 ms --category success-criteria --service api');
  for (const id of ['D-1', 'D-2', 'D-3', 'D-4']) await h.accept(id);
  const duty = await h.press('bob', 'duty.create', 'D-1');
  expect(duty.failed).toBeFalsy();
}

/** Moves the clock the real scheduler reads, stopping at each job's due time so each fires on time. */
async function advance(h: Harness, ms: number): Promise<void> {
  const clock = h.ops.clock;
  const target = clock.now().getTime() + ms;
  for (;;) {
    const jobs = await h.ops.store.inspect((tx) => tx.scan('job'));
    const next = Math.min(...jobs.map((j) => Date.parse(j.dueAt)).filter((t) => t > clock.now().getTime()));
    const to = Math.min(target, next);
    clock.set(new Date(to));
    await h.ops.app.settle();
    if (to >= target) return;
  }
}

async function runRestoreTest(h: Harness, extra = ''): Promise<void> {
  const r = await h.run('bob', `run restore-test production${extra}`);
  expect(r.failed).toBeFalsy();
  await h.ops.app.settle();
}

async function posts(h: Harness, channel: string): Promise<OpsMessage[]> {
  const records = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).sort((a, b) => a.seq - b.seq);
  return records.filter((r) => r.channel === channel && r.op === 'post').map((r) => r.message as OpsMessage);
}

describe('evidence that expires', () => {
  it('refuses a production deploy until the restore test passes, names the duty and how to clear it; a failed run refuses again', async () => {
    const h = await harness({ config: evidenceConfig() });
    await readyButForEvidence(h);
    const overdue = 'The restore test of D-1 (Nightly pg_dump backups) is overdue: it has not been done yet. Clear it with: run restore-test production.';
    const readiness = await h.run('alice', 'readiness api production');
    expect(text(readiness)).toContain('production: 1 evidence overdue or failed');
    expect(text(readiness)).toContain(`✗ database evidence: ${overdue}`);
    const refused = await h.run('alice', 'deploy api 1.0.0 to production');
    expect(refused.failed).toBe(true);
    expect(refused.message.text).toBe(`api cannot ship to production: ${overdue}`);
    expect((await h.ops.store.queryAudit({ limit: 1 }))[0]).toMatchObject({ action: 'deployment.request', outcome: 'refused' });
    // Staging requires no evidence.
    expect((await h.run('alice', 'deploy api 1.0.0 to staging')).failed).toBeFalsy();
    await h.ops.app.settle();

    await runRestoreTest(h, ' --arg result=fail');
    expect((await h.run('alice', 'deploy api 1.0.0 to production')).message.text).toBe(
      'api cannot ship to production: The restore test of D-1 (Nightly pg_dump backups) last failed (RUN-1, 2026-01-05 09:00 UTC). Clear it with: run restore-test production.',
    );

    await runRestoreTest(h);
    expect((await h.decision('D-1'))?.evidence?.map((e) => [e.source, e.outcome, e.env])).toEqual([
      ['RUN-1', 'failed', 'production'],
      ['RUN-2', 'passed', 'production'],
    ]);
    expect(text(await h.run('alice', 'readiness api production'))).toContain('✓ database evidence: The restore test of D-1 (Nightly pg_dump backups) passed 2026-01-05 09:00 UTC (RUN-2); valid until 2026-02-09 09:00 UTC.');
    const allowed = await h.run('alice', 'deploy api 1.0.0 to production');
    expect(allowed.failed).toBeFalsy();
    expect(allowed.message.text).toBe('DEP-2: api 1.0.0 → production, it needs 1 approval (approve DEP-2).');
  });

  it('announces the expiry in the service channel 3 days ahead, then refuses once it is older than 35 days; Failed on the reminder refuses too, a passing run renews it', async () => {
    const h = await harness({ config: evidenceConfig() });
    await readyButForEvidence(h);
    await runRestoreTest(h);
    await advance(h, 32 * DAY - 60_000);
    expect((await posts(h, 'shell:api-ops')).filter((m) => m.tone === 'warning')).toEqual([]);
    await advance(h, 2 * 60_000);
    const warning = (await posts(h, 'shell:api-ops')).filter((m) => m.tone === 'warning');
    expect(warning.map((m) => m.text)).toEqual([
      'The restore test evidence of D-1 (Nightly pg_dump backups) for production expires 2026-02-09 09:00 UTC; after that, deployments of api to production are refused. Renew it with: run restore-test production.',
    ]);
    expect(warning[0]?.mentions).toEqual([{ person: 'alice' }]);
    expect((await h.run('alice', 'deploy api 1.0.0 to production')).failed).toBeFalsy();
    await h.run('bob', 'deny DEP-1');

    await advance(h, 3 * DAY);
    const refused = await h.run('alice', 'deploy api 1.0.1 to production');
    expect(refused.message.text).toBe(
      'api cannot ship to production: The restore test of D-1 (Nightly pg_dump backups) is overdue: it last passed 2026-01-05 09:00 UTC (RUN-1), and production wants it within 35 days. Clear it with: run restore-test production.',
    );

    // The monthly reminder fired on 1 February; Failed on it is evidence too, and refuses.
    const reminder = await h.ops.store.read((tx) => tx.get('reminder', 'REM-1'));
    expect(reminder?.firings.map((f) => f.n)).toEqual([1]);
    expect(text(await h.press('bob', 'reminder.failed', 'REM-1:1'))).toBe('bob marked REM-1 failed: Restore test of the api database (D-1: Nightly pg_dump backups) (evidence for D-1)');
    expect((await h.run('alice', 'deploy api 1.0.1 to production')).message.text).toMatch(/^api cannot ship to production: The restore test of D-1 \(Nightly pg_dump backups\) last failed \(REM-1 firing 1, 2026-02-09 09:0\d UTC\)\./);
    expect((await h.press('bob', 'reminder.done', 'REM-1:1')).message.text).toBe('REM-1 firing 1 was already marked failed.');

    await runRestoreTest(h);
    expect((await h.run('alice', 'deploy api 1.0.1 to production')).failed).toBeFalsy();
  });

  it('lets an admin override with a reason, audited and shown on the deployment; others are refused', async () => {
    const h = await harness({ config: evidenceConfig() });
    await readyButForEvidence(h);
    const noReason = await h.run('carl', 'deploy api 1.0.0 to production --override');
    expect(noReason.message.text).toBe('--override needs --reason: say why this deployment may go through the freeze or without fresh evidence.');
    const notAdmin = await h.run('alice', 'deploy api 1.0.0 to production --override --reason the restore box is down');
    expect(notAdmin.failed).toBe(true);
    expect(notAdmin.message.text).toContain('Only an admin may override a freeze or stale evidence.');
    const ok = await h.run('carl', 'deploy api 1.0.0 to production --override --reason the restore box is down');
    expect(ok.failed).toBeFalsy();
    const d = await h.ops.store.read((tx) => tx.get('deployment', 'DEP-1'));
    expect(d?.evidenceOverride).toMatchObject({ by: 'carl', reason: 'the restore box is down' });
    const audit = await h.ops.store.queryAudit({ target: 'DEP-1' });
    expect(audit.find((e) => e.action === 'evidence.override')?.summary).toBe(
      'deployed without fresh evidence (The restore test of D-1 (Nightly pg_dump backups) is overdue: it has not been done yet. Clear it with: run restore-test production.): the restore box is down',
    );
    // Approving it later checks the gates again; the recorded override still holds.
    expect((await h.run('bob', 'approve DEP-1')).failed).toBeFalsy();
    await h.ops.app.settle();
    expect((await h.ops.store.read((tx) => tx.get('deployment', 'DEP-1')))?.state).toBe('succeeded');
  });

  it('refuses a config that asks evidence of a category without a duty, or a bad age, naming the key', () => {
    const parsed = fileConfigSchema(CONFIG_PARTS).safeParse({ environments: { production: { requiredEvidence: { 'success-criteria': '35d', database: 'monthly' } } } });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(expect.arrayContaining([
      'environments.production.requiredEvidence.database: must be a duration such as 35d or 12h',
    ]));
  });
});
