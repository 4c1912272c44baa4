/** The stable key of a deployment's summary message; its thread holds the details. */
export function deploymentKey(id: string): string {
  return `deployment:${id}`;
}

/** The approval request posted into an environment's approval channel, when it has one. */
export function approvalKey(id: string): string {
  return `deployment-approval:${id}`;
}

/** The n-th reply in a deployment's thread. */
export function noteKey(id: string, n: number): string {
  return `deployment:${id}:note:${n}`;
}

export const APPROVE_ACTION = 'deploy.approve';
export const DENY_ACTION = 'deploy.deny';
export const HALT_ACTION = 'deploy.halt';
export const ROLLBACK_ACTION = 'deploy.rollback';

/** Scheduler job types and their stable ids. */
export const EXPIRE_JOB = 'deploy.expire';
export const FREEZE_END_JOB = 'freeze.end';
export const FREEZE_START_JOB = 'freeze.start';
export const freezeStartJobId = (id: string) => `freeze-start:${id}`;
export const expiryJobId = (id: string) => `deploy-expiry:${id}`;
export const freezeEndJobId = (id: string) => `freeze-end:${id}`;
