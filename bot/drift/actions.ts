import { defineAction } from '../command.js';
import { badInput } from '../errors.js';
import { tryParseId } from '../ids.js';
import { reply } from '../model.js';
import type { Ops } from '../ops.js';
import type { PermissionNeed } from '../permissions.js';
import { deployActor } from '../deployments/actor.js';
import { acceptDrift } from './accept.js';
import { syncDrift } from './sync.js';
import { applyDrift } from './apply.js';
import { doerOf } from '../reminders/doer.js';

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
    const outcome = await ctx.transact((tx) => acceptDrift(ctx.ops, tx, id, deployActor(ctx), 'accepted with the button'));
    return reply({ tone: 'success', text: acceptedText(id, outcome) });
  },
});

/** What Accept answers: the deployment it recorded, or that the plan is accepted as it is. */
export function acceptedText(id: string, { group, deployment }: Awaited<ReturnType<typeof acceptDrift>>, reason?: string): string {
  const why = reason ? ` (${reason})` : '';
  if (deployment) return `${id} accepted: ${deployment.service} ${deployment.version} in ${deployment.env} is recorded as ${deployment.id}, deployed outside dayops${why}.`;
  return `${id} accepted: ${group.title} stays as it is${why}.`;
}

/** Apply runs a runbook: it needs what `run` needs there. */
export const driftApplyAction = defineAction({
  name: APPLY_ACTION,
  permission: inFindingEnv('runbook.run'),
  async handler(ctx) {
    const id = findingId(ctx.args.value);
    const run = await ctx.transact((tx) => applyDrift(ctx.ops, tx, id, doerOf(ctx)));
    const waits = run.state === 'awaiting_approval' ? `; it waits for ${run.approvalsRequired} approval(s)` : '; output follows in its thread';
    return reply({ tone: 'info', text: `${run.id}: applying ${id} with ${run.runbook} in ${run.env}${waits}.` });
  },
});

export const DRIFT_ACTIONS = [driftSyncAction, driftAcceptAction, driftApplyAction];
