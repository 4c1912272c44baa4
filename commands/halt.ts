import { z } from 'zod';
import { textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { badInput } from '../bot/errors.js';
import { deployActor } from '../bot/deployments/actor.js';
import { haltDeployment, haltLine } from '../bot/deployments/halt.js';
import { needInDeploymentEnv } from '../bot/deployments/permission.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { parseId, tryParseId } from '../bot/ids.js';
import { reply } from '../bot/model.js';
import type { Ops } from '../bot/ops.js';

/**
 * A deployment id, or undefined for an environment. Something shaped like an id that is not a
 * deployment's (`DEP-0`, `INC-3`) is refused as an id, not looked up as an environment.
 */
function asDeploymentId(target: string, ops: Ops): string | undefined {
  const parsed = tryParseId(target, 'deployment');
  if (parsed?.kind === 'deployment') return parsed.id;
  if (ops.config.environments[target.toLowerCase()]) return undefined;
  if (parsed || /^[a-z]+-?\d+$/i.test(target) || /^\d+$/.test(target)) return parseId(target, 'deployment');
  return undefined;
}

export const haltCommand = defineCommand({
  name: 'halt',
  group: 'deploys',
  summary: 'Halts one deployment, or stops the line in an environment until resume.',
  description: 'halt <id> stops one deployment. halt <env> --reason … halts everything in flight there and refuses new deployments until resume <env>.',
  examples: ['halt DEP-12', 'halt production --reason error rate is climbing'],
  args: [
    { name: 'target', kind: 'positional', type: 'string', required: true, description: 'A deployment (DEP-12) or an environment.' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why (required to halt an environment).' },
  ],
  schema: z.object({ target: z.string().trim().min(1), reason: textArg(500, 'reason').optional() }),
  permission: (args, ops) => {
    const id = asDeploymentId(args.target, ops);
    return id ? needInDeploymentEnv(ops, 'halt', id) : { permission: 'halt', env: args.target.toLowerCase() };
  },
  async handler(ctx) {
    const actor = deployActor(ctx);
    const id = asDeploymentId(ctx.args.target, ctx.ops);
    if (id) {
      const d = await auditRefusals(ctx, 'deployment.halt', id, () => ctx.transact((tx) => haltDeployment(ctx.ops, tx, id, actor, ctx.args.reason)));
      return reply({ tone: 'warning', text: `${d.id} halted: ${d.service} ${d.version} in ${d.env}.` });
    }
    const env = ctx.args.target.toLowerCase();
    const reason = ctx.args.reason;
    if (!reason) throw badInput(`Halting the line in ${env} needs --reason: say why, for everyone who is refused.`);
    const halted = await auditRefusals(ctx, 'line.halt', env, () => ctx.transact((tx) => haltLine(ctx.ops, tx, env, actor, reason)));
    const list = halted.length > 0 ? ` Halted ${halted.map((d) => d.id).join(', ')}.` : '';
    // Done as asked: a warning to everyone, not a failure of the command.
    return reply({ tone: 'warning', text: `The line in ${env} is halted; no deployments until resume ${env}.${list}` });
  },
});
