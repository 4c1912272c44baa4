import type { CommandContext } from '../command.js';
import { isRefusal, recordRefusal } from '../refusal-audit.js';

/**
 * Runs `fn`; a policy refusal (a conflict or a forbidden) is written to the audit log under this
 * action's own name before it reaches the person. Other commands' refusals are audited by the router.
 */
export async function auditRefusals<T>(ctx: CommandContext<unknown>, action: string, target: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isRefusal(err) && !err.audited) {
      const { actor, platform } = ctx.auditEvent(action, target, '');
      await recordRefusal(ctx.ops, { actor, platform, action, target, reason: err.message, at: ctx.now });
      err.audited = true;
    }
    throw err;
  }
}
