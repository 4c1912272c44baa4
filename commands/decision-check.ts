import { z } from 'zod';
import { durationArg, idArg, textArg } from '../bot/args.js';
import { addCheck } from '../bot/checks/add.js';
import { describeCheck } from '../bot/checks/compare.js';
import { defineCommand } from '../bot/command.js';
import { decisionActor } from '../bot/decisions/actor.js';
import { badInput } from '../bot/errors.js';
import { reply } from '../bot/model.js';
import type { CheckOp } from '../data/records/decision.js';

const number = (label: string) =>
  z.union([z.number(), z.string()]).transform((input, ctx) => {
    const n = typeof input === 'number' ? input : Number(input.trim());
    if (typeof input === 'string' && input.trim() === '') ctx.addIssue({ code: 'custom', message: `The ${label} is empty; give a number such as 0.3.` });
    else if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `The ${label} "${String(input)}" is not a number; give one such as 0.3.` });
    return n;
  });

const COMPARISONS: [flag: 'below' | 'above' | 'at-most' | 'at-least', op: CheckOp][] = [
  ['below', '<'],
  ['above', '>'],
  ['at-most', '<='],
  ['at-least', '>='],
];

export const decisionCheckCommand = defineCommand({
  name: 'decision check',
  group: 'decisions',
  summary: 'Adds a PromQL check to a success-criteria or monitoring decision, evaluated against Prometheus.',
  description:
    'Every sample of the query must compare with the threshold; $window in the query stands for the window. Checks run on the checks.cron schedule and after deployments (environment checksAfterDeploy). A breach marks the decision needs review; see docs/lifecycle.md. Needs the decide permission.',
  examples: [
    `decision check D-4 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="api"}[$window])))' --below 0.3 --window 1h --name p99 latency of api`,
    `decision check D-5 'sum(rate(http_requests_total{code=~"5.."}[$window])) / sum(rate(http_requests_total[$window]))' --at-most 0.01 --window 30m --name error ratio`,
  ],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The decision (D-4).' },
    { name: 'query', kind: 'positional', type: 'text', required: true, rest: true, description: 'The PromQL expression; quote it.' },
    ...COMPARISONS.map(([flag]) => ({ name: flag, kind: 'flag' as const, type: 'string' as const, placeholder: 'number', description: `Every value must be ${flag.replace('-', ' ')} this.` })),
    { name: 'window', kind: 'flag', type: 'duration', description: 'The evaluation window (default 1h).' },
    { name: 'name', kind: 'flag', type: 'text', rest: true, description: 'What it checks, in a few words.' },
  ],
  schema: z.object({
    id: idArg('decision'),
    query: textArg(2000, 'query'),
    below: number('threshold').optional(),
    above: number('threshold').optional(),
    'at-most': number('threshold').optional(),
    'at-least': number('threshold').optional(),
    window: durationArg().optional(),
    name: textArg(120, 'name').optional(),
  }),
  permission: 'decide',
  async handler(ctx) {
    const given = COMPARISONS.filter(([flag]) => ctx.args[flag] !== undefined);
    if (given.length !== 1) throw badInput('Give exactly one of --below, --above, --at-most or --at-least with the threshold.');
    const [flag, op] = given[0]!;
    const input = { name: ctx.args.name ?? ctx.args.query.slice(0, 60), query: ctx.args.query, op, threshold: ctx.args[flag]!, window: ctx.args.window ?? '1h' };
    const d = await ctx.transact((tx) => addCheck(ctx.ops, tx, ctx.args.id, input, decisionActor(ctx)));
    return reply({ tone: 'success', text: `${d.id} now checks ${describeCheck(d.checks!.at(-1)!)}.` });
  },
});
