import type { IncidentRecord } from '../../data/records/incident.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import { defineAction } from '../command.js';
import { deployActor, type DeployActor } from '../deployments/actor.js';
import { getDeployment } from '../deployments/find.js';
import { haltDeployment } from '../deployments/halt.js';
import { rollbackDeployment } from '../deployments/rollback.js';
import { badInput, notFound } from '../errors.js';
import { tryParseId } from '../ids.js';
import { reply } from '../model.js';
import type { Ops } from '../ops.js';
import type { Permission, PermissionNeed } from '../permissions.js';
import { getOpenIncident } from './find.js';
import { INCIDENT_HALT_ACTION, INCIDENT_ROLLBACK_ACTION, incidentKey } from './keys.js';
import { saveIncident, withEntry } from './save.js';
import { withDeployment } from './follow-deployment.js';

/** `INC-3 DEP-1`: the incident the button is on and the deployment it names. */
function parseValue(value: string): { incident: string; deployment: string } {
  const [first = '', second = ''] = value.trim().split(/\s+/);
  const incident = tryParseId(first, 'incident');
  const deployment = tryParseId(second, 'deployment');
  if (incident?.kind !== 'incident' || deployment?.kind !== 'deployment') throw badInput('That button does not name an incident and a deployment; use the halt or rollback command instead.');
  return { incident: incident.id, deployment: deployment.id };
}

/** The same permission as the halt and rollback commands, in the deployment's environment. */
function inDeploymentEnv(permission: Permission) {
  return async (value: string, ops: Ops): Promise<PermissionNeed> => {
    const d = await ops.store.read((tx) => tx.get('deployment', parseValue(value).deployment));
    return d ? { permission, env: d.env } : { permission };
  };
}

/** The incident, checked to be open and to list the deployment (a button from an old message may name another). */
async function incidentListing(tx: Tx, value: string): Promise<{ incident: IncidentRecord; deployment: DeploymentRecord }> {
  const ids = parseValue(value);
  const incident = await getOpenIncident(tx, ids.incident);
  if (!incident.deployments.some((d) => d.id === ids.deployment)) throw notFound(`${ids.incident} does not list ${ids.deployment}.`);
  return { incident, deployment: await getDeployment(tx, ids.deployment) };
}

/** The press goes on the timeline, and the incident's listing of deployments is brought up to date. */
async function recordOnIncident(ops: Ops, tx: Tx, incident: IncidentRecord, actor: DeployActor, text: string, changed: DeploymentRecord[]): Promise<void> {
  let next = withEntry(incident, { at: actor.now.toISOString(), by: actor.name, kind: 'deployment', text });
  for (const d of changed) next = await withDeployment(tx, next, d);
  await saveIncident(ops, tx, next);
}

export const incidentRollbackAction = defineAction({
  name: INCIDENT_ROLLBACK_ACTION,
  permission: inDeploymentEnv('deploy'),
  async handler(ctx) {
    const actor = deployActor(ctx);
    const d = await ctx.transact(async (tx) => {
      const { incident, deployment } = await incidentListing(tx, ctx.args.value);
      const place = { channel: incident.channel, thread: incidentKey(incident.id) };
      const started = await rollbackDeployment(ctx.ops, tx, deployment.id, actor, place, incident.id);
      const text = `Rolled back ${deployment.id} (${deployment.service} ${deployment.version} in ${deployment.env}) to ${started.version} as ${started.id}`;
      await recordOnIncident(ctx.ops, tx, incident, actor, text, [started]);
      return started;
    });
    return reply({ tone: 'warning', text: `${d.id}: rolling ${d.service} in ${d.env} back to ${d.version} (replaces ${d.rollbackOf}), from ${d.incident}.` });
  },
});

export const incidentHaltAction = defineAction({
  name: INCIDENT_HALT_ACTION,
  permission: inDeploymentEnv('halt'),
  async handler(ctx) {
    const actor = deployActor(ctx);
    const d = await ctx.transact(async (tx) => {
      const { incident, deployment } = await incidentListing(tx, ctx.args.value);
      const halted = await haltDeployment(ctx.ops, tx, deployment.id, actor, `from ${incident.id}`);
      await recordOnIncident(ctx.ops, tx, incident, actor, `Halted ${deployment.id} (${deployment.service} ${deployment.version} to ${deployment.env})`, [halted]);
      return halted;
    });
    return reply({ tone: 'warning', text: `${d.id} halted.` });
  },
});
