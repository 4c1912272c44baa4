import { whoOf } from '../../alerts/who.js';
import { defineAction } from '../../command.js';
import { parseId } from '../../ids.js';
import { reply } from '../../model.js';
import { ESCALATE_NOW_ACTION } from './keys.js';
import { escalateNow } from './now.js';

/** On a page: skip the wait and fire the next step. */
export const escalateNowAction = defineAction({
  name: ESCALATE_NOW_ACTION,
  permission: 'alerts.ack',
  async handler(ctx) {
    const id = parseId(ctx.args.value, 'alertGroup');
    const who = whoOf(ctx);
    await ctx.transact(async (tx) => {
      await escalateNow(ctx.ops, tx, id, who, ctx.now);
      tx.audit(ctx.auditEvent('oncall.escalate-now', id, `escalated ${id} now`));
    });
    return reply({ tone: 'warning', text: `${who} escalated ${id}: the next step goes out now.` });
  },
});

export const ONCALL_ACTIONS = [escalateNowAction];
