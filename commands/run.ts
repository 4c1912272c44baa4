import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';
import { runEnv } from '../bot/runbooks/policy.js';
import { startRunbook } from '../bot/runbooks/start.js';

const ARG = /^([A-Za-z][\w-]{0,39})=(.*)$/s;

export const runCommand = defineCommand({
  name: 'run',
  group: 'runbooks',
  summary: 'Runs a configured runbook; its output streams into the thread of the run.',
  description: 'Runs need the runbook.run permission in the environment, and the approvals the runbook asks for.',
  examples: ['run restore-test staging', 'run flush-cache production --arg region=eu'],
  args: [
    { name: 'runbook', kind: 'positional', type: 'string', required: true, description: 'The runbook.' },
    { name: 'env', kind: 'positional', type: 'string', description: 'The environment (default the runbook\'s first).' },
    { name: 'arg', kind: 'flag', type: 'string', repeatable: true, placeholder: 'k=v', description: 'An argument for the runbook.' },
  ],
  schema: z.object({
    runbook: z.string().trim().toLowerCase().min(1),
    env: z.string().trim().toLowerCase().min(1).optional(),
    arg: z
      .array(z.string().regex(ARG, { message: 'must be key=value, like region=eu' }))
      .optional()
      .transform((list) => Object.fromEntries((list ?? []).map((a) => ARG.exec(a)!.slice(1, 3) as [string, string]))),
  }),
  // Without <env> the run goes to the runbook's default environment, which may be protected.
  permission: (args, ops) => ({ permission: 'runbook.run', env: runEnv(ops, args.runbook, args.env) }),
  async handler(ctx) {
    const { runbook, env, arg } = ctx.args;
    const run = await ctx.transact((tx) =>
      startRunbook(ctx.ops, tx, { runbook, args: arg, channel: ctx.place.channel, ...(env ? { env } : {}) }, doerOf(ctx)),
    );
    const waiting = run.state === 'awaiting_approval' ? `; it waits for ${run.approvalsRequired} approval(s)` : '; output follows in its thread';
    return reply({ tone: 'info', text: `${run.id}: running ${run.runbook} in ${run.env}${waiting}.` });
  },
});
