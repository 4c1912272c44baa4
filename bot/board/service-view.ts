import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DecisionRecord } from '../../data/records/decision.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { ReminderRecord } from '../../data/records/reminder.js';
import type { ReadTx } from '../../data/store.js';
import { openAlertGroups } from '../alerts/open-groups.js';
import { allDecisions } from '../decisions/find.js';
import { notFound } from '../errors.js';
import { idNumber } from '../ids.js';
import type { Ops } from '../ops.js';

/** How many past deployments a service page lists per environment. */
export const HISTORY_PER_ENV = 25;

export interface ServiceView {
  service: string;
  /** Newest first, per environment, at most HISTORY_PER_ENV each. */
  history: { env: string; deployments: DeploymentRecord[]; total: number }[];
  /** Recorded for this service, or for every service; newest first. */
  decisions: DecisionRecord[];
  alertGroups: AlertGroupRecord[];
  /** Open ones first, then newest first. */
  incidents: IncidentRecord[];
  /** Reminders that are duties of this service's decisions, not cancelled. */
  duties: ReminderRecord[];
}

/** Everything dayops knows about one service, for its page on the board. */
export async function serviceView(ops: Ops, tx: ReadTx, service: string, envs = Object.keys(ops.config.environments)): Promise<ServiceView> {
  if (!ops.config.services[service]) throw notFound(`There is no service ${service}.`);
  const deployments = (await tx.query('deployment.history', { service })).sort(newestFirst);
  const history = envs.map((env) => {
    const here = deployments.filter((d) => d.env === env);
    return { env, deployments: here.slice(0, HISTORY_PER_ENV), total: here.length };
  });
  const decisions = (await allDecisions(tx)).filter((d) => d.service === undefined || d.service === service).sort(newestFirst);
  const own = new Set(decisions.filter((d) => d.service === service).map((d) => d.id));
  const incidents = (await tx.query('incident.history', {})).filter((i) => i.services.includes(service)).sort(
    (a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || newestFirst(a, b),
  );
  const duties = (await tx.list('reminder', { state: 'all', where: (r) => r.decision !== undefined && own.has(r.decision) && r.state !== 'cancelled' })).sort(newestFirst);
  return { service, history, decisions, alertGroups: await openAlertGroups(ops, tx, { service }), incidents, duties };
}

function newestFirst(a: { id: string }, b: { id: string }): number {
  return idNumber(b.id) - idNumber(a.id);
}
