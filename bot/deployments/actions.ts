import { defineAction } from '../command.js';
import { badInput } from '../errors.js';
import { tryParseId } from '../ids.js';
import { reply } from '../model.js';
import type { Ops } from '../ops.js';
import type { PermissionNeed } from '../permissions.js';
import { deployActor } from './actor.js';
import { approveDeployment, denyDeployment } from './approve.js';
import { haltDeployment } from './halt.js';
import { APPROVE_ACTION, DENY_ACTION, HALT_ACTION, ROLLBACK_ACTION } from './keys.js';
import { rollbackDeployment } from './rollback.js';

function buttonId(value: string): string {
  const parsed = tryParseId(value, 'deployment');
  if (parsed?.kind !== 'deployment') throw badInput('That button does not name a deployment; use the command instead.');
  return parsed.id;
}

/** Buttons name the deployment; the permission is checked in its environment. */
function inEnv(permission: PermissionNeed['permission']) {
  return async (value: string, ops: Ops): Promise<PermissionNeed> => {
    const d = await ops.store.read((tx) => tx.get('deployment', buttonId(value)));
    return d ? { permission, env: d.env } : { permission };
  };
}

export const deployApproveAction = defineAction({
  name: APPROVE_ACTION,
  permission: inEnv('approve'),
  async handler(ctx) {
    const d = await ctx.transact((tx) => approveDeployment(ctx.ops, tx, buttonId(ctx.args.value), deployActor(ctx)));
    return reply({ tone: 'success', text: `${d.id} approved (${d.approvals.length} of ${d.approvalsRequired}).` });
  },
});

export const deployDenyAction = defineAction({
  name: DENY_ACTION,
  permission: inEnv('approve'),
  async handler(ctx) {
    const d = await ctx.transact((tx) => denyDeployment(ctx.ops, tx, buttonId(ctx.args.value), deployActor(ctx)));
    return reply({ tone: 'warning', text: `${d.id} denied.` });
  },
});

export const deployHaltAction = defineAction({
  name: HALT_ACTION,
  permission: inEnv('halt'),
  async handler(ctx) {
    const d = await ctx.transact((tx) => haltDeployment(ctx.ops, tx, buttonId(ctx.args.value), deployActor(ctx)));
    return reply({ tone: 'warning', text: `${d.id} halted.` });
  },
});

export const deployRollbackAction = defineAction({
  name: ROLLBACK_ACTION,
  permission: inEnv('deploy'),
  async handler(ctx) {
    const d = await ctx.transact((tx) => rollbackDeployment(ctx.ops, tx, buttonId(ctx.args.value), deployActor(ctx), ctx.place));
    return reply({ tone: 'warning', text: `${d.id}: rolling ${d.service} in ${d.env} back to ${d.version}.` });
  },
});

export const DEPLOY_ACTIONS = [deployApproveAction, deployDenyAction, deployHaltAction, deployRollbackAction];
