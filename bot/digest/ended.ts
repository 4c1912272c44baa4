import { FINAL_DEPLOY_STATES, type DeploymentRecord } from '../../data/records/deployment.js';

/** When a deployment ended: its finish time, else the time of its final state in the history. */
export function endedAt(d: DeploymentRecord): string | undefined {
  if (!FINAL_DEPLOY_STATES.includes(d.state)) return undefined;
  return d.finishedAt ?? d.history.findLast((h) => h.state === d.state)?.at;
}
