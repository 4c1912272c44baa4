import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { acceptDrift } from '../bot/drift/accept.js';
import { acceptedText, inFindingEnv } from '../bot/drift/actions.js';
import { reply } from '../bot/model.js';

export const driftAcceptCommand = defineCommand({
  name: 'drift accept',
  group: 'alerts',
  summary: 'Accepts a drift finding: what runs is recorded as a deployment made outside dayops.',
  description: 'Engine drift: the live version becomes a deployment (audited, counted in the DORA figures) with who accepted it and why. IaC drift: the plan is accepted as it is. Either way the finding resolves, and the same reading raises no new one.',
  examples: ['drift accept ALG-4 --reason hotfix applied by hand during INC-2'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'alertGroup', required: true, description: 'The finding (ALG-n).' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, required: true, description: 'Why what runs is accepted.' },
  ],
  schema: z.object({ id: idArg('alertGroup'), reason: textArg(500, 'reason') }),
  permission: (args, ops) => inFindingEnv('deploy')(args.id, ops),
  async handler(ctx) {
    const { id, reason } = ctx.args;
    const outcome = await ctx.transact((tx) => acceptDrift(ctx.ops, tx, id, deployActor(ctx), reason));
    return reply({ tone: 'success', text: acceptedText(id, outcome, reason) });
  },
});
