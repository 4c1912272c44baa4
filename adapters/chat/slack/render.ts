import type { types } from '@slack/bolt';
import { isTimeValue, type Button, type Confirm, type Field, type Mention, type OpsMessage, type Tone } from '../../../bot/model.js';
import { actionIdAllocator, LINK_ACTION_PREFIX } from './action-id.js';
import { chunk, clip, LIMITS, truncate, TRUNCATED } from './limits.js';
import { escapeMrkdwn, slackDate } from './mrkdwn.js';

type Block = types.KnownBlock;
type ActionElement = types.Button | types.StaticSelect;

export interface SlackRenderOptions {
  /** The team's time zone, for the fallback of Slack's date formatting. */
  tz: string;
  /** `<@U…>` / `<!subteam^S…>` for a mention Slack can notify; undefined falls back to `@name`. */
  mention(mention: Mention): string | undefined;
}

export interface SlackMessage {
  /** Plain-text fallback: notifications, screen readers, clients without Block Kit. */
  text: string;
  blocks: Block[];
}

const TONE_EMOJI: Record<Tone, string> = {
  neutral: '',
  info: ':information_source: ',
  success: ':white_check_mark: ',
  warning: ':warning: ',
  danger: ':rotating_light: ',
};

/** A neutral message as Block Kit, always within Slack's limits: long parts are cut with a visible marker. */
export function renderBlocks(message: OpsMessage, options: SlackRenderOptions): SlackMessage {
  const mentions = (message.mentions ?? []).map((m) => options.mention(m) ?? escapeMrkdwn(plainMention(m)));
  const blocks: Block[] = [
    ...headerBlocks(message),
    ...textBlocks(message.text),
    ...fieldBlocks(message.fields ?? [], options.tz),
    ...(mentions.length > 0 ? [section(mentions.join(' '))] : []),
    ...actionBlocks(message.buttons ?? []),
    ...contextBlocks(message, options.tz),
  ];
  return { text: fallbackText(message, mentions), blocks: capBlocks(blocks) };
}

function headerBlocks(message: OpsMessage): Block[] {
  if (!message.title) return [];
  const text = truncate(`${TONE_EMOJI[message.tone ?? 'neutral']}${message.title}`, LIMITS.headerText);
  return [{ type: 'header', text: { type: 'plain_text', text, emoji: true } }];
}

/** People's text goes in plain_text, where Slack formats nothing: `*bold*` and backticks show as typed. */
function textBlocks(text: string | undefined): Block[] {
  return text ? [{ type: 'section', text: plain(truncate(text, LIMITS.sectionText)) }] : [];
}

/** Short fields sit two abreast in a section's fields; long ones get a section of their own. */
function fieldBlocks(fields: readonly Field[], tz: string): Block[] {
  const blocks: Block[] = [];
  let run: Field[] = [];
  const flush = () => {
    for (const group of chunk(run, LIMITS.fieldsPerSection)) {
      blocks.push({ type: 'section', fields: group.map((f) => fieldObject(f, tz, LIMITS.fieldText)) });
    }
    run = [];
  };
  for (const field of fields) {
    if (field.short) {
      run.push(field);
      continue;
    }
    flush();
    blocks.push({ type: 'section', text: fieldObject(field, tz, LIMITS.sectionText) });
  }
  flush();
  return blocks;
}

/**
 * A time is Slack date markup under a bold label; a text value is the person's words, so the
 * field is plain_text, where nothing in it is formatted.
 */
function fieldObject(field: Field, tz: string, max: number): types.MrkdwnElement | types.PlainTextElement {
  if (isTimeValue(field.value)) return mrkdwn(truncate(`*${escapeMrkdwn(field.label)}*\n${slackDate(field.value, tz)}`, max));
  return plain(truncate(`${field.label}\n${field.value}`, max));
}

function actionBlocks(buttons: readonly Button[]): Block[] {
  const nextId = actionIdAllocator();
  // Block Kit has no disabled button; the message's text already says why it is not offered.
  const elements = buttons.flatMap((b, i) => (b.kind === 'action' && b.disabled ? [] : [actionElement(b, i, nextId)]));
  return chunk(elements, LIMITS.elementsPerActions).map((group) => ({ type: 'actions', elements: group }));
}

