import { afterEach, describe, expect, it } from 'vitest';
import { parseAlertmanager } from '../../adapters/alerts/alertmanager.js';
import { ingestBatch } from '../../bot/alerts/ingest.js';
import type { Actor, Reply } from '../../bot/model.js';
import type { AlertBatch } from '../../adapters/alerts/neutral.js';
import { harness, testConfig, type Harness } from '../deployments/support.js';
import { fixture } from '../alerts/support.js';

const N = 50;
const approvers: Actor[] = Array.from({ length: N }, (_, i) => ({ platform: 'slack', userId: `U${i}`, displayName: `approver ${i}` }));
const alice: Actor = { platform: 'shell', userId: 'alice', displayName: 'Alice' };

/** The demo team plus 50 approvers with approve in production; everything needs approval, so deployments wait. */
function config(productionApprovals = 1) {
  return testConfig((c) => {
    c.environments.staging!.approvals = 1;
    c.environments.production!.approvals = productionApprovals;
    c.people.push(...approvers.map((a, i) => ({ name: `approver${i}`, identities: { slack: [a.userId] }, roles: ['approver', 'approver@production'] })));
    // One service per deployment: a second request for the same service and environment is refused while one waits.
    for (let i = 0; i < N; i++) c.services[`svc${i}`] = { engine: { type: 'script', command: 'true', graceSeconds: 0.3 } };
  });
}

let h: Harness;
afterEach(async () => {
  await h.idle();
  await h.ops.close();
});

async function audits(action: string): Promise<{ target?: string; outcome: string }[]> {
  return (await h.ops.store.queryAudit({ limit: 1_000_000 })).filter((e) => e.action === action);
}

/** Posts waiting in the outbox whose text contains `fragment`, by key. */
async function posts(fragment: string): Promise<string[]> {
  const rows = await h.ops.store.inspect((tx) => tx.scan('outbox'));
  return rows.filter((r) => r.op === 'post' && String(r.message.text ?? '').includes(fragment)).map((r) => r.key);
}

function countBy(values: (string | undefined)[]): Map<string | undefined, number> {
  const out = new Map<string | undefined, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

async function requestDeployments(count: number, env: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await h.say(alice, `deploy svc${i} 1.0.0 to ${env}`);
    if (answer.failed) throw new Error(answer.message.text);
    ids.push(/DEP-\d+/.exec(answer.message.text ?? '')![0]);
  }
  return ids;
}

