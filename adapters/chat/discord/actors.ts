import type { APIGuildMember, APIUser } from 'discord.js';
import type { Actor } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';

/** Who pressed or typed: a guild member (with role ids, which the config may map) or a DM user. */
export interface DiscordAuthor {
  member?: Pick<APIGuildMember, 'roles' | 'nick'> & { user?: APIUser };
  user?: APIUser;
}

export function discordActor(people: People, author: DiscordAuthor): Actor | undefined {
  const user = author.member?.user ?? author.user;
  if (!user) return undefined;
  const person = people.personFor('discord', user.id);
  const roles = author.member?.roles ?? [];
  return {
    platform: 'discord',
    userId: user.id,
    displayName: person ? people.displayName(person) : (author.member?.nick ?? user.global_name ?? user.username),
    ...(person ? { person } : {}),
    ...(roles.length > 0 ? { groups: [...roles] } : {}),
  };
}