function actionElement(button: Button, index: number, nextId: (action: string) => string): ActionElement {
  const text = { type: 'plain_text' as const, text: clip(button.label, LIMITS.buttonText), emoji: true };
  if (button.kind === 'link') return { type: 'button', action_id: `${LINK_ACTION_PREFIX}~${index}`, text, url: button.url };
  if (button.kind === 'choice') {
    return {
      type: 'static_select',
      action_id: clip(nextId(button.action), LIMITS.actionId),
      placeholder: { type: 'plain_text', text: clip(button.label, LIMITS.placeholder), emoji: true },
      options: button.options.slice(0, LIMITS.selectOptions).map((o) => ({
        text: { type: 'plain_text', text: clip(o.label, LIMITS.optionText), emoji: true },
        value: o.value.slice(0, LIMITS.optionValue),
      })),
      ...(button.confirm ? { confirm: confirmObject(button.confirm, undefined) } : {}),
    };
  }
  return {
    type: 'button',
    action_id: clip(nextId(button.action), LIMITS.actionId),
    text,
    value: button.value.slice(0, LIMITS.buttonValue),
    ...(button.style ? { style: button.style } : {}),
    ...(button.confirm ? { confirm: confirmObject(button.confirm, button.style) } : {}),
  };
}

function confirmObject(confirm: Confirm, style: 'primary' | 'danger' | undefined): types.ConfirmationDialog {
  return {
    title: { type: 'plain_text', text: clip(confirm.title, LIMITS.confirmTitle) },
    text: { type: 'plain_text', text: clip(confirm.text, LIMITS.confirmText) },
    confirm: { type: 'plain_text', text: clip(confirm.confirm, LIMITS.confirmButton) },
    deny: { type: 'plain_text', text: clip(confirm.deny, LIMITS.confirmButton) },
    ...(style ? { style } : {}),
  };
}

function contextBlocks(message: OpsMessage, tz: string): Block[] {
  const date = message.time ? [mrkdwn(truncate(slackDate(message.time, tz), LIMITS.contextText))] : [];
  const parts = message.context ?? [];
  if (date.length + parts.length === 0) return [];
  // Elements past the tenth go into the last one, so nothing is silently dropped.
  const room = LIMITS.contextElements - date.length - 1;
  const head = parts.slice(0, room);
  const rest = parts.slice(room);
  if (rest.length > 0) head.push(rest.join(' · '));
  return [{ type: 'context', elements: [...date, ...head.map((p) => plain(truncate(p, LIMITS.contextText)))] }];
}

/** More than 50 blocks: keep the first 49 and say that the rest was left out. */
function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length === 0) return [section(' ')];
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  kept.push({ type: 'context', elements: [mrkdwn(`${TRUNCATED}: ${blocks.length - kept.length} more parts of this message are not shown`)] });
  return kept;
}

function fallbackText(message: OpsMessage, mentions: string[]): string {
  const parts = [message.title, message.text].filter((p): p is string => Boolean(p)).map(escapeMrkdwn);
  if (mentions.length > 0) parts.push(mentions.join(' '));
  if (parts.length === 0 && message.context?.length) parts.push(escapeMrkdwn(message.context.join(' · ')));
  return truncate(parts.join('\n') || ' ', LIMITS.fallbackText);
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(truncate(text, LIMITS.sectionText)) };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: text || ' ', emoji: true };
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text };
}

function plainMention(m: Mention): string {
  return 'person' in m ? `@${m.person}` : `@${m.role}`;
}

/** Plain text sent instead of blocks once Slack has refused them: every part, nothing to format. */
export function plainText(message: OpsMessage): string {
  const fields = (message.fields ?? []).map((f) => `${f.label}: ${isTimeValue(f.value) ? f.value.at : f.value}`);
  const parts = [message.title, message.text, ...fields, ...(message.context ?? [])].filter((p): p is string => Boolean(p));
  return truncate(escapeMrkdwn(parts.join('\n')) || ' ', LIMITS.plainText);
}
