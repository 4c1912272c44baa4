import { defineAction } from '../command.js';
import { parseId } from '../ids.js';
import { reply } from '../model.js';
import { answerSwap, SWAP_ACCEPT_ACTION, SWAP_DECLINE_ACTION } from './swaps.js';

function swapAction(name: string, accept: boolean) {
  return defineAction({
    name,
    permission: 'oncall',
    async handler(ctx) {
      const id = parseId(ctx.args.value, 'oncallSwap');
      const who = ctx.actor.person;
      const swap = await ctx.transact(async (tx) => {
        const answered = await answerSwap(ctx.ops, tx, id, who, accept, ctx.now);
        tx.audit(ctx.auditEvent(accept ? 'oncall.swap-accept' : 'oncall.swap-decline', id, `${answered.status} ${id}${answered.override ? ` as ${answered.override}` : ''}`));
        return answered;
      });
      if (!accept) return reply({ tone: 'info', text: `${who} declined ${swap.id}: ${swap.from} keeps the shift.` });
      return reply({ tone: 'success', text: `${swap.to} accepted ${swap.id} and takes the ${swap.schedule} ${swap.level} shift of ${swap.from} (${swap.override}).` });
    },
  });
}

export const SWAP_ACTIONS = [swapAction(SWAP_ACCEPT_ACTION, true), swapAction(SWAP_DECLINE_ACTION, false)];
