import { defineAction } from '../command.js';
import { badInput } from '../errors.js';
import { tryParseId } from '../ids.js';
import { reply } from '../model.js';
import { doerOf } from '../reminders/doer.js';
import { reminderTz } from '../reminders/message.js';
import { formatTime } from '../time.js';
import { createDuty } from './create.js';
import { CREATE_DUTY_ACTION } from './keys.js';

/** The button on an accepted decision: creates its recurring duty once, however often pressed. */
export const createDutyAction = defineAction({
  name: CREATE_DUTY_ACTION,
  permission: 'reminders',
  async handler(ctx) {
    const parsed = tryParseId(ctx.args.value, 'decision');
    if (parsed?.kind !== 'decision') throw badInput('That button does not name a decision; use the decisions command instead.');
    const { reminder: r, created } = await ctx.transact((tx) => createDuty(ctx.ops, tx, parsed.id, doerOf(ctx)));
    if (!created) return reply({ tone: 'info', text: `${parsed.id} already has its duty: ${r.id} (${r.text}).` });
    const next = formatTime(new Date(r.nextAt!), reminderTz(r, ctx.ops.config.timezone));
    return reply({ tone: 'success', text: `${r.id} now holds the duty of ${parsed.id}: ${r.text}, in ${r.channel}; first at ${next}.` });
  },
});

export const DUTY_ACTIONS = [createDutyAction];
