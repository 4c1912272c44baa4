import type { CommandContext } from '../command.js';

/** The name shown on messages and written into silences: the dayops person, else the platform name. */
export function whoOf(ctx: Pick<CommandContext<unknown>, 'actor'>): string {
  return ctx.actor.person ?? ctx.actor.displayName;
}
