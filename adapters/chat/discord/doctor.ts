import { PermissionFlagsBits, Routes, type APIChannel, type APIGuildMember, type APIOverwrite, type APIRole, type APIUser, type REST } from 'discord.js';
import type { ChannelCheck } from '../../../bot/chat-sender.js';
import type { Config } from '../../../bot/config/schema.js';
import { discordSecrets } from './config.js';
import { createRest } from './rest.js';
import { toSendError } from './errors.js';
import { PermanentSendError } from '../../../bot/chat-sender.js';

/** What dayops does in a channel: post, embed, edit, open threads and post in them. */
const NEEDED: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
];

/**
 * `dayops doctor` for Discord: each channel must exist, be in a server dayops serves, and give
 * the bot (its roles, after the channel's overwrites) what it needs to post there.
 */
export async function checkDiscordChannels(config: Config, ids: readonly string[]): Promise<ChannelCheck[]> {
  const secrets = discordSecrets(config);
  if (!secrets?.token) return ids.map((id) => ({ channel: `discord:${id}`, status: 'cannot', detail: 'DISCORD_TOKEN is not set, so dayops cannot post to Discord at all' }));
  const rest = createRest({ token: secrets.token, apiUrl: secrets.apiUrl }, false);
  let me: APIUser;
  try {
    me = (await rest.get(Routes.user('@me'))) as APIUser;
  } catch (err) {
    return ids.map((id) => ({ channel: `discord:${id}`, status: 'cannot', detail: `Discord refuses DISCORD_TOKEN (${(err as Error).message}): reset it on the Bot page` }));
  }
  const guilds = new Map<string, Promise<{ roles: APIRole[]; member: APIGuildMember }>>();
  const guildOf = (id: string) => {
    if (!guilds.has(id)) guilds.set(id, loadGuild(rest, id, me.id));
    return guilds.get(id)!;
  };
  return Promise.all(ids.map((id) => checkOne(rest, config, id, me.id, guildOf)));
}

async function loadGuild(rest: REST, guildId: string, botId: string) {
  const [roles, member] = await Promise.all([rest.get(Routes.guildRoles(guildId)), rest.get(Routes.guildMember(guildId, botId))]);
  return { roles: roles as APIRole[], member: member as APIGuildMember };
}

async function checkOne(
  rest: REST,
  config: Config,
  id: string,
  botId: string,
  guildOf: (id: string) => Promise<{ roles: APIRole[]; member: APIGuildMember }>,
): Promise<ChannelCheck> {
  const channel = `discord:${id}`;
  try {
    const found = (await rest.get(Routes.channel(id))) as APIChannel & { guild_id?: string; permission_overwrites?: APIOverwrite[]; name?: string };
    const name = found.name ? `#${found.name}` : id;
    if (!found.guild_id) return { channel, status: 'cannot', detail: `${name} is not a server channel` };
    if (!config.discord.guilds.includes(found.guild_id)) {
      return { channel, status: 'cannot', detail: `${name} is in server ${found.guild_id}, which dayops does not serve: add it to discord.guilds` };
    }
    const { roles, member } = await guildOf(found.guild_id);
    const granted = channelPermissions(found.guild_id, botId, roles, member.roles, found.permission_overwrites ?? []);
    const missing = NEEDED.filter(([bit]) => (granted & bit) !== bit).map(([, label]) => label);
    if (missing.length === 0) return { channel, status: 'ok', detail: `${name}, every permission dayops needs` };
    return { channel, status: 'cannot', detail: `${name}: the bot lacks ${missing.join(', ')}; give the dayops role these in the channel’s permissions` };
  } catch (err) {
    const refused = toSendError(err, `GET /channels/${id}`);
    if (refused instanceof PermanentSendError) return { channel, status: 'cannot', detail: `${refused.undeliverable.reason}: ${refused.undeliverable.fix}` };
    return { channel, status: 'unknown', detail: refused.message };
  }
}

/** Discord's permission computation: @everyone and the member's roles, then the channel's overwrites in their order. */
export function channelPermissions(guildId: string, userId: string, roles: readonly APIRole[], memberRoles: readonly string[], overwrites: readonly APIOverwrite[]): bigint {
  let base = BigInt(roles.find((r) => r.id === guildId)?.permissions ?? '0');
  for (const role of roles) if (memberRoles.includes(role.id)) base |= BigInt(role.permissions);
  if ((base & PermissionFlagsBits.Administrator) === PermissionFlagsBits.Administrator) return ~0n;
  const apply = (p: bigint, o: { allow: bigint; deny: bigint }) => (p & ~o.deny) | o.allow;
  const bits = (o: APIOverwrite) => ({ allow: BigInt(o.allow), deny: BigInt(o.deny) });
  let p = base;
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) p = apply(p, bits(everyone));
  const roleOverwrites = overwrites.filter((o) => o.type === 0 && memberRoles.includes(o.id)).map(bits);
  p = apply(p, roleOverwrites.reduce((a, o) => ({ allow: a.allow | o.allow, deny: a.deny | o.deny }), { allow: 0n, deny: 0n }));
  const own = overwrites.find((o) => o.type === 1 && o.id === userId);
  return own ? apply(p, bits(own)) : p;
}
