import type { AlertBatch, NeutralAlert } from './alert.js';
import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { Tx } from '../../data/store.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import { applyAlerts, type AlertChange } from './diff.js';
import { facetsOf, routingLabels } from './facets.js';
import { groupIndexId } from './keys.js';
import { describeAlert } from './message.js';
import { mutingFor } from './mute.js';
import { openGroup, updateGroup } from './publish.js';
import { routeChannels } from './routing.js';

export interface IngestOutcome {
  /** The group the alerts belong to; undefined when only unknown resolved alerts came. */
  group?: string;
  /** False for a duplicate delivery: nothing was stored or sent. */
  changed: boolean;
}

/** Folds one delivery into its group, inside the caller's transaction. */
export async function ingestBatch(ops: Ops, tx: Tx, batch: AlertBatch, now: Date): Promise<IngestOutcome[]> {
  const byKey = new Map<string, NeutralAlert[]>();
  for (const a of batch.alerts) byKey.set(a.groupKey, [...(byKey.get(a.groupKey) ?? []), a]);
  const outcomes: IngestOutcome[] = [];
  for (const [groupKey, alerts] of byKey) outcomes.push(await ingestGroup(ops, tx, { ...batch, groupKey, alerts }, now));
  return outcomes;
}

async function ingestGroup(ops: Ops, tx: Tx, batch: AlertBatch, now: Date): Promise<IngestOutcome> {
  const index = await tx.get('alertGroupKey', groupIndexId(batch.source, batch.groupKey));
  const existing = index ? await tx.get('alertGroup', index.group) : undefined;
  const at = now.toISOString();
  if (!existing) {
    if (!batch.alerts.some((a) => a.status === 'firing')) return { changed: false };
    const group = await newGroup(ops, tx, batch, now);
    await openGroup(ops, tx, group, now);
    audit(tx, at, batch.source, group.id, `opened ${group.id} (${group.title}) with ${Object.keys(group.alerts).length} alert(s)`);
    return { group: group.id, changed: true };
  }
  const { alerts, changes } = applyAlerts(existing.alerts, batch.alerts, at);
  if (changes.length === 0) return { group: existing.id, changed: false };
  const firing = Object.values(alerts).some((a) => a.status === 'firing');
  const group: AlertGroupRecord = {
    ...existing,
    alerts,
    truncatedAlerts: batch.truncatedAlerts,
    updatedAt: at,
    status: firing ? 'firing' : 'resolved',
    ...(firing ? {} : { resolvedAt: at }),
  };
  const lines = changes.map(changeLine);
  if (!firing) lines.push('All alerts in this group are resolved.');
  await updateGroup(ops, tx, group, lines);
  audit(tx, at, batch.source, group.id, `${group.id}: ${lines.join('; ')}`);
  return { group: group.id, changed: true };
}

async function newGroup(ops: Ops, tx: Tx, batch: AlertBatch, now: Date): Promise<AlertGroupRecord> {
  const at = now.toISOString();
  const { alerts } = applyAlerts({}, batch.alerts, at);
  const labels = routingLabels(Object.values(alerts), batch.groupLabels);
  const facets = facetsOf(ops.config, labels);
  const mutedBy = await mutingFor(tx, labels, now);
  return {
    id: formatId('alertGroup', await tx.nextNumber('alertGroup')),
    source: batch.source,
    groupKey: batch.groupKey,
    title: titleOf(batch, labels, facets),
    groupLabels: batch.groupLabels,
    channels: routeChannels(ops.config, labels, facets.service),
    ...facets,
    status: 'firing',
    alerts,
    truncatedAlerts: batch.truncatedAlerts,
    openedAt: at,
    updatedAt: at,
    ...(mutedBy ? { mutedBy } : {}),
    renotified: 0,
    lines: 0,
  };
}

/** Grafana writes its own title (without the `[FIRING:2]` count, which goes stale); others get one made. */
function titleOf(batch: AlertBatch, labels: Record<string, string>, facets: { service?: string; env?: string }): string {
  if (batch.title) return batch.title.replace(/^\[[A-Z]+(?::\d+)?\]\s*/, '');
  const name = labels.alertname ?? batch.alerts[0]?.annotations.summary ?? batch.groupKey;
  return `${name}${facets.service ? ` on ${facets.service}` : ''}${facets.env ? ` (${facets.env})` : ''}`;
}

function changeLine(change: AlertChange): string {
  const what = describeAlert(change.alert);
  if (change.kind === 'added') return `New alert firing: ${what}`;
  if (change.kind === 'resolved') return `Resolved: ${what}`;
  return `Firing again: ${what}`;
}

function audit(tx: Tx, at: string, source: string, target: string, summary: string): void {
  tx.audit({ time: at, actor: { platform: 'http', userId: source }, platform: 'http', action: 'alerts.receive', target, outcome: 'ok', summary });
}
