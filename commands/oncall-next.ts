import { z } from 'zod';
import { personArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { badInput } from '../bot/errors.js';
import { reply } from '../bot/model.js';
import { formatTime } from '../bot/time.js';
import { shiftsOf } from '../bot/oncall/query.js';

const DAYS = 90;
const SHOWN = 8;

export const oncallNextCommand = defineCommand({
  name: 'oncall next',
  group: 'oncall',
  summary: "Someone's next on-call shifts (yours when nobody is named).",
  examples: ['oncall next @maria', 'oncall next'],
  args: [{ name: 'person', kind: 'positional', type: 'person', description: 'Whose shifts (@maria); absent: yours.' }],
  schema: z.object({ person: personArg().optional() }),
  permission: 'view',
  async handler(ctx) {
    const person = ctx.args.person ?? ctx.actor.person;
    if (!person) throw badInput('You are not mapped to a dayops person; name someone: oncall next @maria.');
    if (!ctx.ops.people.exists(person)) throw badInput(`${person} is not one of the people dayops knows; people: ${ctx.ops.people.names().join(', ')}.`);
    const shifts = await ctx.ops.store.read((tx) => shiftsOf(ctx.ops, tx, person, ctx.now, DAYS));
    if (shifts.length === 0) return reply({ text: `${person} has no on-call shifts in the next ${DAYS} days.` }, 'private');
    const lines = shifts.slice(0, SHOWN).map((s) => {
      const tz = s.schedule.timezone;
      const via = s.onCall?.override ? ` (${s.onCall.override})` : '';
      return `${s.schedule.name} ${s.level}: ${formatTime(s.start, tz)} → ${formatTime(s.end, tz)}${via}`;
    });
    const more = shifts.length > SHOWN ? [`… and ${shifts.length - SHOWN} more in the next ${DAYS} days.`] : [];
    return reply({ title: `Next shifts of ${person}`, text: [...lines, ...more].join('\n') }, 'private');
  },
});
