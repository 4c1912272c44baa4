import type { Ops } from '../../ops.js';

/**
 * Where a person gets a direct message: on the first platform their identity is on (Slack takes
 * a user id as a channel and opens the bot's DM; Discord gets `@<user id>`), else the shell.
 */
export function directChannel(ops: Pick<Ops, 'people'>, person: string): string {
  const slack = ops.people.platformIds(person, 'slack')[0];
  if (slack) return `slack:${slack}`;
  const discord = ops.people.platformIds(person, 'discord')[0];
  if (discord) return `discord:@${discord}`;
  return `shell:@${person}`;
}
