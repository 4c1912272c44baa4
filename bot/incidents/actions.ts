import { DECLARE_INCIDENT_ACTION } from '../alerts/message.js';
import { defineAction } from '../command.js';
import { illegalTransition, notFound } from '../errors.js';
import { parseId } from '../ids.js';
import { reply } from '../model.js';
import { doerOf } from '../reminders/doer.js';
import { declareIncident } from './declare.js';
import { incidentHaltAction, incidentRollbackAction } from './deployment-actions.js';
import { servicesFromAlert, severityFromAlert } from './from-alert.js';

/** The Declare-incident button on an alert group: title, service and severity come from the group. */
export const declareFromAlertAction = defineAction({
  name: DECLARE_INCIDENT_ACTION,
  permission: 'incident',
  async handler(ctx) {
    const groupId = parseId(ctx.args.value, 'alertGroup');
    const by = doerOf(ctx);
    const incident = await ctx.transact(async (tx) => {
      const group = await tx.get('alertGroup', groupId);
      if (!group) throw notFound(`There is no alert group ${groupId}.`);
      const already = (await tx.query('incident.open', {})).filter((i) => i.alertGroups.includes(groupId));
      if (already[0]) throw illegalTransition(`${already[0].id} is already open for ${groupId}; follow it there.`);
      return declareIncident(ctx.ops, tx, { title: group.title, severity: severityFromAlert(ctx.ops, group), services: servicesFromAlert(ctx.ops, group), alertGroup: groupId }, by);
    });
    return reply({ tone: 'danger', text: `${by.name} declared ${incident.id} (SEV${incident.severity}) from ${groupId}: ${incident.title}` });
  },
});

export const INCIDENT_ACTIONS = [declareFromAlertAction, incidentRollbackAction, incidentHaltAction];
