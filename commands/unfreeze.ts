import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { endFreeze } from '../bot/deployments/freeze-commands.js';
import { needInFreezeEnv } from '../bot/deployments/permission.js';
import { reply } from '../bot/model.js';

export const unfreezeCommand = defineCommand({
  name: 'unfreeze',
  group: 'deploys',
  summary: 'Lifts a freeze before its end.',
  examples: ['unfreeze FRZ-2'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'freeze', required: true, description: 'The freeze (FRZ-2 or 2).' }],
  schema: z.object({ id: idArg('freeze') }),
  permission: (args, ops) => needInFreezeEnv(ops, 'freeze', args.id),
  async handler(ctx) {
    const actor = deployActor(ctx);
    const f = await ctx.transact((tx) => endFreeze(ctx.ops, tx, ctx.args.id, actor));
    return reply({ tone: 'success', text: `${f.id} lifted: deploys to ${f.env} are open again (unless another freeze holds it).` });
  },
});
