import { defineAction } from '../command.js';
import { badInput } from '../errors.js';
import { tryParseId } from '../ids.js';
import { reply } from '../model.js';
import type { Ops } from '../ops.js';
import type { PermissionNeed } from '../permissions.js';
import { deployActor } from '../deployments/actor.js';
import { acceptDrift } from './accept.js';
import { syncDrift } from './sync.js';

export const SYNC_ACTION = 'drift.sync';
export const ACCEPT_ACTION = 'drift.accept';
export const APPLY_ACTION = 'drift.apply';

export function findingId(value: string): string {
  const parsed = tryParseId(value, 'alertGroup');
  if (parsed?.kind !== 'alertGroup') throw badInput('That button does not name a drift finding; use the drift command instead.');
  return parsed.id;
}

/** Sync and Accept change what counts as deployed there: they need `deploy` in the finding's environment. */
export function inFindingEnv(permission: PermissionNeed['permission']) {
  return async (value: string, ops: Ops): Promise<PermissionNeed> => {
    const group = await ops.store.read((tx) => tx.get('alertGroup', findingId(value)));
    return group?.env ? { permission, env: group.env } : { permission };
  };
}

export const driftSyncAction = defineAction({
  name: SYNC_ACTION,
  permission: inFindingEnv('deploy'),
  async handler(ctx) {
    const id = findingId(ctx.args.value);
    const d = await ctx.transact((tx) => syncDrift(ctx.ops, tx, id, deployActor(ctx)));
    return reply({ tone: 'info', text: `${d.id}: syncing ${d.service} in ${d.env} back to ${d.version} for ${id} (${d.state.replace('_', ' ')}).` });
  },
});

export const driftAcceptAction = defineAction({
  name: ACCEPT_ACTION,
  permission: inFindingEnv('deploy'),
  async handler(ctx) {
    const id = findingId(ctx.args.value);
    const { deployment } = await ctx.transact((tx) => acceptDrift(ctx.ops, tx, id, deployActor(ctx), 'accepted with the button'));
    return reply({ tone: 'success', text: `${id} accepted: ${deployment.service} ${deployment.version} in ${deployment.env} is recorded as ${deployment.id}, deployed outside dayops.` });
  },
});

export const DRIFT_ACTIONS = [driftSyncAction, driftAcceptAction];
