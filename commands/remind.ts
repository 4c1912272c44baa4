import { z } from 'zod';
import { personArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { resolveChannelRef } from '../bot/channel-names.js';
import { createReminder } from '../bot/reminders/create.js';
import { doerOf } from '../bot/reminders/doer.js';
import { reminderTz } from '../bot/reminders/message.js';
import { describeSchedule } from '../bot/reminders/schedule.js';
import { formatTime } from '../bot/time.js';

const optional = () => z.string().trim().min(1).optional();

export const remindCommand = defineCommand({
  name: 'remind',
  group: 'reminders',
  summary: 'Schedules a maintenance reminder into a channel: on a cron schedule, every interval, or once.',
  description: [
    'Cron has five fields (minute hour day-of-month month day-of-week) read in --tz (default the team zone);',
    'when both day fields are restricted a day matches if either does. Each firing has Done and Snooze buttons,',
    'and Run when --runbook is given. A run missed while dayops was down fires once on start, marked late.',
  ].join(' '),
  examples: [
    'remind #ops Restore test of the api database --cron "0 9 1 * *" --tz Europe/Berlin --runbook restore-test',
    'remind #ops Review the cost dashboard --every 1w --owner @bob',
    'remind #ops Renew the TLS certificate --at "2026-12-01 09:00"',
  ],
  args: [
    { name: 'channel', kind: 'positional', type: 'channel', required: true, description: 'Where it is posted (#ops).' },
    { name: 'text', kind: 'positional', type: 'text', required: true, rest: true, description: 'What to do.' },
    { name: 'cron', kind: 'flag', type: 'string', description: 'Five cron fields, like "0 9 * * MON".' },
    { name: 'tz', kind: 'flag', type: 'string', description: 'Time zone of --cron and --at (default the team zone).' },
    { name: 'every', kind: 'flag', type: 'duration', description: 'A fixed interval, like 1w.' },
    { name: 'at', kind: 'flag', type: 'time', description: 'Once at this time, or the first time with --every.' },
    { name: 'runbook', kind: 'flag', type: 'string', description: 'A runbook the Run button starts.' },
    { name: 'owner', kind: 'flag', type: 'person', description: 'Who it is for; mentioned on every firing.' },
  ],
  schema: z.object({
    channel: z.string().trim().min(1),
    text: textArg(300, 'reminder text'),
    cron: optional(),
    tz: optional(),
    every: optional(),
    at: optional(),
    runbook: optional(),
    owner: personArg().optional(),
  }),
  permission: 'reminders',
  async handler(ctx) {
    const { channel, text, cron, tz, every, at, runbook, owner } = ctx.args;
    const input = {
      channel: await resolveChannelRef(ctx.ops, channel, ctx.place.channel),
      text,
      ...(cron ? { cron } : {}),
      ...(tz ? { tz } : {}),
      ...(every ? { every } : {}),
      ...(at ? { at } : {}),
      ...(runbook ? { runbook } : {}),
      ...(owner ? { owner } : {}),
    };
    const r = await ctx.transact((tx) => createReminder(ctx.ops, tx, input, doerOf(ctx)));
    const zone = reminderTz(r, ctx.ops.config.timezone);
    const next = formatTime(new Date(r.nextAt!), zone);
    return reply({ tone: 'success', text: `${r.id} scheduled in ${r.channel}, ${describeSchedule(r.schedule, zone)}; first at ${next}.` });
  },
});