describe('fifty at once', () => {
  it('fifty approvers press Approve on one deployment that needs two: two approvals, one launch', async () => {
    h = await harness(config(2));
    const [id] = await requestDeployments(1, 'production');
    const replies = await Promise.all(approvers.map((a, i) => h.press(a, 'deploy.approve', id!, `slack:approve:${i}`)));
    await h.idle();
    const d = await h.deployment(id!);
    expect(d.approvals).toHaveLength(2);
    expect(d.history.filter((step) => step.state === 'queued')).toHaveLength(1);
    expect(d.state).toBe('succeeded');
    expect((await audits('deployment.approve')).filter((e) => e.outcome === 'ok')).toHaveLength(2);
    expect(await posts('Approved by')).toHaveLength(2);
    expect(replies.filter((r) => !r.failed)).toHaveLength(2);
    expect(replies.filter((r) => r.failed).every((r) => /approved|cannot be approved/.test(r.message.text ?? ''))).toBe(true);
  });

  it('fifty approvers press Approve on one runbook run that needs two: two approvals, one start', async () => {
    h = await harness(
      testConfig((c) => {
        c.people.push(...approvers.map((a, i) => ({ name: `approver${i}`, identities: { slack: [a.userId] }, roles: ['approver', 'approver@production'] })));
        c.runbooks = { flush: { description: 'Flush the cache', engine: { type: 'script', command: 'true', graceSeconds: 0.3 }, envs: ['production'], approvals: 2 } };
      }),
    );
    const started = await h.say({ platform: 'shell', userId: 'bob', displayName: 'Bob' }, 'run flush production');
    const id = /RUN-\d+/.exec(started.message.text ?? '')![0];
    const replies = await Promise.all(approvers.map((a, i) => h.press(a, 'runbook.approve', id, `slack:run-approve:${i}`)));
    await h.idle();
    const run = await h.ops.store.read((tx) => tx.get('runbookRun', id));
    expect(run?.approvals).toHaveLength(2);
    expect(replies.filter((r) => !r.failed)).toHaveLength(2);
    expect(replies.filter((r) => r.failed).every((r) => !/went wrong/.test(r.message.text ?? ''))).toBe(true);
    expect((await audits('runbook.approve')).filter((e) => e.outcome === 'ok')).toHaveLength(2);
  });

  it('fifty deployments, each approved by a click, a Slack retry of it and a second click: one approval each', async () => {
    h = await harness(config());
    const ids = await requestDeployments(N, 'staging');
    const calls: Promise<Reply>[] = [];
    ids.forEach((id, i) => {
      const approver = approvers[i]!;
      calls.push(h.press(approver, 'deploy.approve', id, `slack:action:${id}`));
      calls.push(h.press(approver, 'deploy.approve', id, `slack:action:${id}`));
      calls.push(h.say(approver, `approve ${id}`, `slack:command:${id}`));
    });
    const replies = await Promise.all(calls);
    await h.idle();
    for (let i = 0; i < N; i++) expect(replies[3 * i + 1]).toEqual(replies[3 * i]);
    for (const id of ids) expect((await h.deployment(id)).approvals).toHaveLength(1);
    const ok = (await audits('deployment.approve')).filter((e) => e.outcome === 'ok');
    expect([...countBy(ok.map((e) => e.target)).values()]).toEqual(Array(N).fill(1));
    expect(new Set(ok.map((e) => e.target))).toEqual(new Set(ids));
    expect(await posts('Approved by')).toHaveLength(N);
  });

  it('fifty deployments, each halted by a button, its retry and the halt command at once: halted once each', async () => {
    h = await harness(config());
    const ids = await requestDeployments(N, 'staging');
    const approver = approvers[0]!;
    const calls: Promise<Reply>[] = [];
    for (const id of ids) {
      calls.push(h.press(approver, 'deploy.halt', id, `slack:halt:${id}`));
      calls.push(h.press(approver, 'deploy.halt', id, `slack:halt:${id}`));
      calls.push(h.say(alice, `halt ${id} --reason stop`, `shell:halt:${id}`));
    }
    await Promise.all(calls);
    for (const id of ids) expect((await h.deployment(id)).state).toBe('halted');
    const ok = (await audits('deployment.halt')).filter((e) => e.outcome === 'ok');
    expect(ok).toHaveLength(N);
    expect(new Set(ok.map((e) => e.target)).size).toBe(N);
    const notes = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (r) => r.op === 'post' && /^Halted|halted by/i.test(String(r.message.text)) }));
    expect(countBy(notes.map((r) => r.thread)).size).toBe(N);
    expect(notes).toHaveLength(N);
  });

  it('fifty alert groups, each acknowledged by a button, its retry and the ack command at once: acknowledged once each', async () => {
    const c = config();
    // Above the storm threshold groups are folded into a digest; here each group should speak for itself.
    c.alerts = { ...c.alerts, stormThreshold: 1000 };
    h = await harness(c);
    const base = fixture<{ groupKey: string; alerts: { labels: Record<string, string>; fingerprint: string }[] }>('alertmanager/firing-group.json');
    for (let i = 0; i < N; i++) {
      const payload = structuredClone(base);
      payload.groupKey = `{}:{alertname="HighErrorRate", n="${i}"}`;
      for (const a of payload.alerts) {
        a.labels.n = String(i);
        a.fingerprint = `${a.fingerprint}${i}`;
      }
      const parsed = parseAlertmanager(payload);
      if (!parsed.ok) throw new Error('fixture did not parse');
      const batch: AlertBatch = parsed.value;
      await h.ops.store.transact((tx) => ingestBatch(h.ops, tx, batch, h.ops.clock.now()));
    }
    const groups = await h.ops.store.inspect((tx) => tx.scan('alertGroup'));
    expect(groups).toHaveLength(N);
    const calls: Promise<Reply>[] = [];
    for (const g of groups) {
      calls.push(h.press(approvers[0]!, 'alerts.ack', g.id, `slack:ack:${g.id}`));
      calls.push(h.press(approvers[0]!, 'alerts.ack', g.id, `slack:ack:${g.id}`));
      calls.push(h.say(alice, `ack ${g.id}`, `shell:ack:${g.id}`));
    }
    await Promise.all(calls);
    const acked = await h.ops.store.inspect((tx) => tx.scan('alertGroup'));
    expect(acked.every((g) => g.acknowledged !== undefined)).toBe(true);
    const ok = (await audits('alerts.ack')).filter((e) => e.outcome === 'ok');
    expect(ok).toHaveLength(N);
    expect(new Set(ok.map((e) => e.target)).size).toBe(N);
    expect(await posts('Acknowledged by')).toHaveLength(N);
  });
});
