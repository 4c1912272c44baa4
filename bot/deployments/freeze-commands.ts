import type { FreezeRecord } from '../../data/records/freeze.js';
import type { Tx } from '../../data/store.js';
import { validateCron } from '../cron.js';
import { badInput, conflict, notFound } from '../errors.js';
import { formatId } from '../ids.js';
import type { JobHandler } from '../scheduler.js';
import type { Ops } from '../ops.js';
import { formatDuration, formatTime, parseDuration, parseTime } from '../time.js';
import type { DeployActor } from './actor.js';
import { systemAudit } from './finish.js';
import { FREEZE_END_JOB, FREEZE_START_JOB, freezeEndJobId, freezeStartJobId } from './keys.js';
import { checkDeployEnv } from './policy.js';

export interface NewFreeze {
  env: string;
  reason: string;
  from?: string;
  until?: string;
  cron?: string;
  duration?: string;
}

/** `--from … --until …` (from defaults to now), or `--cron "0 18 * * FRI" --duration 62h`. */
export async function createFreeze(ops: Ops, tx: Tx, input: NewFreeze, actor: DeployActor): Promise<FreezeRecord> {
  checkDeployEnv(ops, input.env);
  const id = formatId('freeze', await tx.nextNumber('freeze'));
  const base = { id, env: input.env, reason: input.reason, by: actor.name, createdAt: actor.now.toISOString() };
  const tz = ops.config.timezone;
  let freeze: FreezeRecord;
  if (input.cron !== undefined) {
    if (!input.duration) throw badInput('A recurring freeze needs --duration as well as --cron (for example --duration 62h).');
    validateCron(input.cron);
    freeze = { ...base, cron: input.cron, tz, durationMs: parseDuration(input.duration) };
  } else {
    if (!input.until) throw badInput('A freeze needs --until (or --cron and --duration for a recurring one).');
    const from = input.from ? parseTime(input.from, { tz, now: actor.now }) : actor.now;
    const until = parseTime(input.until, { tz, now: actor.now });
    if (until <= from) throw badInput(`The freeze would end (${formatTime(until, tz)}) before it starts (${formatTime(from, tz)}).`);
    if (until <= actor.now) throw badInput(`${formatTime(until, tz)} has already passed.`);
    freeze = { ...base, from: from.toISOString(), until: until.toISOString() };
    await ops.scheduler.schedule(tx, { id: freezeEndJobId(id), type: FREEZE_END_JOB, at: until, payload: { freeze: id } });
    if (from > actor.now) await ops.scheduler.schedule(tx, { id: freezeStartJobId(id), type: FREEZE_START_JOB, at: from, payload: { freeze: id } });
    else await announceStart(ops, tx, freeze);
  }
  await tx.put('freeze', freeze);
  tx.audit(actor.audit('freeze.create', id, `froze ${input.env}: ${describeFreeze(freeze, tz)} (${input.reason})`));
  return freeze;
}

export async function endFreeze(ops: Ops, tx: Tx, id: string, actor: DeployActor): Promise<FreezeRecord> {
  const f = await tx.get('freeze', id);
  if (!f) throw notFound(`There is no freeze ${id}; type freezes to list them.`);
  if (f.endedAt) throw conflict(`${id} has already ended.`);
  const ended = { ...f, endedAt: actor.now.toISOString(), endedBy: actor.name };
  await tx.put('freeze', ended, { closed: true });
  await ops.scheduler.cancel(tx, freezeEndJobId(id));
  await ops.scheduler.cancel(tx, freezeStartJobId(id));
  tx.audit(actor.audit('freeze.end', id, `lifted ${id} in ${f.env}`));
  return ended;
}

/** A one-off freeze whose window has passed is closed, also when the bot was down at the time. */
export function freezeEndHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const id = String(job.payload.freeze);
    const f = await tx.get('freeze', id);
    if (!f || f.endedAt) return;
    await tx.put('freeze', { ...f, endedAt: job.dueAt, endedBy: 'dayops' }, { closed: true });
    tx.audit(systemAudit(ops, 'freeze.end', id, `${id} in ${f.env} ended`));
    await ops.outbox.post(tx, { channel: ops.config.channels.deploys, key: `freeze:${id}:ended`, message: { tone: 'info', text: `${id} ended: deploys to ${f.env} are open again.` } });
  };
}

/** A one-off freeze that starts later is announced when it starts, also after downtime. */
export function freezeStartHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const f = await tx.get('freeze', String(job.payload.freeze));
    if (f && !f.endedAt) await announceStart(ops, tx, f);
  };
}

async function announceStart(ops: Ops, tx: Tx, f: FreezeRecord): Promise<void> {
  const until = formatTime(new Date(f.until!), ops.config.timezone);
  await ops.outbox.post(tx, {
    channel: ops.config.channels.deploys,
    key: `freeze:${f.id}:started`,
    message: { tone: 'warning', text: `${f.id}: deploys to ${f.env} are frozen until ${until} (${f.reason}).` },
  });
}

export function describeFreeze(f: FreezeRecord, tz: string): string {
  if (f.cron && f.durationMs) return `every "${f.cron}" (${f.tz ?? tz}) for ${formatDuration(f.durationMs)}`;
  return `from ${formatTime(new Date(f.from!), tz)} until ${formatTime(new Date(f.until!), tz)}`;
}
