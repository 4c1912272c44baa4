import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { JobHandler } from '../scheduler.js';
import type { AlertBackend } from './backend.js';
import type { Ops } from '../ops.js';
import { parseDuration } from '../time.js';
import { JOB_TYPES, RECONCILE_JOB_ID } from './keys.js';
import { updateGroup } from './publish.js';

const VANISHED = 'No longer active in Alertmanager (it sends no resolve for silenced or inhibited alerts): ';

/**
 * Closes what Alertmanager no longer holds. Alerts that changed after the read began are left
 * alone: a webhook may have brought them in while the list was on its way.
 */
export async function reconcileWithAlertmanager(ops: Ops, api: AlertBackend): Promise<string[]> {
  const readAt = ops.clock.now().toISOString();
  const active = new Set((await api.activeAlerts()).map((a) => a.fingerprint));
  return ops.store.transact(async (tx) => {
    const groups = (await tx.query('alertGroup.open', { status: 'firing' })).filter((g) => g.source === api.source);
    const changed: string[] = [];
    for (const group of groups) {
      const vanished = Object.values(group.alerts).filter((a) => a.status === 'firing' && !active.has(a.fingerprint) && a.updatedAt < readAt);
      if (vanished.length === 0) continue;
      await updateGroup(ops, tx, closeVanished(group, new Set(vanished.map((a) => a.fingerprint)), ops.clock.now().toISOString()), [
        `${VANISHED}${vanished.length} alert(s).`,
      ]);
      tx.audit({
        time: readAt,
        actor: { platform: 'system', userId: 'alerts' },
        platform: 'system',
        action: 'alerts.reconcile',
        target: group.id,
        outcome: 'ok',
        summary: `${vanished.length} alert(s) of ${group.id} vanished from Alertmanager`,
      });
      changed.push(group.id);
    }
    return changed;
  });
}

function closeVanished(group: AlertGroupRecord, fingerprints: Set<string>, at: string): AlertGroupRecord {
  const alerts = Object.fromEntries(
    Object.entries(group.alerts).map(([fp, a]) => [fp, fingerprints.has(fp) ? { ...a, status: 'resolved' as const, endsAt: at, updatedAt: at } : a]),
  );
  const firing = Object.values(alerts).some((a) => a.status === 'firing');
  return { ...group, alerts, updatedAt: at, status: firing ? 'firing' : 'resolved', ...(firing ? {} : { resolvedAt: at }) };
}

/** The recurring job: it only starts the read after its own commit, so no network call holds a transaction. */
export function reconcileHandler(ops: Ops): JobHandler {
  return async (tx) => {
    const api = ops.alertBackend;
    if (!api) return;
    tx.afterCommit(() => {
      reconcileWithAlertmanager(ops, api).catch((err: unknown) => ops.log.warn({ err }, 'reconciling with Alertmanager failed; will try again'));
    });
    await scheduleReconcile(ops, tx);
  };
}

export async function scheduleReconcile(ops: Ops, tx: Parameters<JobHandler>[0]): Promise<void> {
  const at = new Date(ops.clock.now().getTime() + parseDuration(ops.config.alerts.reconcileEvery));
  await ops.scheduler.schedule(tx, { id: RECONCILE_JOB_ID, type: JOB_TYPES.reconcile, at });
}
