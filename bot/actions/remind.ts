import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import type { JobHandler } from '../scheduler.js';
import { parseDuration } from '../time.js';
import { remindJobId, ACTION_REMIND_JOB } from './keys.js';

/** Reminds the owner in the incident's thread, and again every `incidents.actionRemindEvery` until done. */
export function remindHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const item = await tx.get('actionItem', String(job.payload.item));
    if (!item || item.state !== 'open') return;
    const now = ops.clock.now();
    const incident = await tx.get('incident', item.incident);
    const next = { ...item, reminders: item.reminders + 1 };
    await tx.put('actionItem', next);
    if (incident) {
      const text = `${item.owner}, ${item.id} is due ${item.due} and still open: ${item.title}. Close it with action done ${item.id}.`;
      await ops.outbox.post(tx, { channel: incident.channel, key: `action:${item.id}:remind:${next.reminders}`, thread: `incident:${incident.id}`, message: { text, mentions: [{ person: item.owner }] } });
    }
    await ops.scheduler.schedule(tx, { id: remindJobId(item.id), type: ACTION_REMIND_JOB, at: new Date(now.getTime() + parseDuration(ops.config.incidents.actionRemindEvery)), payload: { item: item.id } });
    tx.audit(systemDoer(now).audit('action.remind', item.id, `reminded ${item.owner} of ${item.id} (reminder ${next.reminders})`));
  };
}
