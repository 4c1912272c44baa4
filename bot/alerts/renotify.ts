import type { JobHandler } from '../scheduler.js';
import type { Ops } from '../ops.js';
import { formatDuration } from '../time.js';
import { toMentions } from './message.js';
import { scheduleRenotify, updateGroup } from './publish.js';

/**
 * An unacknowledged group of a paging severity says so again in its thread, mentioning the
 * on-call people, and keeps doing so until someone acknowledges, silences or it resolves.
 */
export function renotifyHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const group = await tx.get('alertGroup', String(job.payload.group));
    if (!group || group.status !== 'firing' || group.acknowledged || group.silence || group.mutedBy) return;
    const now = ops.clock.now();
    const line = `Still firing and nobody has acknowledged it after ${formatDuration(now.getTime() - Date.parse(group.openedAt))}.`;
    const next = await updateGroup(ops, tx, { ...group, renotified: group.renotified + 1 }, [line], toMentions(ops.config.alerts.onCall));
    await scheduleRenotify(ops, tx, next, now);
  };
}
