import type { ReminderFiring } from '../../data/records/reminder.js';
import { defineAction, type CommandContext } from '../command.js';
import { badInput, illegalTransition } from '../errors.js';
import { reply } from '../model.js';
import type { Ops } from '../ops.js';
import type { PermissionNeed } from '../permissions.js';
import { runEnv } from '../runbooks/policy.js';
import { startRunbook } from '../runbooks/start.js';
import { formatTime, parseDuration } from '../time.js';
import { doerOf } from './doer.js';
import { findFiring, getReminder, parseFiringRef } from './find.js';
import { DONE_ACTION, FAILED_ACTION, nudgeJobId, RUN_ACTION, SNOOZE_ACTION, SNOOZE_CHOICES, SNOOZE_END_JOB, snoozeJobId } from './keys.js';
import { reminderTz } from './message.js';
import { saveFiring } from './save.js';
import { recordEvidence } from '../evidence/record.js';

type Ctx = CommandContext<{ value: string }>;

function press(f: ReminderFiring, by: string, action: string, at: Date): ReminderFiring {
  return { ...f, presses: [...f.presses, { by, action, at: at.toISOString() }] };
}

export const reminderDoneAction = defineAction({
  name: DONE_ACTION,
  // The same permission as the reminder commands: marking a firing done changes the reminder's record.
  permission: 'reminders',
  handler: (ctx: Ctx) => markDone(ctx, 'passed'),
});

/** Done, but the work did not go well (a restore test that failed): evidence that refuses deploys. */
export const reminderFailedAction = defineAction({
  name: FAILED_ACTION,
  permission: 'reminders',
  handler: (ctx: Ctx) => markDone(ctx, 'failed'),
});

async function markDone(ctx: Ctx, outcome: 'passed' | 'failed') {
  const { id, n } = parseFiringRef(ctx.args.value);
  const by = doerOf(ctx);
  const label = outcome === 'passed' ? 'Done' : 'Failed';
  const r = await ctx.transact(async (tx) => {
    const current = await getReminder(tx, id);
    const f = findFiring(current, n);
    if (f.status === 'done') throw illegalTransition(`${id} firing ${n} was already marked ${f.outcome === 'failed' ? 'failed' : 'done'}.`);
    const { snoozedUntil: _until, ...rest } = f;
    await ctx.ops.scheduler.cancel(tx, nudgeJobId(id, n));
    await ctx.ops.scheduler.cancel(tx, snoozeJobId(id, n));
    tx.audit(by.audit('reminder.done', id, `marked ${id} firing ${n} ${outcome === 'passed' ? 'done' : 'done, failed'}`));
    const saved = await saveFiring(ctx.ops, tx, current, press({ ...rest, status: 'done', outcome }, by.name, label, ctx.now));
    if (saved.decision) {
      await recordEvidence(ctx.ops, tx, saved.decision, { at: ctx.now.toISOString(), outcome, source: `${id} firing ${n}`, by: by.name }, by);
    }
    return saved;
  });
  const evidence = r.decision ? ` (evidence for ${r.decision})` : '';
  if (outcome === 'failed') return reply({ tone: 'warning', text: `${by.name} marked ${r.id} failed: ${r.text}${evidence}` });
  return reply({ tone: 'success', text: `${by.name} marked ${r.id} done: ${r.text}${evidence}` });
}

/** The Snooze choice carries `REM-3:4 1h`. */
export const reminderSnoozeAction = defineAction({
  name: SNOOZE_ACTION,
  permission: 'reminders',
  async handler(ctx: Ctx) {
    const [ref = '', duration = ''] = ctx.args.value.trim().split(/\s+/);
    if (!(SNOOZE_CHOICES as readonly string[]).includes(duration)) throw badInput(`Snooze for ${SNOOZE_CHOICES.join(' or ')}.`);
    const { id, n } = parseFiringRef(ref);
    const by = doerOf(ctx);
    const until = new Date(ctx.now.getTime() + parseDuration(duration));
    const r = await ctx.transact(async (tx) => {
      const current = await getReminder(tx, id);
      const f = findFiring(current, n);
      if (f.status === 'done') throw illegalTransition(`${id} firing ${n} is already done; nothing to snooze.`);
      await ctx.ops.scheduler.cancel(tx, nudgeJobId(id, n));
      await ctx.ops.scheduler.schedule(tx, { id: snoozeJobId(id, n), type: SNOOZE_END_JOB, at: until, payload: { reminder: id, firing: n } });
      tx.audit(by.audit('reminder.snooze', id, `snoozed ${id} firing ${n} for ${duration}`));
      const snoozed = press({ ...f, status: 'snoozed', snoozedUntil: until.toISOString() }, by.name, `Snooze ${duration}`, ctx.now);
      return saveFiring(ctx.ops, tx, current, snoozed);
    });
    return reply({ tone: 'info', text: `${by.name} snoozed ${r.id} until ${formatTime(until, reminderTz(r, ctx.ops.config.timezone))}.` });
  },
});

/** The run goes to the runbook's default environment, which may be protected. */
async function runInRunbookEnv(value: string, ops: Ops): Promise<PermissionNeed> {
  const reminder = await ops.store.read((tx) => tx.get('reminder', parseFiringRef(value).id));
  return reminder?.runbook ? { permission: 'runbook.run', env: runEnv(ops, reminder.runbook, undefined) } : { permission: 'runbook.run' };
}

/** Starts the reminder's runbook; the run follows the runbook's own approval policy. */
export const reminderRunAction = defineAction({
  name: RUN_ACTION,
  permission: runInRunbookEnv,
  async handler(ctx: Ctx) {
    const { id, n } = parseFiringRef(ctx.args.value);
    const by = doerOf(ctx);
    const run = await ctx.transact(async (tx) => {
      const current = await getReminder(tx, id);
      if (!current.runbook) throw badInput(`${id} has no runbook to run.`);
      const f = findFiring(current, n);
      const started = await startRunbook(ctx.ops, tx, { runbook: current.runbook, channel: current.channel, args: {}, reminder: id }, by);
      await saveFiring(ctx.ops, tx, current, press(f, by.name, `Run ${current.runbook} (${started.id})`, ctx.now));
      return started;
    });
    return reply({ tone: 'info', text: `${by.name} started ${run.runbook} as ${run.id} from ${id}.` });
  },
});

export const REMINDER_ACTIONS = [reminderDoneAction, reminderFailedAction, reminderSnoozeAction, reminderRunAction];
