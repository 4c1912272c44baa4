import { expect, it } from 'vitest';
import type { OutboxRecord } from '../../data/records/core.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { Store } from '../../data/store.js';
import { incident } from '../digest/fixtures.js';
import { acceptedDecision, alertGroup, deployment } from '../incidents/fixtures.js';
import { job, type FreshStore } from './contract.js';

const ids = (records: { id: string }[]) => records.map((r) => r.id);

const message = (seq: number, channel: string, key: string, thread?: string): OutboxRecord => ({
  id: `out-${seq}`,
  seq,
  op: thread ? 'post' : seq % 2 === 0 ? 'edit' : 'post',
  channel,
  key,
  message: { text: `m${seq}` },
  dedupeKey: `d-${seq}`,
  attempts: 0,
  notBefore: '2026-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...(thread ? { thread } : {}),
});

const fingerprinted = (id: string, fingerprints: string[], parts: Parameters<typeof alertGroup>[1] = {}) =>
  alertGroup(id, {
    alerts: Object.fromEntries(fingerprints.map((fp) => [fp, { fingerprint: fp, status: 'firing', labels: {}, annotations: {}, startsAt: '2026-03-20T09:50:00.000Z', links: [], updatedAt: '2026-03-20T09:50:00.000Z' }])),
    ...parts,
  });

const resolvedIncident = (n: number, declaredAt: string, resolvedAt: string): IncidentRecord => ({ ...incident(n, ['api'], declaredAt, resolvedAt), status: 'resolved' });

