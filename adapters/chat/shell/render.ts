import { formatRelative, formatTime } from '../../../bot/time.js';
import { isTimeValue, type Button, type FieldValue, type Mention, type OpsMessage, type TimeValue, type Tone } from '../../../bot/model.js';

const TONE_MARKERS: Record<Tone, string> = {
  neutral: '•',
  info: 'ℹ',
  success: '✔',
  warning: '⚠',
  danger: '✖',
};

export interface ShellRenderOptions {
  tz: string;
  now: Date;
  /** The number `click <n>` uses for a button (or one option of a choice list). */
  numberFor: (button: Button, option?: { label: string; value: string }) => number;
}

/** Renders a neutral message as terminal text: tone marker, title, text, aligned fields, numbered buttons. */
export function renderShellMessage(message: OpsMessage, options: ShellRenderOptions): string {
  const lines: string[] = [];
  const marker = TONE_MARKERS[message.tone ?? 'neutral'];
  const head = [message.title, message.time ? renderTime(message.time, options) : undefined].filter(Boolean).join('  ');
  if (head) lines.push(`${marker} ${head}`);
  if (message.text) {
    const textLines = message.text.split('\n');
    if (!head) textLines[0] = `${marker} ${textLines[0]}`;
    lines.push(...textLines.map((l, i) => (!head && i === 0 ? l : `  ${l}`)));
  }
  lines.push(...renderFields(message, options));
  if (message.mentions?.length) lines.push(`  ${message.mentions.map(renderMention).join(' ')}`);
  const buttons = renderButtons(message.buttons ?? [], options);
  if (buttons) lines.push(`  ${buttons}`);
  for (const c of message.context ?? []) lines.push(`  · ${c}`);
  if (lines.length === 0) lines.push(marker);
  return lines.join('\n');
}

function renderFields(message: OpsMessage, options: ShellRenderOptions): string[] {
  const fields = message.fields ?? [];
  if (fields.length === 0) return [];
  const width = Math.min(24, Math.max(...fields.map((f) => f.label.length)));
  return fields.map((f) => {
    const value = renderValue(f.value, options).split('\n');
    const pad = ' '.repeat(width + 4);
    return `  ${f.label.padEnd(width)}  ${value.join(`\n${pad}`)}`;
  });
}

function renderValue(value: FieldValue, options: ShellRenderOptions): string {
  return isTimeValue(value) ? renderTime(value, options) : value;
}

function renderTime(value: TimeValue, options: ShellRenderOptions): string {
  const at = new Date(value.at);
  if (value.style === 'relative') return `${formatTime(at, options.tz)} (${formatRelative(at, options.now)})`;
  const text = formatTime(at, options.tz);
  return value.style === 'date' ? text.slice(0, 10) : text;
}

function renderMention(mention: Mention): string {
  return 'person' in mention ? `@${mention.person}` : `@${mention.role} (role)`;
}

function renderButtons(buttons: Button[], options: ShellRenderOptions): string {
  const parts: string[] = [];
  for (const button of buttons) {
    if (button.kind === 'link') parts.push(`${button.label}: ${button.url}`);
    else if (button.kind === 'action' && button.disabled) parts.push(`[-] ${button.label} (unavailable: ${button.disabled})`);
    else if (button.kind === 'action') parts.push(`[${options.numberFor(button)}] ${button.label}`);
    else for (const option of button.options) parts.push(`[${options.numberFor(button, option)}] ${button.label} ${option.label}`);
  }
  return parts.join('   ');
}
