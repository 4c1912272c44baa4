import { whoName } from '../../bot/deployments/actor.js';
import { stateLabel } from '../../bot/deployments/message.js';
import type { Ops } from '../../bot/ops.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { GateDecision } from './callback-message.js';
import type { GitHubGateSpec } from './gate-spec.js';

export function decisionFor(spec: GitHubGateSpec, state: GateDecision['state'], comment: string, deployment: string): GateDecision {
  const { owner, repo, runId, installationId, environment, deadline, deploymentId } = spec;
  return { owner, repo, runId, installationId, environment, deadline, deploymentId, state, comment, deployment };
}

/** Where the record can be read, when dayops has a public address. */
function recordLink(ops: Ops, d: DeploymentRecord): string {
  return ops.config.publicUrl ? ` ${ops.config.publicUrl.replace(/\/$/, '')}/api/deployments/${d.id}` : '';
}

/** Names who approved and links the dayops record. */
export function approvalComment(ops: Ops, d: DeploymentRecord): string {
  const who = d.approvals.length > 0 ? `approved by ${d.approvals.map(whoName).join(', ')} (${d.approvals.length} of ${d.approvalsRequired})` : `no approval needed in ${d.env}`;
  return `dayops ${d.id} (${d.service} → ${d.env}): ${who}.${recordLink(ops, d)}`;
}

/** Says why: denied by whom, expired, halted, or what failed before the deployment could start. */
export function rejectionComment(ops: Ops, d: DeploymentRecord): string {
  return `dayops ${d.id} (${d.service} → ${d.env}) ${stateLabel(d.state)}${d.result ? `: ${d.result}` : '.'}${recordLink(ops, d)}`;
}
