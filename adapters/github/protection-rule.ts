import { isUserError } from '../../bot/errors.js';
import type { Ops } from '../../bot/ops.js';
import { requestDeployment } from '../../bot/deployments/request.js';
import { systemAudit } from '../../bot/deployments/finish.js';
import { versionProblem } from '../../data/records/version.js';
import type { AuditEvent, Tx } from '../../data/store.js';
import { channelFor } from '../http/api/api-actor.js';
import type { HttpResponse } from '../http/types.js';
import { queueDecision, type GateDecision } from './callback-message.js';
import { rememberDelivery, seenDelivery } from './deliveries.js';
import type { GitHubGateSpec } from './gate-spec.js';
import { githubActor } from './github-actor.js';
import { runIdOf, type ProtectionRuleEvent } from './payloads.js';

/** GitHub fails a job whose protection rule is not answered within 30 days. */
const GITHUB_WAIT_MS = 30 * 24 * 3600_000;

interface Mapped {
  service: string;
  env: string;
}

/**
 * A job asks to enter a GitHub environment: the repository and environment map to a dayops
 * service and environment, and the request goes through the same policy and approvals as a
 * chat deploy. A refusal is answered at once with its reason; otherwise dayops answers when the
 * deployment is approved, denied, expires or is halted.
 */
export async function onProtectionRule(ops: Ops, delivery: string, p: ProtectionRuleEvent): Promise<HttpResponse> {
  const now = ops.clock.now();
  const spec = gateSpec(p);
  const mapped = mapTarget(ops, p);
  const actor = githubActor(ops, p.sender.login, now);
  try {
    return await ops.store.transact(async (tx) => {
      if (await seenDelivery(tx, delivery)) return replay();
      await rememberDelivery(tx, delivery, 'deployment_protection_rule', now);
      if (typeof mapped === 'string') return reject(ops, tx, spec, mapped, systemAudit(ops, 'github.gate.unmapped', `${p.repository.full_name}:${p.environment}`, mapped));
      const permission = checkDeployer(ops, actor.actor, p.sender.login, mapped.env);
      if (permission) return reject(ops, tx, spec, permission, actor.audit('deployment.request', undefined, `Refused: ${permission}`, 'refused'));
      const d = await requestDeployment(ops, tx, { ...mapped, version: versionOf(p), reason: reasonOf(p, spec), place: { channel: channelFor(ops, mapped.service) }, commitSha: p.deployment.sha, runsOn: spec }, actor);
      return { status: 202, body: { accepted: true, deployment: d.id, state: d.state } };
    });
  } catch (err) {
    if (!isUserError(err)) throw err;
    // The policy refused it: nothing was recorded but the refusal, which GitHub hears at once.
    return ops.store.transact(async (tx) => {
      if (await seenDelivery(tx, delivery)) return replay();
      await rememberDelivery(tx, delivery, 'deployment_protection_rule', now);
      return reject(ops, tx, spec, err.message, actor.audit('deployment.request', undefined, `Refused: ${err.message}`, 'refused'));
    });
  }
}

async function reject(ops: Ops, tx: Tx, spec: GitHubGateSpec, reason: string, audit: AuditEvent): Promise<HttpResponse> {
  const { owner, repo, runId, installationId, environment, deadline, deploymentId } = spec;
  const decision: GateDecision = { owner, repo, runId, installationId, environment, deadline, deploymentId, state: 'rejected', comment: `dayops refused: ${reason}` };
  await queueDecision(ops.outbox, tx, decision);
  tx.audit({ ...audit, outcome: 'refused' });
  return { status: 202, body: { accepted: true, state: 'rejected', reason } };
}

function replay(): HttpResponse {
  return { status: 409, body: { error: 'replayed', message: 'This X-GitHub-Delivery was handled already.' } };
}

/** The dayops service and environment, or the sentence that says how to map them. */
function mapTarget(ops: Ops, p: ProtectionRuleEvent): Mapped | string {
  const name = p.repository.full_name;
  const entry = Object.entries(ops.config.github.repositories).find(([repo]) => repo.toLowerCase() === name.toLowerCase())?.[1];
  if (!entry) return `dayops does not know the repository ${name}; map it in the dayops config: github.repositories["${name}"] = { service: <service>, environments: { ${p.environment}: <environment> } }.`;
  if (!ops.config.services[entry.service]) return `github.repositories["${name}"] names the service "${entry.service}", which the dayops config does not list; add it under services.`;
  const env = entry.environments[p.environment] ?? p.environment;
  if (!ops.config.environments[env]) {
    return `dayops has no environment "${env}" for the GitHub environment ${p.environment} of ${name}; map it: github.repositories["${name}"].environments.${p.environment} = <one of ${Object.keys(ops.config.environments).join(', ') || 'your environments'}>.`;
  }
  return { service: entry.service, env };
}

/** The same permission a chat deploy needs; an unmapped GitHub user has only the default role. */
function checkDeployer(ops: Ops, actor: Parameters<Ops['people']['can']>[0], login: string, env: string): string | undefined {
  if (ops.people.can(actor, { permission: 'deploy', env })) return undefined;
  if (!actor.person) return `the GitHub user ${login} is not a dayops person, so they may not deploy to ${env}; add github: [${login}] to their entry under people.`;
  return `${actor.person} (GitHub ${login}) needs the deploy permission in ${env}.`;
}

function gateSpec(p: ProtectionRuleEvent): GitHubGateSpec {
  const runId = runIdOf(p.deployment_callback_url);
  return {
    type: 'github-gate',
    owner: p.repository.owner.login,
    repo: p.repository.name,
    environment: p.environment,
    runId,
    deploymentId: p.deployment.id,
    installationId: p.installation.id,
    runUrl: `${p.repository.html_url}/actions/runs/${runId}`,
    deadline: new Date(Date.parse(p.deployment.created_at) + GITHUB_WAIT_MS).toISOString(),
  };
}

/** A tag that reads as a version is the version; otherwise the commit. */
function versionOf(p: ProtectionRuleEvent): string {
  return /^v?\d/.test(p.deployment.ref) && !versionProblem(p.deployment.ref) ? p.deployment.ref : p.deployment.sha.slice(0, 12);
}

function reasonOf(p: ProtectionRuleEvent, spec: GitHubGateSpec): string {
  return `GitHub Actions: ${p.repository.full_name} ${p.deployment.ref} wants ${p.environment} (run ${spec.runId}: ${spec.runUrl})`;
}