/** Seeds one of each case the named queries tell apart, open and closed, in one transaction. */
async function seed(store: Store): Promise<void> {
  await store.transact(async (tx) => {
    await tx.put('deployment', deployment('DEP-1', { service: 'api', env: 'production', state: 'succeeded', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:05:00.000Z' }), { closed: true });
    await tx.put('deployment', deployment('DEP-2', { service: 'api', env: 'staging', state: 'failed', createdAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-02T10:05:00.000Z' }), { closed: true });
    await tx.put('deployment', deployment('DEP-10', { service: 'api', env: 'production', state: 'running', createdAt: '2026-03-03T10:00:00.000Z', updatedAt: '2026-03-03T10:01:00.000Z' }));
    await tx.put('deployment', deployment('DEP-3', { service: 'web', env: 'production', state: 'awaiting_approval', createdAt: '2026-03-02T12:00:00.000Z', updatedAt: '2026-03-02T12:00:00.000Z' }));
    for (const [seq, channel, key, thread] of [[3, 'shell:a', 'k1'], [5, 'shell:b', 'k2'], [4, 'shell:a', 'k1'], [7, 'shell:a', 'k3', 'k1']] as const) {
      await tx.put('outbox', message(seq, channel, key, thread));
    }
    await tx.put('job', { ...job('late', '2026-01-03T00:00:00.000Z'), type: 'remind' });
    await tx.put('job', job('soon', '2026-01-01T00:00:00.000Z'));
    await tx.put('job', job('mid', '2026-01-02T00:00:00.000Z'));
    await tx.put('alertGroup', fingerprinted('ALG-1', ['fp-a', 'fp-b'], { groupKey: 'gk-1', openedAt: '2026-03-20T09:00:00.000Z', silence: 'SIL-1' }));
    await tx.put('alertGroup', fingerprinted('ALG-2', ['fp-b'], { groupKey: 'gk-2', service: 'web', status: 'resolved', openedAt: '2026-03-20T09:30:00.000Z', mutedBy: 'MNT-1', channels: ['shell:web'] }));
    await tx.put('alertGroup', fingerprinted('ALG-3', ['fp-a'], { groupKey: 'gk-1', status: 'resolved', openedAt: '2026-03-19T09:00:00.000Z', resolvedAt: '2026-03-19T10:00:00.000Z' }), { closed: true });
    await tx.put('incident', incident(1, ['api'], '2026-03-20T08:00:00.000Z'));
    await tx.put('incident', resolvedIncident(2, '2026-03-10T08:00:00.000Z', '2026-03-18T08:00:00.000Z'), { closed: true });
    await tx.put('incident', resolvedIncident(3, '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z'), { closed: true });
    await tx.put('decision', acceptedDecision('D-1', { category: 'database', title: 'Nightly PostgreSQL backups', context: 'We keep seven days.' }));
    await tx.put('decision', acceptedDecision('D-2', { category: 'monitoring', title: 'Blue-green deploys for web', service: 'web', status: 'proposed' }), { closed: true });
    await tx.put('decision', acceptedDecision('D-3', { category: 'database', title: 'Backups of the billing database', service: 'billing' }));
  });
}

/** The named queries (data/queries.ts): the same answers from every store, including a transaction's own writes. */
export function queryContract(fresh: FreshStore): void {
  const withSeeded = (name: string, body: (store: Store) => Promise<void>) =>
    it(name, async () => {
      const { store } = await fresh();
      try {
        await seed(store);
        await body(store);
      } finally {
        await store.close().catch(() => undefined);
      }
    });

  withSeeded('answers the deployment queries: the active one of a line, open ones, history newest first, changes since', async (store) => {
    await store.read(async (tx) => {
      expect((await tx.query('deployment.active', { service: 'api', env: 'production' }))?.id).toBe('DEP-10');
      expect(await tx.query('deployment.active', { service: 'api', env: 'staging' })).toBeUndefined();
      expect(ids(await tx.query('deployment.open', {}))).toEqual(['DEP-3', 'DEP-10']);
      expect(ids(await tx.query('deployment.open', { env: 'production' }))).toEqual(['DEP-3', 'DEP-10']);
      expect(ids(await tx.query('deployment.history', { service: 'api' }))).toEqual(['DEP-10', 'DEP-2', 'DEP-1']);
      expect(ids(await tx.query('deployment.history', { service: 'api', env: 'production' }))).toEqual(['DEP-10', 'DEP-1']);
      expect(ids(await tx.query('deployment.history', { limit: 2 }))).toEqual(['DEP-10', 'DEP-3']);
      expect(ids(await tx.query('deployment.history', { env: 'staging' }))).toEqual(['DEP-2']);
      expect(ids(await tx.query('deployment.changedSince', { since: '2026-03-02T10:05:00.000Z' }))).toEqual(['DEP-2', 'DEP-3', 'DEP-10']);
    });
  });

  withSeeded('answers the outbox queries: each channel’s head, one key’s messages, a thread’s, the depth', async (store) => {
    await store.read(async (tx) => {
      expect(ids(await tx.query('outbox.heads', {})).sort()).toEqual(['out-3', 'out-5']);
      expect(ids(await tx.query('outbox.byKey', { key: 'k1' }))).toEqual(['out-3', 'out-4']);
      expect(ids(await tx.query('outbox.inThread', { thread: 'k1', limit: 1 }))).toEqual(['out-7']);
      expect(await tx.query('outbox.inThread', { thread: 'k3' })).toEqual([]);
      expect(await tx.query('outbox.depth', {})).toBe(4);
    });
  });

  withSeeded('answers the job queries: the schedule soonest first, what is due, one type', async (store) => {
    await store.read(async (tx) => {
      expect(await tx.query('job.schedule', {})).toEqual([
        { id: 'soon', dueAt: '2026-01-01T00:00:00.000Z' },
        { id: 'mid', dueAt: '2026-01-02T00:00:00.000Z' },
        { id: 'late', dueAt: '2026-01-03T00:00:00.000Z' },
      ]);
      expect(ids(await tx.query('job.due', { until: '2026-01-02T00:00:00.000Z', limit: 10 }))).toEqual(['soon', 'mid']);
      expect(ids(await tx.query('job.due', { until: '2026-12-31T00:00:00.000Z', limit: 1 }))).toEqual(['soon']);
      expect(ids(await tx.query('job.ofType', { type: 'remind' }))).toEqual(['late']);
    });
  });

  withSeeded('answers the alert group queries: by group key, by fingerprint, open by service and status, silence, window, since', async (store) => {
    await store.read(async (tx) => {
      expect((await tx.query('alertGroup.byGroupKey', { source: 'alertmanager', groupKey: 'gk-1' }))?.id).toBe('ALG-1');
      expect(await tx.query('alertGroup.byGroupKey', { source: 'grafana', groupKey: 'gk-1' })).toBeUndefined();
      expect(ids(await tx.query('alertGroup.byFingerprint', { fingerprint: 'fp-b' }))).toEqual(['ALG-1', 'ALG-2']);
      expect(ids(await tx.query('alertGroup.byFingerprint', { fingerprint: 'fp-a' }))).toEqual(['ALG-1']);
      expect(ids(await tx.query('alertGroup.open', {}))).toEqual(['ALG-1', 'ALG-2']);
      expect(ids(await tx.query('alertGroup.open', { service: 'web' }))).toEqual(['ALG-2']);
      expect(ids(await tx.query('alertGroup.open', { status: 'firing' }))).toEqual(['ALG-1']);
      expect(ids(await tx.query('alertGroup.bySilence', { silence: 'SIL-1' }))).toEqual(['ALG-1']);
      expect(ids(await tx.query('alertGroup.mutedBy', { window: 'MNT-1' }))).toEqual(['ALG-2']);
      expect(ids(await tx.query('alertGroup.openedSince', { since: '2026-03-19T00:00:00.000Z' }))).toEqual(['ALG-3', 'ALG-1', 'ALG-2']);
      expect(ids(await tx.query('alertGroup.openedSince', { since: '2026-03-19T00:00:00.000Z', openOnly: true, channel: 'shell:alerts' }))).toEqual(['ALG-1']);
      expect(ids(await tx.query('alertGroup.closedSince', { since: '2026-03-19T00:00:00.000Z', service: 'api' }))).toEqual(['ALG-3']);
    });
  });

  withSeeded('answers the incident queries: open ones, history newest first, those open or changed since', async (store) => {
    await store.read(async (tx) => {
      expect(ids(await tx.query('incident.open', {}))).toEqual(['INC-1']);
      expect(ids(await tx.query('incident.history', {}))).toEqual(['INC-3', 'INC-2', 'INC-1']);
      expect(ids(await tx.query('incident.history', { limit: 1 }))).toEqual(['INC-3']);
      expect(ids(await tx.query('incident.since', { since: '2026-03-15T00:00:00.000Z' }))).toEqual(['INC-1', 'INC-2']);
    });
  });

  withSeeded('searches decisions by word prefixes, category, status and service, open and archived', async (store) => {
    await store.read(async (tx) => {
      expect(ids(await tx.query('decision.search', {}))).toEqual(['D-1', 'D-2', 'D-3']);
      expect(ids(await tx.query('decision.search', { text: 'backup' }))).toEqual(['D-1', 'D-3']);
      expect(ids(await tx.query('decision.search', { text: 'POSTGRES backups' }))).toEqual(['D-1']);
      expect(ids(await tx.query('decision.search', { text: 'seven' }))).toEqual(['D-1']);
      expect(ids(await tx.query('decision.search', { text: 'green' }))).toEqual(['D-2']);
      expect(ids(await tx.query('decision.search', { text: 'ostgres' }))).toEqual([]);
      expect(ids(await tx.query('decision.search', { status: 'accepted', service: 'api' }))).toEqual(['D-1']);
      expect(ids(await tx.query('decision.search', { category: 'database', service: 'billing' }))).toEqual(['D-1', 'D-3']);
    });
  });

  withSeeded('shows a transaction its own writes and removals in every query', async (store) => {
    await store.transact(async (tx) => {
      await tx.put('deployment', deployment('DEP-11', { service: 'api', env: 'staging', state: 'requested', createdAt: '2026-03-04T10:00:00.000Z' }));
      await tx.put('deployment', deployment('DEP-10', { service: 'api', env: 'production', state: 'succeeded', createdAt: '2026-03-03T10:00:00.000Z', updatedAt: '2026-03-03T10:09:00.000Z' }), { closed: true });
      expect((await tx.query('deployment.active', { service: 'api', env: 'staging' }))?.id).toBe('DEP-11');
      expect(await tx.query('deployment.active', { service: 'api', env: 'production' })).toBeUndefined();
      expect(ids(await tx.query('deployment.history', { service: 'api', limit: 2 }))).toEqual(['DEP-11', 'DEP-10']);
      await tx.remove('outbox', 'out-3');
      await tx.put('outbox', message(2, 'shell:c', 'k9'));
      expect(ids(await tx.query('outbox.heads', {})).sort()).toEqual(['out-2', 'out-4', 'out-5']);
      expect(await tx.query('outbox.depth', {})).toBe(4);
      await tx.remove('job', 'soon');
      expect(ids(await tx.query('job.due', { until: '2026-12-31T00:00:00.000Z', limit: 1 }))).toEqual(['mid']);
      await tx.put('alertGroup', fingerprinted('ALG-4', ['fp-z'], { groupKey: 'gk-4' }));
      expect((await tx.query('alertGroup.byFingerprint', { fingerprint: 'fp-z' }))[0]?.id).toBe('ALG-4');
      await tx.put('decision', acceptedDecision('D-4', { category: 'security', title: 'Rotate backup keys' }));
      expect(ids(await tx.query('decision.search', { text: 'backup' }))).toEqual(['D-1', 'D-3', 'D-4']);
    });
    await store.read(async (tx) => {
      expect(ids(await tx.query('outbox.heads', {})).sort()).toEqual(['out-2', 'out-4', 'out-5']);
      expect(ids(await tx.query('job.schedule', {}).then((s) => s.map((j) => ({ id: j.id }))))).toEqual(['mid', 'late']);
      expect(ids(await tx.query('decision.search', { text: 'rotate' }))).toEqual(['D-4']);
    });
  });
}
