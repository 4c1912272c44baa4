import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { ReadTx } from '../../data/store.js';
import { notFound } from '../errors.js';
import { idNumber } from '../ids.js';
import { isFinal } from './state-machine.js';

export async function getDeployment(tx: ReadTx, id: string): Promise<DeploymentRecord> {
  const d = await tx.get('deployment', id);
  if (!d) throw notFound(`There is no deployment ${id}; type deploys to list them.`);
  return d;
}

/** Every deployment, open or finished, oldest first. */
export async function allDeployments(tx: ReadTx, where?: (d: DeploymentRecord) => boolean): Promise<DeploymentRecord[]> {
  const all = await tx.list('deployment', { state: 'all', ...(where ? { where } : {}) });
  return all.sort((a, b) => idNumber(a.id) - idNumber(b.id));
}

/** Deployments not yet finished (waiting, approved, queued or running). */
export async function openDeployments(tx: ReadTx, where?: (d: DeploymentRecord) => boolean): Promise<DeploymentRecord[]> {
  const open = await tx.list('deployment', { where: (d) => !isFinal(d.state) && (!where || where(d)) });
  return open.sort((a, b) => idNumber(a.id) - idNumber(b.id));
}

/** The unfinished deployment of this service and environment, if any (there is at most one). */
export async function activeDeployment(tx: ReadTx, service: string, env: string): Promise<DeploymentRecord | undefined> {
  const [first] = await openDeployments(tx, (d) => d.service === service && d.env === env);
  return first;
}

/** Succeeded deployments of a service in an environment, newest first. */
export async function successes(tx: ReadTx, service: string, env: string): Promise<DeploymentRecord[]> {
  const done = await allDeployments(tx, (d) => d.service === service && d.env === env && d.state === 'succeeded');
  return done.reverse();
}
