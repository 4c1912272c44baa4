import { defineAction } from '../command.js';
import { parseId } from '../ids.js';
import { reply } from '../model.js';
import type { Ops } from '../ops.js';
import type { PermissionNeed } from '../permissions.js';
import { doerOf } from '../reminders/doer.js';
import { approveRun, denyRun } from './approve.js';
import { APPROVE_RUN_ACTION, DENY_RUN_ACTION } from './keys.js';

/** Approving a run needs `approve` in the run's environment. */
async function approveInEnv(value: string, ops: Ops): Promise<PermissionNeed> {
  const run = await ops.store.read((tx) => tx.get('runbookRun', parseId(value, 'runbookRun')));
  return run ? { permission: 'approve', env: run.env } : { permission: 'approve' };
}

export const runbookApproveAction = defineAction({
  name: APPROVE_RUN_ACTION,
  permission: approveInEnv,
  async handler(ctx) {
    const run = await ctx.transact((tx) => approveRun(ctx.ops, tx, parseId(ctx.args.value, 'runbookRun'), doerOf(ctx)));
    const state = run.state === 'running' ? 'starting' : `${run.approvals.length} of ${run.approvalsRequired}`;
    return reply({ tone: 'success', text: `${run.id} approved (${state}).` });
  },
});

export const runbookDenyAction = defineAction({
  name: DENY_RUN_ACTION,
  permission: approveInEnv,
  async handler(ctx) {
    const run = await ctx.transact((tx) => denyRun(ctx.ops, tx, parseId(ctx.args.value, 'runbookRun'), doerOf(ctx)));
    return reply({ tone: 'warning', text: `${run.id} denied.` });
  },
});

export const RUNBOOK_ACTIONS = [runbookApproveAction, runbookDenyAction];
