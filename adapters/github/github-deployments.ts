import { githubActionsSpec, specAs } from '../deploy/engine-config.js';
import type { DeploymentObserver } from '../../bot/deployments/notify.js';
import { planFor } from '../../bot/deployments/policy.js';
import type { OpsMessage } from '../../bot/model.js';
import type { Ops } from '../../bot/ops.js';
import type { DeploymentRecord, DeployState } from '../../data/records/deployment.js';

/** The GitHub deployment states a dayops state becomes (success makes the earlier ones inactive). */
const GITHUB_STATES: Partial<Record<DeployState, string>> = {
  queued: 'queued',
  running: 'in_progress',
  succeeded: 'success',
  failed: 'failure',
  halted: 'error',
};

export const deploymentKey = (id: string) => `github-deployment:${id}`;

export interface GitHubTarget {
  owner: string;
  repo: string;
  /** The GitHub environment name. */
  environment: string;
  ref: string;
}

/**
 * Where a deployment dayops runs shows up at GitHub: the repository of its github-actions
 * engine, or the repository that github.repositories maps to its service. None for deployments
 * GitHub itself gated or that were only recorded.
 */
export function githubTarget(ops: Ops, d: DeploymentRecord): GitHubTarget | undefined {
  if (d.runsOn || d.external || !ops.config.services[d.service]) return undefined;
  const engine = specAs(githubActionsSpec, planFor(ops, d.service).engine);
  const mapped = Object.entries(ops.config.github.repositories).find(([, entry]) => entry.service === d.service);
  const [owner, repo] = engine ? [engine.owner, engine.repo] : (mapped?.[0].split('/') ?? []);
  if (!owner || !repo) return undefined;
  const entry = mapped?.[1];
  const environment = Object.entries(entry?.environments ?? {}).find(([, env]) => env === d.env)?.[0] ?? d.env;
  const ref = d.commitSha ?? (engine ? engine.ref : d.version);
  return { owner, repo, environment, ref };
}

/** The deployment at GitHub as a neutral message: posting it creates it, each edit adds a status. */
export function githubDeploymentMessage(d: DeploymentRecord, target: GitHubTarget, state: string, publicUrl: string | undefined): OpsMessage {
  const logUrl = d.runUrl ?? (publicUrl ? `${publicUrl.replace(/\/$/, '')}/api/deployments/${d.id}` : undefined);
  return {
    title: state,
    text: `dayops ${d.id}: ${d.service} ${d.version} → ${d.env}${d.result ? ` (${d.result})` : ''}`.slice(0, 140),
    fields: [
      { label: 'repository', value: `${target.owner}/${target.repo}` },
      { label: 'ref', value: target.ref },
      { label: 'environment', value: target.environment },
      { label: 'deployment', value: d.id },
      ...(logUrl ? [{ label: 'log_url', value: logUrl }] : []),
    ],
  };
}

/** Creates and updates the GitHub deployment of each deployment dayops runs, through the outbox. */
export function githubDeploymentsObserver(ops: Ops, enabled: boolean): DeploymentObserver {
  return async (tx, d) => {
    const state = GITHUB_STATES[d.state];
    const target = enabled && state ? githubTarget(ops, d) : undefined;
    if (!state || !target) return;
    const message = githubDeploymentMessage(d, target, state, ops.config.publicUrl);
    await ops.outbox.post(tx, { channel: `github:deploy-${d.id}`, key: deploymentKey(d.id), message });
  };
}

export interface GitHubDeploymentUpdate {
  owner: string;
  repo: string;
  ref: string;
  environment: string;
  deployment: string;
  state: string;
  description: string;
  logUrl?: string;
}

export function readDeploymentUpdate(message: OpsMessage): GitHubDeploymentUpdate | undefined {
  const field = (label: string) => {
    const value = message.fields?.find((f) => f.label === label)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const [owner, repo] = (field('repository') ?? '').split('/');
  const ref = field('ref');
  const environment = field('environment');
  const deployment = field('deployment');
  if (!owner || !repo || !ref || !environment || !deployment || !message.title) return undefined;
  const logUrl = field('log_url');
  return { owner, repo, ref, environment, deployment, state: message.title, description: message.text ?? '', ...(logUrl ? { logUrl } : {}) };
}
