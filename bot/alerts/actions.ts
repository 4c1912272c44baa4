import { defineAction } from '../command.js';
import { badInput, notFound } from '../errors.js';
import { SHOW_GROUP_ACTION } from './message.js';
import { expandGroup } from './storm.js';
import { parseId } from '../ids.js';
import { reply } from '../model.js';
import { parseDuration } from '../time.js';
import { acknowledgeGroup } from './ack.js';
import { findOpenGroup } from './find.js';
import { resolveByHand } from './resolve.js';
import { createSilence, groupMatchers } from './silences.js';
import { whoOf } from './who.js';

export const alertsAckAction = defineAction({
  name: 'alerts.ack',
  permission: 'alerts.ack',
  async handler(ctx) {
    const id = parseId(ctx.args.value, 'alertGroup');
    const who = whoOf(ctx);
    const { group, already } = await ctx.transact(async (tx) => {
      const outcome = await acknowledgeGroup(ctx.ops, tx, id, who, ctx.now);
      if (!outcome.already) tx.audit(ctx.auditEvent('alerts.ack', id, `acknowledged ${id}`));
      return outcome;
    });
    if (already) return reply({ text: `${id} was already acknowledged by ${group.acknowledged!.by}.` }, 'private');
    return reply({ tone: 'success', text: `${who} acknowledged ${id}: ${group.title}` });
  },
});

/** The Silence choice carries `ALG-3 4h`: the group and the chosen duration. */
export const alertsSilenceAction = defineAction({
  name: 'alerts.silence',
  permission: 'alerts.silence',
  async handler(ctx) {
    const [idText = '', durationText = ''] = ctx.args.value.trim().split(/\s+/);
    const id = parseId(idText, 'alertGroup');
    if (!durationText) throw badInput('Choose how long to silence it for.');
    const durationMs = parseDuration(durationText);
    const group = await ctx.ops.store.read((tx) => findOpenGroup(tx, id));
    const silence = await createSilence(ctx, { matchers: groupMatchers(group), durationMs, group: id });
    const where = silence.alertmanagerId ? ' (also in Alertmanager)' : '';
    return reply({ tone: 'info', text: `${whoOf(ctx)} silenced ${id} for ${durationText} as ${silence.id}${where}.` });
  },
});

export const alertsResolveAction = defineAction({
  name: 'alerts.resolve',
  permission: 'alerts.ack',
  async handler(ctx) {
    const id = parseId(ctx.args.value, 'alertGroup');
    const who = whoOf(ctx);
    const group = await ctx.transact(async (tx) => {
      const resolved = await resolveByHand(ctx.ops, tx, id, who, ctx.now);
      tx.audit(ctx.auditEvent('alerts.resolve', id, `resolved ${id} by hand`));
      return resolved;
    });
    return reply({ tone: 'success', text: `${who} resolved ${id}: ${group.title}` });
  },
});

/** Show on a storm group's line: the line becomes the full card. Viewing needs what `alerts` needs. */
export const alertsShowAction = defineAction({
  name: SHOW_GROUP_ACTION,
  permission: 'view',
  async handler(ctx) {
    const id = parseId(ctx.args.value, 'alertGroup');
    await ctx.transact(async (tx) => {
      const group = await tx.get('alertGroup', id);
      if (!group) throw notFound(`There is no alert group ${id}.`);
      if (!group.expanded) await expandGroup(ctx.ops, tx, group);
    });
    return reply({ text: `${id} shows its full card in the storm's thread now.` }, 'private');
  },
});

export const ALERT_ACTIONS = [alertsAckAction, alertsSilenceAction, alertsResolveAction, alertsShowAction];
