import { defineAction } from '../command.js';
import { tryParseId } from '../ids.js';
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

function buttonId(value: string): string {
  const parsed = tryParseId(value, 'decision');
  if (parsed?.kind !== 'decision') throw badInput('That button does not name a decision; use decision accept <id> instead.');
  return parsed.id;
}
