import { randomBytes } from 'node:crypto';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { ActionInput, CommandInput, Reply } from './model.js';
import type { CommandRegistry } from './registry.js';
import type { Router } from './router.js';

type Outcome = 'ok' | 'user_error' | 'error';

/** The error handler's apology for a bug (bot/error-handler.ts); any other failed reply is the person's to fix. */
const OUR_FAULT = 'Something went wrong on our side';

function outcomeOf(result: Reply | undefined): Outcome {
  if (!result?.failed) return 'ok';
  return result.message.text?.startsWith(OUR_FAULT) ? 'error' : 'user_error';
}

/** Only names the registry knows become label values, so typing junk cannot grow the series. */
function commandName(registry: CommandRegistry, input: CommandInput): string {
  if (input.structured) return registry.find(input.structured.command)?.name ?? 'unknown';
  return registry.lookup(input.text.trim().split(/\s+/))?.definition.name ?? 'unknown';
}

/**
 * Counts and times every command and button the router handles, and logs each with a child
 * logger carrying its ids. Wraps the router's two entry points rather than changing it.
 */
export function instrumentRouter(router: Router, registry: CommandRegistry, metrics: Metrics, log: Logger): void {
  const observe = <I extends { actor: { platform: string; userId: string }; idempotencyKey?: string }>(
    kind: 'command' | 'action',
    handle: (input: I) => Promise<Reply>,
    nameOf: (input: I) => string,
  ) => {
    return async (input: I): Promise<Reply> => {
      const command = nameOf(input);
      const started = process.hrtime.bigint();
      const child = log.child({ req: randomBytes(4).toString('hex'), kind, command, platform: input.actor.platform, user: input.actor.userId, key: input.idempotencyKey });
      let outcome: Outcome = 'error';
      try {
        const result = await handle(input);
        outcome = outcomeOf(result);
        return result;
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.commands.inc({ kind, command, outcome });
        metrics.commandSeconds.observe({ kind, command }, seconds);
        child.info({ outcome, ms: Math.round(seconds * 1000) }, `${kind} handled`);
      }
    };
  };
  router.handleCommand = observe('command', router.handleCommand.bind(router), (input: CommandInput) => commandName(registry, input));
  router.handleAction = observe('action', router.handleAction.bind(router), (input: ActionInput) => registry.action(input.action)?.name ?? 'unknown');
}
