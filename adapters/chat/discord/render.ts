import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIStringSelectComponent,
} from 'discord.js';
import { isTimeValue, type Button, type Field, type Mention, type OpsMessage, type Tone } from '../../../bot/model.js';
import { customIdAllocator } from './custom-id.js';
import { chunk, clip, LIMITS, truncate, TRUNCATED } from './limits.js';
import { discordTime, escapeMarkdown } from './markdown.js';
import type { DiscordMention } from './mentions.js';

export interface DiscordRenderOptions {
  /** The Discord user or role a neutral mention notifies; undefined falls back to `@name`. */
  mention(mention: Mention): DiscordMention | undefined;
}

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The parts of a message payload the renderer owns; the sender adds nonce and the like. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  /** Only the people and roles the message names are notified; never @everyone by accident. */
  allowed_mentions: APIAllowedMentions;
}

export const TONE_COLOURS: Record<Tone, number> = {
  neutral: 0x99aab5,
  info: 0x3498db,
  success: 0x2ecc71,
  warning: 0xe67e22,
  danger: 0xe74c3c,
};

const EMPTY = '\u200b';

/** A neutral message as a Discord message, always within Discord's limits: long parts are cut with a visible marker. */
export function renderMessage(message: OpsMessage, options: DiscordRenderOptions): DiscordMessage {
  const mentions = (message.mentions ?? []).map((m) => ({ neutral: m, target: options.mention(m) }));
  const embed = needsEmbed(message) ? buildEmbed(message) : undefined;
  const { rows, dropped } = buildRows(message.buttons ?? []);
  const lines = [
    mentions.map(({ neutral, target }) => mentionText(neutral, target)).join(' '),
    embed ? '' : escapeMarkdown(message.text ?? ''),
    dropped > 0 ? `${TRUNCATED}: ${dropped} more button${dropped === 1 ? ' is' : 's are'} not shown` : '',
  ].filter((l) => l !== '');
  const content = truncate(lines.join('\n'), LIMITS.content);
  return {
    content: content === '' && !embed && rows.length === 0 ? EMPTY : content,
    embeds: embed ? [embed] : [],
    components: rows,
    allowed_mentions: allowedMentions(mentions.map((m) => m.target)),
  };
}

/** Plain text stays plain text; anything with structure becomes an embed. */
function needsEmbed(message: OpsMessage): boolean {
  return Boolean(message.title || message.fields?.length || message.context?.length || message.time || (message.tone && message.tone !== 'neutral'));
}

function buildEmbed(message: OpsMessage): APIEmbed {
  const embed: APIEmbed = { color: TONE_COLOURS[message.tone ?? 'neutral'] };
  if (message.title) embed.title = truncate(escapeMarkdown(message.title), LIMITS.title);
  if (message.text) embed.description = truncate(escapeMarkdown(message.text), LIMITS.description);
  const fields = buildFields(message.fields ?? []);
  if (fields.length > 0) embed.fields = fields;
  if (message.context?.length) embed.footer = { text: truncate(message.context.join(' · '), LIMITS.footer) };
  if (message.time && !Number.isNaN(Date.parse(message.time.at))) embed.timestamp = new Date(message.time.at).toISOString();
  return fitTotal(embed);
}

function buildFields(fields: readonly Field[]): APIEmbedField[] {
  const out = fields.map(
    (f): APIEmbedField => ({
      name: truncate(f.label, LIMITS.fieldName) || EMPTY,
      value: truncate(isTimeValue(f.value) ? discordTime(f.value) : escapeMarkdown(f.value), LIMITS.fieldValue) || EMPTY,
      inline: Boolean(f.short),
    }),
  );
  if (out.length <= LIMITS.fields) return out;
  const kept = out.slice(0, LIMITS.fields - 1);
  kept.push(overflowField(out.length - kept.length));
  return kept;
}

function overflowField(n: number): APIEmbedField {
  return { name: TRUNCATED, value: `${n} more field${n === 1 ? ' is' : 's are'} not shown`, inline: false };
}

/** Discord counts title, description, field names and values and the footer against 6,000 characters. */
function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0);
}

