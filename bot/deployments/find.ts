import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { ReadTx } from '../../data/store.js';
import { notFound } from '../errors.js';
import { isFinal } from './state-machine.js';

export async function getDeployment(tx: ReadTx, id: string): Promise<DeploymentRecord> {
  const d = await tx.get('deployment', id);
  if (!d) throw notFound(`There is no deployment ${id}; type deploys to list them.`);
  return d;
}

/** Deployments, open or finished, of a service (in an environment) or of every one, oldest first. */
export async function allDeployments(tx: ReadTx, line: { service?: string; env?: string } = {}): Promise<DeploymentRecord[]> {
  return (await tx.query('deployment.history', line)).reverse();
}

/** Deployments not yet finished (waiting, approved, queued or running): few, so `where` filters them here. */
export async function openDeployments(tx: ReadTx, where?: (d: DeploymentRecord) => boolean): Promise<DeploymentRecord[]> {
  const open = await tx.query('deployment.open', {});
  return open.filter((d) => !isFinal(d.state) && (!where || where(d)));
}

/** The unfinished deployment of this service and environment, if any (there is at most one). */
export async function activeDeployment(tx: ReadTx, service: string, env: string): Promise<DeploymentRecord | undefined> {
  return tx.query('deployment.active', { service, env });
}

/** Succeeded deployments of a service in an environment, newest first. */
export async function successes(tx: ReadTx, service: string, env: string): Promise<DeploymentRecord[]> {
  return (await tx.query('deployment.history', { service, env })).filter((d) => d.state === 'succeeded');
}
