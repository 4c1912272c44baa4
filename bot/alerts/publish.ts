import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { Tx } from '../../data/store.js';
import type { Mention, OpsMessage } from '../model.js';
import type { Ops } from '../ops.js';
import { groupIndexId, groupLineKeys, groupMessageKeys, JOB_TYPES, renotifyJobId, stormMessageKey } from './keys.js';
import { groupMessageFor } from './message.js';
import { refreshDigest, stormFor } from './storm.js';
import { parseDuration } from '../time.js';
import { startEscalation } from '../oncall/escalation/start.js';
import { stopEscalation } from '../oncall/escalation/stop.js';

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

/** Posts the group's message in each of its channels (the first one as a line in its digest's thread, if any). */
export async function postGroup(ops: Ops, tx: Tx, group: AlertGroupRecord): Promise<void> {
  for (const [i, { channel, key }] of groupMessageKeys(group).entries()) {
    const thread = i === 0 && group.digest ? stormMessageKey(group.digest) : undefined;
    await ops.outbox.post(tx, { channel, key, message: groupMessageFor(group, ops.config, i), ...(thread ? { thread } : {}) });
  }
}

/** Edits the group's message in every channel it was posted to. */
export async function editGroup(ops: Ops, tx: Tx, group: AlertGroupRecord): Promise<void> {
  for (const [i, { key }] of groupMessageKeys(group).entries()) await ops.outbox.edit(tx, key, groupMessageFor(group, ops.config, i));
}

/**
 * Writes one line into the thread of every copy of the group, so each channel has the same
 * history. A copy listed in a storm digest is itself a thread reply, and threads do not nest:
 * its edits carry the news.
 */
async function postLine(ops: Ops, tx: Tx, group: AlertGroupRecord, message: OpsMessage): Promise<void> {
  for (const [i, { channel, key }] of groupMessageKeys(group).entries()) {
    if (i === 0 && group.digest) continue;
    await ops.outbox.post(tx, { channel, key: groupLineKeys(group, group.lines)[i]!, thread: key, message });
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
  await editGroup(ops, tx, next);
  if (lines.length > 0) await postLine(ops, tx, next, { text: lines.join('\n'), ...(mentions.length > 0 ? { mentions } : {}) });
  if (next.digest) await refreshDigest(ops, tx, next.digest, next, false);
  return next;
}

/** An escalation policy that covers the group takes the place of the plain re-notify. */
export async function scheduleRenotify(ops: Ops, tx: Tx, group: AlertGroupRecord, from: Date): Promise<void> {
  if (group.status !== 'firing' || group.acknowledged || group.mutedBy || group.silence) return;
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

/**
 * Mutes a group that was already posted when a window started: its thread says so, re-notifying
 * stops, and changes are recorded quietly until the window ends.
 */
export async function muteGroup(ops: Ops, tx: Tx, group: AlertGroupRecord, mutedBy: string, line: string): Promise<AlertGroupRecord> {
  await ops.scheduler.cancel(tx, renotifyJobId(group.id));
  const stopped = await stopEscalation(ops, tx, group.id, `muted by ${mutedBy}`, ops.clock.now());
  const noted = await updateGroup(ops, tx, group, [line, ...(stopped ? [stopped] : [])]);
  const muted = { ...noted, mutedBy, mutedWhilePosted: true };
  await tx.put('alertGroup', muted);
  return muted;
}

/**
 * Groups a window or silence kept quiet are shown once it ends: those nobody has seen are
 * posted if they still fire; those muted after they were posted get their message brought up
 * to date and a line in the thread.
 */
export async function unmuteGroups(ops: Ops, tx: Tx, mutedBy: string, now: Date, closedIds: readonly string[] = []): Promise<AlertGroupRecord[]> {
  const groups = (await tx.query('alertGroup.mutedBy', { window: mutedBy })).filter((g) => g.status === 'firing');
  // Resolved groups are archived; only those the window names are read back.
  for (const id of closedIds) {
    const g = groups.some((x) => x.id === id) ? undefined : await tx.get('alertGroup', id);
    if (g?.mutedBy === mutedBy && g.mutedWhilePosted) groups.push(g);
  }
  for (const group of groups) {
    const { mutedBy: _m, mutedWhilePosted, ...unmuted } = group;
    if (mutedWhilePosted) {
      await updateGroup(ops, tx, unmuted, [`${mutedBy} is over; ${unmuted.status === 'firing' ? 'still firing' : 'it resolved meanwhile'}.`]);
    } else {
      await tx.put('alertGroup', unmuted);
      await postGroup(ops, tx, unmuted);
    }
    await scheduleRenotify(ops, tx, unmuted, now);
  }
  return groups;
}
