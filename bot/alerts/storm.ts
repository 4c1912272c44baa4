import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { AlertStormRecord } from '../../data/records/alert-storm.js';
import type { Tx } from '../../data/store.js';
import type { OpsMessage } from '../model.js';
import type { Ops } from '../ops.js';
import { JOB_TYPES, stormEndJobId, stormMessageKey } from './keys.js';
import { editGroup } from './publish.js';

const WINDOW_MS = 60_000;

/**
 * Where a new group's message goes during a storm: the id of the digest it joins, or undefined
 * when the channel is calm and the group gets a message of its own. A storm lasts while new
 * groups keep coming within a minute of each other.
 */
export async function stormFor(ops: Ops, tx: Tx, channel: string, groupId: string, now: Date): Promise<string | undefined> {
  const since = now.getTime() - WINDOW_MS;
  const [storm] = await tx.list('alertStorm', { where: (s) => s.channel === channel && Date.parse(s.lastJoinedAt) >= since });
  if (storm) {
    await tx.put('alertStorm', { ...storm, lastJoinedAt: now.toISOString(), groups: [...storm.groups, groupId] });
    await scheduleEnd(ops, tx, storm.id, now);
    return storm.id;
  }
  // Open groups only: reading closed ones would load the whole archive on every new group.
  const opened = await tx.query('alertGroup.openedSince', { since: new Date(since).toISOString(), channel, openOnly: true });
  const recent = opened.filter((g) => !g.mutedBy);
  if (recent.length + 1 <= ops.config.alerts.stormThreshold) return undefined;
  const id = `storm-${await tx.nextNumber('alertStorm')}`;
  const record: AlertStormRecord = { id, channel, openedAt: now.toISOString(), lastJoinedAt: now.toISOString(), groups: [groupId] };
  await tx.put('alertStorm', record);
  await scheduleEnd(ops, tx, id, now);
  tx.audit({
    time: now.toISOString(),
    actor: { platform: 'system', userId: 'alerts' },
    platform: 'system',
    action: 'alerts.storm',
    target: id,
    outcome: 'ok',
    summary: `more than ${ops.config.alerts.stormThreshold} new alert groups in ${channel} within a minute; new groups go into one digest`,
  });
  return id;
}

/** The storm ends a quiet minute after the last group joined; each join moves the end. */
async function scheduleEnd(ops: Ops, tx: Tx, stormId: string, joinedAt: Date): Promise<void> {
  await ops.scheduler.schedule(tx, { id: stormEndJobId(stormId), type: JOB_TYPES.stormEnd, at: new Date(joinedAt.getTime() + WINDOW_MS), payload: { storm: stormId } });
}

/**
 * After the quiet minute: every group of the storm still firing shows its full card in the
 * digest's thread (an edit of its line), and the digest says the storm is over.
 */
export async function endStorm(ops: Ops, tx: Tx, stormId: string, now: Date): Promise<void> {
  const storm = await tx.get('alertStorm', stormId);
  if (!storm || storm.endedAt) return;
  if (Date.parse(storm.lastJoinedAt) + WINDOW_MS > now.getTime()) return scheduleEnd(ops, tx, stormId, new Date(storm.lastJoinedAt));
  const ended = { ...storm, endedAt: now.toISOString() };
  const groups: AlertGroupRecord[] = [];
  for (const id of storm.groups) {
    const g = await tx.get('alertGroup', id);
    if (!g) continue;
    groups.push(g);
    // Resolved groups' lines already say so; only those still firing need their full card.
    if (!g.expanded && g.status === 'firing') await expandGroup(ops, tx, g);
  }
  const allResolved = groups.every((g) => g.status === 'resolved');
  await tx.put('alertStorm', ended, allResolved ? { closed: true } : {});
  await ops.outbox.edit(tx, stormMessageKey(storm.id), digestMessage(ended, groups));
}

/** A storm group's line becomes its full card, in place. */
export async function expandGroup(ops: Ops, tx: Tx, group: AlertGroupRecord): Promise<AlertGroupRecord> {
  const expanded = { ...group, expanded: true };
  await tx.put('alertGroup', expanded, group.status === 'resolved' ? { closed: true } : {});
  if (!group.mutedBy) await editGroup(ops, tx, expanded);
  return expanded;
}

/** Posts or edits the digest; `group` is the one just changed, not yet visible to `tx.get`. */
export async function refreshDigest(ops: Ops, tx: Tx, stormId: string, changed: AlertGroupRecord, isNew: boolean): Promise<void> {
  const storm = await tx.get('alertStorm', stormId);
  if (!storm) return;
  const groups: AlertGroupRecord[] = [];
  for (const id of storm.groups) {
    const g = id === changed.id ? changed : await tx.get('alertGroup', id);
    if (g) groups.push(g);
  }
  const message = digestMessage(storm, groups);
  const key = stormMessageKey(storm.id);
  if (isNew && storm.groups.length === 1) await ops.outbox.post(tx, { channel: storm.channel, key, message });
  else await ops.outbox.edit(tx, key, message);
  const allResolved = groups.every((g) => g.status === 'resolved');
  if (allResolved && storm.endedAt) await tx.put('alertStorm', storm, { closed: true });
}

export function digestMessage(storm: AlertStormRecord, groups: AlertGroupRecord[]): OpsMessage {
  const firing = groups.filter((g) => g.status === 'firing');
  const count = (pick: (g: AlertGroupRecord) => string | undefined, of: AlertGroupRecord[]) => {
    const counts = new Map<string, number>();
    for (const g of of) counts.set(pick(g) ?? 'unknown', (counts.get(pick(g) ?? 'unknown') ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  };
  return {
    title: `${storm.endedAt ? 'Alert storm over' : 'Alert storm'}: ${groups.length} groups opened, ${firing.length} still firing`,
    text: storm.endedAt
      ? 'Each group shows its full card in this thread and is kept current there.'
      : 'Each group has one line in this thread, kept current; press Show for its full card. Every card opens when the storm ends.',
    tone: firing.length > 0 ? 'danger' : 'success',
    fields: [
      { label: 'Firing by severity', value: count((g) => g.severity, firing), short: true },
      { label: 'Firing by service', value: count((g) => g.service, firing), short: true },
      { label: 'Resolved', value: String(groups.length - firing.length), short: true },
    ],
    time: { at: storm.openedAt, style: 'relative' },
    context: [`${storm.id}`],
  };
}
