import type { ReadTx, Tx } from '../../data/store.js';
import type { OpsMessage } from '../model.js';
import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import type { JobHandler } from '../scheduler.js';
import { formatTime } from '../time.js';
import { shortTime } from './message.js';
import { allSchedules, levelsOf, type Schedule } from './schedules.js';
import { currentSegment, overridesOf, whoAt } from './who.js';

export const HANDOFF_JOB = 'oncall.handoff';
/** One job per handoff, named by its time: each handoff is summarised once. */
export const handoffJobId = (schedule: string, at: Date) => `oncall-handoff:${schedule}:${at.toISOString()}`;
export const handoffMessageKey = (schedule: string, at: Date) => `oncall-handoff:${schedule}:${at.toISOString()}`;

/** The next handoff of a schedule's first level after `after`: where one of its layers changes hands. */
export function nextHandoff(schedule: Schedule, after: Date): Date | undefined {
  const level = levelsOf(schedule)[0];
  const times = schedule.layers
    .filter((l) => l.level === level)
    .map((l) => l.rotation.shiftAt(after)?.end ?? l.rotation.boundary(0))
    .filter((d) => d > after);
  return times.length === 0 ? undefined : new Date(Math.min(...times.map((d) => d.getTime())));
}

/** Every schedule has its next handoff waiting as a job; made at start-up and after an import. */
export async function ensureHandoffs(ops: Ops, tx: Tx, now: Date): Promise<void> {
  const jobs = await tx.query('job.ofType', { type: HANDOFF_JOB });
  const waiting = new Set(jobs.map((j) => String(j.payload.schedule)));
  for (const schedule of await allSchedules(ops, tx)) {
    if (waiting.has(schedule.name)) continue;
    const at = nextHandoff(schedule, now);
    if (at) await ops.scheduler.schedule(tx, { id: handoffJobId(schedule.name, at), type: HANDOFF_JOB, at, payload: { schedule: schedule.name } });
  }
}

/** At a handoff: the channel gets the summary of the shift that ended, then the next handoff is scheduled. */
export function handoffHandler(ops: Ops): JobHandler {
  return async (tx, job, info) => {
    const schedule = (await allSchedules(ops, tx)).find((s) => s.name === String(job.payload.schedule));
    if (!schedule) return;
    const now = ops.clock.now();
    const at = info.dueAt;
    const level = levelsOf(schedule)[0]!;
    const shift = schedule.layers.find((l) => l.level === level)!.rotation.shiftAt(new Date(at.getTime() - 1));
    const from = shift?.start ?? new Date(at.getTime() - 7 * 86_400_000);
    const message = await handoffMessage(ops, tx, schedule, from, at, now, info.late);
    await ops.outbox.post(tx, { channel: schedule.channel ?? ops.config.channels.ops, key: handoffMessageKey(schedule.name, at), message });
    tx.audit(systemDoer(now).audit('oncall.handoff', schedule.name, `handoff of ${schedule.name} at ${at.toISOString()}`));
    const next = nextHandoff(schedule, new Date(Math.max(now.getTime(), at.getTime())));
    if (next) await ops.scheduler.schedule(tx, { id: handoffJobId(schedule.name, next), type: HANDOFF_JOB, at: next, payload: { schedule: schedule.name } });
  };
}

async function handoffMessage(ops: Ops, tx: ReadTx, schedule: Schedule, from: Date, to: Date, now: Date, late: boolean): Promise<OpsMessage> {
  const tz = schedule.timezone;
  const covers = (service: string | undefined) => schedule.services.length === 0 || (service !== undefined && schedule.services.includes(service));
  const inShift = (iso: string | undefined) => iso !== undefined && iso >= from.toISOString() && iso < to.toISOString();
  const overrides = await overridesOf(tx, schedule.name);
  const level = levelsOf(schedule)[0]!;
  const ending = whoAt(schedule, level, new Date(to.getTime() - 1), overrides)?.person ?? 'nobody';
  const starting = whoAt(schedule, level, to, overrides)?.person ?? 'nobody';

  const since = from.toISOString();
  const groups = (await tx.query('alertGroup.openedSince', { since })).filter((g) => covers(g.service) && inShift(g.openedAt));
  const incidents = (await tx.query('incident.since', { since })).filter((i) => (schedule.services.length === 0 || i.services.some(covers)) && inShift(i.declaredAt));
  // A deployment is changed at or after it starts, so the ones started in the shift are among those changed since.
  const deploys = (await tx.query('deployment.changedSince', { since })).filter((d) => covers(d.service) && inShift(d.history[0]?.at));
  const shiftOverrides = overrides.filter((o) => o.from < to.toISOString() && o.until > from.toISOString());
  const section = (label: string, lines: string[]) => (lines.length === 0 ? [`${label}: none.`] : [`${label} (${lines.length}):`, ...lines.map((l) => `• ${l}`)]);
  const onCallNow = levelsOf(schedule).map((l) => {
    const segment = currentSegment(schedule, l, to, overrides);
    return `${l} ${segment.onCall?.person ?? 'nobody'} until ${shortTime(segment.end, tz)}`;
  });
  return {
    title: `Handoff: ${schedule.name} ${level}, ${ending} → ${starting}`,
    tone: 'info',
    text: [
      `The shift of ${ending}, ${shortTime(from, tz)} → ${shortTime(to, tz)}:`,
      ...section('Alerts', groups.sort(byId).map((g) => `${g.id} ${g.title}: ${g.acknowledged ? `acknowledged by ${g.acknowledged.by}` : 'not acknowledged'}${g.status === 'resolved' ? ', resolved' : ', still firing'}`)),
      ...section('Incidents', incidents.sort(byId).map((i) => `${i.id} ${i.title} (sev ${i.severity}, ${i.status})`)),
      ...section('Deploys', deploys.sort(byId).map((d) => `${d.id} ${d.service} ${d.version} → ${d.env} (${d.state})`)),
      ...section('Overrides', shiftOverrides.map((o) => `${o.id} ${o.person} ${o.level}, ${shortTime(new Date(o.from), tz)} → ${shortTime(new Date(o.until), tz)} (${o.reason})`)),
      `On call now: ${onCallNow.join('; ')}.`,
    ].join('\n'),
    mentions: starting === 'nobody' ? [] : [{ person: starting }],
    context: late ? [`Late: the handoff was at ${formatTime(to, tz)} and dayops was not running then.`] : [],
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return Number(a.id.replace(/\D/g, '')) - Number(b.id.replace(/\D/g, ''));
}