/** Over the total: the description gives way first, then fields from the end. */
function fitTotal(embed: APIEmbed): APIEmbed {
  let excess = embedLength(embed) - LIMITS.embedTotal;
  if (excess <= 0) return embed;
  if (embed.description) {
    const keep = Math.max(embed.description.length - excess, TRUNCATED.length + 1);
    embed.description = truncate(embed.description, keep);
    excess = embedLength(embed) - LIMITS.embedTotal;
  }
  const fields = [...(embed.fields ?? [])].filter((f) => f.name !== TRUNCATED);
  let dropped = (embed.fields ?? []).length - fields.length > 0 ? countHidden(embed.fields ?? []) : 0;
  while (excess > 0 && fields.length > 0) {
    fields.pop();
    dropped++;
    embed.fields = [...fields, overflowField(dropped)];
    excess = embedLength(embed) - LIMITS.embedTotal;
  }
  if (excess > 0 && embed.footer) embed.footer = { text: truncate(embed.footer.text, Math.max(embed.footer.text.length - excess, TRUNCATED.length)) };
  return embed;
}

function countHidden(fields: readonly APIEmbedField[]): number {
  const marker = fields.find((f) => f.name === TRUNCATED);
  return marker ? Number(/^\d+/.exec(marker.value)?.[0] ?? 0) : 0;
}

interface Rows {
  rows: ActionRow[];
  /** Buttons that did not fit in five rows. */
  dropped: number;
}

/** Up to five buttons share a row; a select menu takes a row of its own. At most five rows. */
function buildRows(buttons: readonly Button[]): Rows {
  const nextId = customIdAllocator();
  const rows: APIComponentInMessageActionRow[][] = [];
  let run: APIButtonComponent[] = [];
  const flush = () => {
    rows.push(...chunk(run, LIMITS.buttonsPerRow));
    run = [];
  };
  buttons.forEach((button, index) => {
    if (button.kind === 'choice') {
      flush();
      rows.push([selectMenu(button, nextId, index)]);
    } else {
      run.push(buttonComponent(button, nextId, index));
    }
  });
  flush();
  const kept = rows.slice(0, LIMITS.rows);
  const dropped = rows.slice(LIMITS.rows).reduce((n, row) => n + row.length, 0);
  return { rows: kept.map((components) => ({ type: ComponentType.ActionRow, components })), dropped };
}

function buttonComponent(button: Exclude<Button, { kind: 'choice' }>, nextId: ReturnType<typeof customIdAllocator>, index: number): APIButtonComponent {
  const label = clip(button.label, LIMITS.buttonLabel) || EMPTY;
  if (button.kind === 'link') {
    if (button.url.length <= LIMITS.url) return { type: ComponentType.Button, style: ButtonStyle.Link, label, url: button.url };
    return unusable(label, index);
  }
  if (button.disabled) return unusable(label, index);
  const customId = nextId(button.action, button.value);
  if (!customId) return unusable(label, index);
  const style = button.style === 'primary' ? ButtonStyle.Primary : button.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary;
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

/** A disabled button, or one whose value cannot be carried (over 100 characters), is shown greyed out rather than lost. */
function unusable(label: string, index: number): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: `dayops.unusable|${index}`, disabled: true };
}

function selectMenu(button: Extract<Button, { kind: 'choice' }>, nextId: ReturnType<typeof customIdAllocator>, index: number): APIStringSelectComponent {
  const customId = nextId(button.action, '');
  const options = button.options
    .filter((o) => o.value.length > 0 && o.value.length <= LIMITS.optionValue)
    .slice(0, LIMITS.selectOptions)
    .map((o) => ({ label: clip(o.label, LIMITS.optionLabel) || o.value, value: o.value }));
  return {
    type: ComponentType.StringSelect,
    custom_id: customId ?? `dayops.unusable|${index}`,
    placeholder: clip(button.label, LIMITS.placeholder),
    options: options.length > 0 ? options : [{ label: 'No choices', value: 'none' }],
    ...(customId && options.length > 0 ? {} : { disabled: true }),
  };
}

function mentionText(neutral: Mention, target: DiscordMention | undefined): string {
  if (target && 'user' in target) return `<@${target.user}>`;
  if (target) return `<@&${target.role}>`;
  return escapeMarkdown('person' in neutral ? `@${neutral.person}` : `@${neutral.role}`);
}

function allowedMentions(targets: readonly (DiscordMention | undefined)[]): APIAllowedMentions {
  const users = [...new Set(targets.flatMap((t) => (t && 'user' in t ? [t.user] : [])))];
  const roles = [...new Set(targets.flatMap((t) => (t && 'role' in t ? [t.role] : [])))];
  return { parse: [], ...(users.length > 0 ? { users } : {}), ...(roles.length > 0 ? { roles } : {}) };
}
