import type { Ops } from '../../ops.js';

/**
 * Where a person gets a direct message: Slack takes a user id as a channel and opens the bot's
 * DM with them; a person with no Slack identity gets one in the shell (`shell:@alice`) unless they
 * are on Discord, where dayops has no DMs yet: undefined, and the page is a mention instead.
 */
export function directChannel(ops: Pick<Ops, 'people'>, person: string): string | undefined {
  const slack = ops.people.platformIds(person, 'slack')[0];
  if (slack) return `slack:${slack}`;
  if (ops.people.platformIds(person, 'discord').length > 0) return undefined;
  return `shell:@${person}`;
}
