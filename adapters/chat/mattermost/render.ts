import { formatTime } from '../../../bot/time.js';
import { isTimeValue, type Button, type FieldValue, type Mention, type OpsMessage, type Tone } from '../../../bot/model.js';
import type { ButtonContext } from './verify.js';

/** A post's content as Mattermost's API takes it: markdown and legacy message attachments with buttons. */
export interface MattermostPost {
  message: string;
  props: { attachments: MattermostAttachment[] };
}

export interface MattermostAttachment {
  fallback: string;
  color: string;
  title?: string;
  text?: string;
  fields?: { title: string; value: string; short: boolean }[];
  actions?: MattermostAction[];
  footer?: string;
}

export interface MattermostAction {
  id: string;
  name: string;
  type: 'button' | 'select';
  style?: 'primary' | 'danger' | 'default';
  disabled?: boolean;
  options?: { text: string; value: string }[];
  integration: { url: string; context: ButtonContext };
}

export interface MattermostRenderOptions {
  tz: string;
  /** Each button's `integration.url`: dayops's public actions address. */
  actionsUrl: string;
  /** The signed context of one button of the message with this key. */
  sign(action: string, value: string): ButtonContext;
  /** `@username` for a mention, when the person has a Mattermost identity. */
  mention(mention: Mention): string | undefined;
}

const TONE_COLOURS: Record<Tone, string> = { neutral: '#99aab5', info: '#3498db', success: '#2ecc71', warning: '#e67e22', danger: '#e74c3c' };
/** Mattermost cuts a post at 16,383 characters; attachment text counts too. */
const MAX_TEXT = 4000;

/** A neutral message as a Mattermost post: pure, so it is tested without a server. */
export function renderPost(message: OpsMessage, options: MattermostRenderOptions): MattermostPost {
  const mentions = (message.mentions ?? []).map((m) => options.mention(m) ?? fallbackMention(m)).join(' ');
  const links = (message.buttons ?? []).flatMap((b) => (b.kind === 'link' ? [`[${b.label}](${b.url})`] : []));
  const actions = (message.buttons ?? []).flatMap((b, i) => action(b, i, options));
  const attachment: MattermostAttachment = {
    fallback: clip([message.title, message.text].filter(Boolean).join(' — ') || 'dayops'),
    color: TONE_COLOURS[message.tone ?? 'neutral'],
    ...(message.title ? { title: clip(message.title) } : {}),
    ...(message.text || links.length > 0 ? { text: clip([message.text, links.join(' · ')].filter(Boolean).join('\n\n')) } : {}),
    ...(message.fields?.length ? { fields: message.fields.map((f) => ({ title: f.label, value: clip(value(f.value, options.tz)), short: Boolean(f.short) })) } : {}),
    ...(actions.length > 0 ? { actions } : {}),
    ...(footer(message, options.tz) ? { footer: footer(message, options.tz) } : {}),
  };
  return { message: mentions, props: { attachments: [attachment] } };
}

function action(button: Button, index: number, options: MattermostRenderOptions): MattermostAction[] {
  const id = `dayops${index}`;
  if (button.kind === 'link') return [];
  if (button.kind === 'choice') {
    const context = options.sign(button.action, '');
    return [{ id, name: button.label, type: 'select', options: button.options.map((o) => ({ text: o.label, value: o.value })), integration: { url: options.actionsUrl, context } }];
  }
  return [
    {
      id,
      name: button.label,
      type: 'button',
      style: button.style ?? 'default',
      ...(button.disabled ? { disabled: true } : {}),
      integration: { url: options.actionsUrl, context: options.sign(button.action, button.value) },
    },
  ];
}

function value(v: FieldValue, tz: string): string {
  return isTimeValue(v) ? formatTime(new Date(v.at), tz) : v || '—';
}

function footer(message: OpsMessage, tz: string): string | undefined {
  const parts = [...(message.context ?? []), ...(message.time ? [formatTime(new Date(message.time.at), tz)] : [])];
  return parts.length > 0 ? clip(parts.join(' · ')) : undefined;
}

function fallbackMention(mention: Mention): string {
  return 'person' in mention ? `@${mention.person}` : `@${mention.role}`;
}

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}
