import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { Tx } from '../../data/store.js';
import type { Mention } from '../model.js';
import type { Ops } from '../ops.js';
import { groupIndexId, groupLineKey, groupMessageKey, groupMessageKeys, JOB_TYPES, renotifyJobId, stormMessageKey } from './keys.js';
import { alertGroupMessage } from './message.js';
import { refreshDigest, stormFor } from './storm.js';
import { parseDuration } from '../time.js';
import { startEscalation } from '../oncall/escalation/start.js';

/**
 * Stores a new group and tells its channels: its own message, or a place in a storm digest's
 * thread, or nothing when a maintenance window or silence mutes it.
 */
export async function openGroup(ops: Ops, tx: Tx, group: AlertGroupRecord, now: Date): Promise<AlertGroupRecord> {
  await tx.put('alertGroupKey', { id: groupIndexId(group.source, group.groupKey), group: group.id });
  if (group.mutedBy) {
    await noteMuted(tx, group);
    await tx.put('alertGroup', group);
    return group;
  }
  const stormId = await stormFor(ops, tx, group.channels[0]!, group.id, now);
  const placed = stormId ? { ...group, digest: stormId } : group;
  await tx.put('alertGroup', placed);
  if (stormId) await refreshDigest(ops, tx, stormId, placed, true);
  await postGroup(ops, tx, placed);
  await scheduleRenotify(ops, tx, placed, now);
  return placed;
}

/** Posts the group's message in each of its channels (the first one inside its digest, if any). */
export async function postGroup(ops: Ops, tx: Tx, group: AlertGroupRecord): Promise<void> {
  const message = alertGroupMessage(group, ops.config);
  for (const [i, { channel, key }] of groupMessageKeys(group).entries()) {
    const thread = i === 0 && group.digest ? stormMessageKey(group.digest) : undefined;
    await ops.outbox.post(tx, { channel, key, message, ...(thread ? { thread } : {}) });
  }
}

/** Stores a changed group, edits its message everywhere and writes `lines` into its thread. */
export async function updateGroup(ops: Ops, tx: Tx, group: AlertGroupRecord, lines: string[], mentions: Mention[] = []): Promise<AlertGroupRecord> {
  const next = lines.length > 0 && !group.mutedBy ? { ...group, lines: group.lines + 1 } : group;
  const closing = next.status === 'resolved';
  if (closing) {
    await tx.remove('alertGroupKey', groupIndexId(next.source, next.groupKey));
    await ops.scheduler.cancel(tx, renotifyJobId(next.id));
  }
  await tx.put('alertGroup', next, closing ? { closed: true } : {});
  if (next.mutedBy) return next;
  const message = alertGroupMessage(next, ops.config);
  for (const { key } of groupMessageKeys(next)) await ops.outbox.edit(tx, key, message);
  // A group listed in a storm digest is itself a thread reply, and threads do not nest: its edits carry the news.
  if (lines.length > 0 && !next.digest) {
    await ops.outbox.post(tx, {
      channel: next.channels[0]!,
      key: groupLineKey(next.id, next.lines),
      thread: groupMessageKey(next.id),
      message: { text: lines.join('\n'), ...(mentions.length > 0 ? { mentions } : {}) },
    });
  }
  if (next.digest) await refreshDigest(ops, tx, next.digest, next, false);
  return next;
}

/** An escalation policy that covers the group takes the place of the plain re-notify. */
export async function scheduleRenotify(ops: Ops, tx: Tx, group: AlertGroupRecord, from: Date): Promise<void> {
  if (group.acknowledged || group.mutedBy || group.silence) return;
  if (await startEscalation(ops, tx, group, from)) return;
  if (!group.severity || !ops.config.alerts.renotifySeverities.includes(group.severity)) return;
  const at = new Date(from.getTime() + parseDuration(ops.config.alerts.renotifyAfter));
  await ops.scheduler.schedule(tx, { id: renotifyJobId(group.id), type: JOB_TYPES.renotify, at, payload: { group: group.id } });
}

async function noteMuted(tx: Tx, group: AlertGroupRecord): Promise<void> {
  if (!group.mutedBy?.startsWith('MNT-')) return;
  const window = await tx.get('maintenance', group.mutedBy);
  if (window && !window.muted.includes(group.id)) await tx.put('maintenance', { ...window, muted: [...window.muted, group.id] });
}

/** Groups a window or silence kept quiet that still fire are posted once it ends: nobody has seen them. */
export async function unmuteGroups(ops: Ops, tx: Tx, mutedBy: string, now: Date): Promise<AlertGroupRecord[]> {
  const groups = await tx.list('alertGroup', { where: (g) => g.mutedBy === mutedBy && g.status === 'firing' });
  for (const group of groups) {
    const { mutedBy: _m, ...unmuted } = group;
    await tx.put('alertGroup', unmuted);
    await postGroup(ops, tx, unmuted);
    await scheduleRenotify(ops, tx, unmuted, now);
  }
  return groups;
}
