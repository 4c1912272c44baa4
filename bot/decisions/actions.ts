import { defineAction } from '../command.js';
import { parseId, tryParseId } from '../ids.js';
import { PROPOSE_CHANGE_ACTION, proposeChange } from './propose-change.js';
import { reply } from '../model.js';
import { decisionActor } from './actor.js';
import { ACCEPT_ACTION, REJECT_ACTION } from './keys.js';
import { acceptDecision, rejectDecision } from './lifecycle.js';
import { badInput } from '../errors.js';

/** The Accept button on a proposed decision's message; the value is the decision id. */
export const decisionAcceptAction = defineAction({
  name: ACCEPT_ACTION,
  permission: 'decide',
  async handler(ctx) {
    const actor = decisionActor(ctx);
    const d = await ctx.transact((tx) => acceptDecision(ctx.ops, tx, buttonId(ctx.args.value), actor));
    return reply({ tone: 'success', text: `${actor.person} accepted ${d.id}: ${d.title}` });
  },
});

export const decisionRejectAction = defineAction({
  name: REJECT_ACTION,
  permission: 'decide',
  async handler(ctx) {
    const actor = decisionActor(ctx);
    const d = await ctx.transact((tx) => rejectDecision(ctx.ops, tx, buttonId(ctx.args.value), actor));
    return reply({ tone: 'warning', text: `${actor.person} rejected ${d.id}: ${d.title}` });
  },
});

/** "Propose a change to D-7" on a postmortem or a resolved incident; the value is `INC-3 D-7`. */
export const proposeChangeAction = defineAction({
  name: PROPOSE_CHANGE_ACTION,
  permission: 'decide',
  async handler(ctx) {
    const [incident = '', decision = ''] = ctx.args.value.trim().split(/\s+/);
    const actor = decisionActor(ctx);
    const { decision: d, created } = await ctx.transact((tx) => proposeChange(ctx.ops, tx, parseId(incident, 'incident'), parseId(decision, 'decision'), actor, ctx.place.channel));
    if (!created) return reply({ tone: 'info', text: `${d.id} already proposes a change to ${d.replaces} after ${d.incident}: ${d.title}.` });
    return reply({ tone: 'success', text: `${actor.person} proposed ${d.id}: ${d.title}. Accepting it supersedes ${d.replaces} (decision accept ${d.id}).` });
  },
});

function buttonId(value: string): string {
  const parsed = tryParseId(value, 'decision');
  if (parsed?.kind !== 'decision') throw badInput('That button does not name a decision; use decision accept <id> instead.');
  return parsed.id;
}
