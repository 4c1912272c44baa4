import { z } from 'zod';
import { personArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { badInput } from '../bot/errors.js';
import { reply } from '../bot/model.js';
import { requestSwap, SWAP_ACCEPT_ACTION, SWAP_DECLINE_ACTION } from '../bot/oncall/swaps.js';
import { findSchedule } from '../bot/oncall/schedules.js';
import { formatTime } from '../bot/time.js';

export const oncallSwapCommand = defineCommand({
  name: 'oncall swap',
  group: 'oncall',
  summary: 'Asks someone to take one of your shifts; they accept or decline with the buttons.',
  examples: ['oncall swap @tomasz', 'oncall swap @tomasz --shift "2026-03-16"', 'oncall swap @tomasz --shift next --schedule api --level secondary'],
  args: [
    { name: 'person', kind: 'positional', type: 'person', required: true, description: 'Who is asked (@tomasz).' },
    { name: 'shift', kind: 'flag', type: 'time', description: 'next (the default), or a time or day inside your shift.' },
    { name: 'schedule', kind: 'flag', type: 'string', description: 'Which schedule, when you are on several.' },
    { name: 'level', kind: 'flag', type: 'string', description: 'Which level, when you hold several.' },
  ],
  schema: z.object({
    person: personArg(),
    shift: z.string().trim().min(1).default('next'),
    schedule: z.string().trim().toLowerCase().optional(),
    level: z.string().trim().toLowerCase().optional(),
  }),
  permission: 'oncall',
  async handler(ctx) {
    const from = ctx.actor.person;
    if (!from) throw badInput('You are not mapped to a dayops person, so you hold no shifts to swap.');
    const { swap, tz } = await ctx.transact(async (tx) => {
      const made = await requestSwap(ctx.ops, tx, { from, to: ctx.args.person, shift: ctx.args.shift, ...(ctx.args.schedule ? { schedule: ctx.args.schedule } : {}), ...(ctx.args.level ? { level: ctx.args.level } : {}) }, ctx.now);
      tx.audit(ctx.auditEvent('oncall.swap', made.id, `asked ${made.to} to take ${made.schedule} ${made.level} ${made.start} – ${made.end}`));
      return { swap: made, tz: (await findSchedule(ctx.ops, tx, made.schedule)).timezone };
    });
    const span = `${formatTime(new Date(swap.start), tz)} → ${formatTime(new Date(swap.end), tz)}`;
    return reply({
      title: `${swap.id}: ${from} asks ${swap.to} to take a shift`,
      text: `${swap.schedule} ${swap.level}, ${span}.`,
      tone: 'info',
      mentions: [{ person: swap.to }],
      buttons: [
        { kind: 'action', label: 'Accept', action: SWAP_ACCEPT_ACTION, value: swap.id, style: 'primary' },
        { kind: 'action', label: 'Decline', action: SWAP_DECLINE_ACTION, value: swap.id },
      ],
    });
  },
});
