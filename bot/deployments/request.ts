import type { DeploymentRecord } from '../../data/records/deployment.js';
import { VERSION_RULE, versionProblem } from '../../data/records/version.js';
import type { Tx } from '../../data/store.js';
import { badInput, conflict, forbidden } from '../errors.js';
import { formatId } from '../ids.js';
import type { Place } from '../model.js';
import type { Ops } from '../ops.js';
import type { DeployActor } from './actor.js';
import { firstRefusal } from './gates.js';
import { activeFreeze } from './freezes.js';
import { EXPIRE_JOB, expiryJobId } from './keys.js';
import { newDeploymentRecord } from './new-record.js';
import { postDeployment } from './notify.js';
import { checkDeployService, policyFor } from './policy.js';
import { transition } from './state-machine.js';
import { staleEvidence } from '../evidence/gate.js';
import { commanderApprovals } from '../actions/gate.js';

export interface DeployRequest {
  service: string;
  env: string;
  version: string;
  reason?: string;
  /** An admin's reason to deploy through a freeze. */
  override?: string;
  place: Place;
  rollbackOf?: string;
  /** The incident whose button asked for it: its timeline follows the deployment. */
  incident?: string;
  commitSha?: string;
  commitTime?: string;
  /** Runs on this engine instead of the service's (see DeploymentRecord.runsOn). */
  runsOn?: DeploymentRecord['runsOn'];
  /** The drift finding (ALG-n) this deployment syncs back (the Sync button). */
  syncs?: string;
  /** `--confirm`: deploy although the requester's on-call shift is about to end. */
  confirmed?: boolean;
}

/** Refuses a version that is not one, before anything is stored or handed to an engine. */
export function checkVersion(version: string): void {
  const problem = versionProblem(version);
  if (problem) throw badInput(`"${printable(version)}" is not a version dayops accepts: ${problem}; ${VERSION_RULE}.`);
}

/** The version as it may be echoed: control characters shown as "?", and not endless. */
function printable(text: string): string {
  const shown = text.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}

/**
 * Checks the request against the environment's policy and gates, records it, and either asks
 * for approval (with an expiry) or queues it to run at once. A refused request leaves no record.
 */
export async function requestDeployment(ops: Ops, tx: Tx, input: DeployRequest, actor: DeployActor): Promise<DeploymentRecord> {
  checkDeployService(ops, input.service);
  const policy = policyFor(ops, input.env);
  checkVersion(input.version);
  if (input.override !== undefined && !ops.people.can(actor.actor, { permission: 'admin', env: input.env })) {
    throw forbidden('Only an admin may override a freeze or stale evidence.');
  }
  const refusal = await firstRefusal(ops, tx, { service: input.service, env: input.env, actor, ...(input.override ? { override: input.override } : {}), ...(input.rollbackOf ? { rollback: true } : {}), ...(input.confirmed ? { confirmed: true } : {}), ...(input.syncs ? { syncs: input.syncs } : {}) });
  if (refusal) throw conflict(refusal);
  const overridden = input.override && !input.rollbackOf ? await staleEvidence(ops, tx, input.service, input.env) : undefined;
  const commanders = input.rollbackOf ? [] : await commanderApprovals(ops, tx, input.service, input.env);
  const approvals = policy.approvals + commanders.length;
  const id = formatId('deployment', await tx.nextNumber('deployment'));
  let d = await newRecord(ops, tx, id, input, actor, approvals);
  if (commanders.length > 0) d.requiredApprovers = commanders;
  if (overridden && input.override) d.evidenceOverride = { by: actor.name, reason: input.override, at: actor.now.toISOString(), overrode: overridden.sentence };
  if (approvals > 0) {
    d = transition(d, 'awaiting_approval', actor.now, actor.name);
    d.expiresAt = new Date(actor.now.getTime() + policy.expiryMs).toISOString();
    if (policy.approvalChannel && policy.approvalChannel !== input.place.channel) d.approvalChannel = policy.approvalChannel;
    await ops.scheduler.schedule(tx, { id: expiryJobId(id), type: EXPIRE_JOB, at: new Date(d.expiresAt), payload: { deployment: id } });
  } else {
    d = transition(transition(d, 'approved', actor.now, actor.name, 'no approval needed'), 'queued', actor.now, actor.name);
    tx.afterCommit(() => ops.deployRunner.launch(ops, id));
  }
  await postDeployment(ops, tx, d);
  const extra = d.rollbackOf ? ` (rollback of ${d.rollbackOf})` : '';
  tx.audit(actor.audit('deployment.request', id, `requested ${input.service} ${input.version} to ${input.env}${extra}`));
  if (d.override) tx.audit(actor.audit('freeze.override', id, `deployed through a freeze: ${d.override.reason}`));
  if (d.evidenceOverride) tx.audit(actor.audit('evidence.override', id, `deployed without fresh evidence (${d.evidenceOverride.overrode}): ${d.evidenceOverride.reason}`));
  return d;
}

async function newRecord(ops: Ops, tx: Tx, id: string, input: DeployRequest, actor: DeployActor, approvals: number): Promise<DeploymentRecord> {
  const frozen = input.override ? await activeFreeze(tx, input.env, actor.now) : undefined;
  return newDeploymentRecord({ ...input, id, approvalsRequired: approvals }, actor, {
    ...(frozen && input.override ? { override: { by: actor.name, reason: input.override, at: actor.now.toISOString() } } : {}),
    ...(input.rollbackOf ? { rollbackOf: input.rollbackOf } : {}),
    ...(input.incident ? { incident: input.incident } : {}),
    ...(input.runsOn ? { runsOn: input.runsOn } : {}),
    ...(input.syncs ? { syncs: input.syncs } : {}),
  });
}
