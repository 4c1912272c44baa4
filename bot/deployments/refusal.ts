import type { CommandContext } from '../command.js';
import { isUserError } from '../errors.js';

/** Runs `fn`; a policy refusal (a conflict or a forbidden) is written to the audit log before it reaches the person. */
export async function auditRefusals<T>(ctx: CommandContext<unknown>, action: string, target: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUserError(err) && (err.code === 'conflict' || err.code === 'forbidden' || err.code === 'illegal_transition')) {
      await ctx.ops.store.appendAudit(ctx.auditEvent(action, target, `Refused: ${err.message}`, 'refused'));
    }
    throw err;
  }
}
