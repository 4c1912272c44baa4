import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import type { JobHandler } from '../scheduler.js';
import { formatDuration } from '../time.js';
import { cadenceMs, rescheduleNudge, saveIncident, threadPost, withEntry } from './save.js';

/** Nudges the commander in the thread when no update came within the cadence, and again each cadence. */
export function nudgeHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const current = await tx.get('incident', String(job.payload.incident));
    if (!current || current.status !== 'open' || current.nudgeJob !== job.id) return;
    const now = ops.clock.now();
    const silent = now.getTime() - Date.parse(current.lastUpdateAt);
    if (silent < cadenceMs(ops, current.severity)) return;
    const { commander } = current.roles;
    const text = `${commander}, a status update is due: the last one was ${formatDuration(silent)} ago. Post one with incident update ${current.id} <text>.`;
    let i = withEntry(current, { at: now.toISOString(), by: 'dayops', kind: 'nudge', text: `Nudged ${commander} for a status update` });
    i = await threadPost(ops, tx, i, text, [{ person: commander }]);
    i = await rescheduleNudge(ops, tx, i, now);
    await saveIncident(ops, tx, i);
    tx.audit(systemDoer(now).audit('incident.nudge', i.id, `nudged ${commander} for a status update`));
  };
}
