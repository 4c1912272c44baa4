import type { Tx } from '../../data/store.js';
import type { Outbox } from '../../bot/outbox.js';
import type { OpsMessage } from '../../bot/model.js';

/** What dayops answers a deployment protection rule with, and where. */
export interface GateDecision {
  owner: string;
  repo: string;
  runId: number;
  installationId: number;
  /** The GitHub environment (the callback's environment_name). */
  environment: string;
  /** The GitHub deployment the job made: a re-run of the job asks again with a new one. */
  deploymentId: number;
  state: 'approved' | 'rejected';
  comment: string;
  /** When GitHub stops waiting (ISO time); a callback not sent by then is given up. */
  deadline: string;
  /** The dayops deployment it decides, when one was recorded. */
  deployment?: string;
}

/** The outbox channel of a run's callbacks: one run's answers go out in order. */
export function callbackChannel(runId: number): string {
  return `github:run-${runId}`;
}

/** One answer per request: run, environment and the job's GitHub deployment. */
export function callbackKey(d: Pick<GateDecision, 'runId' | 'environment' | 'deploymentId'>): string {
  return `github-callback:${d.runId}:${d.environment}:${d.deploymentId}`;
}

/**
 * The decision as a neutral message, so it is persisted and retried by the outbox like any
 * other; the GitHub sender reads it back with `readDecision`. The fields are the contract.
 */
export function decisionMessage(d: GateDecision): OpsMessage {
  return {
    title: d.state,
    text: d.comment,
    fields: [
      { label: 'repository', value: `${d.owner}/${d.repo}` },
      { label: 'run', value: String(d.runId) },
      { label: 'installation', value: String(d.installationId) },
      { label: 'github-deployment', value: String(d.deploymentId) },
      { label: 'environment', value: d.environment },
      { label: 'deadline', value: d.deadline },
      ...(d.deployment ? [{ label: 'deployment', value: d.deployment }] : []),
    ],
  };
}

export function readDecision(message: OpsMessage): GateDecision | undefined {
  const field = (label: string) => {
    const value = message.fields?.find((f) => f.label === label)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const [owner, repo] = (field('repository') ?? '').split('/');
  const runId = Number(field('run'));
  const installationId = Number(field('installation'));
  const deploymentId = Number(field('github-deployment'));
  const environment = field('environment');
  const deadline = field('deadline');
  const state = message.title;
  if (!owner || !repo || !environment || !deadline || !Number.isInteger(runId) || !Number.isInteger(installationId) || !Number.isInteger(deploymentId)) return undefined;
  if (state !== 'approved' && state !== 'rejected') return undefined;
  const deployment = field('deployment');
  return { owner, repo, runId, installationId, deploymentId, environment, state, comment: message.text ?? '', deadline, ...(deployment ? { deployment } : {}) };
}

/** Queues the answer in the caller's transaction; the outbox delivers it through the GitHub sender. */
export async function queueDecision(outbox: Outbox, tx: Tx, d: GateDecision): Promise<void> {
  await outbox.post(tx, { channel: callbackChannel(d.runId), key: callbackKey(d), message: decisionMessage(d) });
}
