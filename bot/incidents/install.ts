import type { AppContext } from '../app-context.js';
import { doerOf } from '../reminders/doer.js';
import { NUDGE_JOB } from './keys.js';
import { addReply } from './lifecycle.js';
import { nudgeHandler } from './nudge.js';

/** The status-update nudge job and thread replies as timeline entries. */
export function installIncidents(app: Pick<AppContext, 'ops' | 'router'>): void {
  app.ops.scheduler.on(NUDGE_JOB, nudgeHandler(app.ops));
  app.router.onThreadReply('incident:', async (ctx) => {
    const id = ctx.args.thread.slice('incident:'.length).split(':')[0]!;
    await ctx.transact((tx) => addReply(ctx.ops, tx, id, ctx.args.text, doerOf(ctx)));
    return undefined;
  });
}
