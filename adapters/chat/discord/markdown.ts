import type { TimeValue } from '../../../bot/model.js';

/**
 * Neutral text is plain: Discord's markdown characters are escaped so they show as typed, in
 * content and embeds alike — masked links (`[click](https://…)` shows its brackets and its real
 * address), mention and channel pills (`<@id>`, `<#id>`, `<t:…>` show as typed), emphasis, code,
 * spoilers, headings, quotes and lists.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|[\]<])/g, '\\$1').replace(/^([>#-])/gm, '\\$1');
}

const STYLES: Record<NonNullable<TimeValue['style']>, (unix: number) => string> = {
  datetime: (unix) => `<t:${unix}:f>`,
  date: (unix) => `<t:${unix}:D>`,
  relative: (unix) => `<t:${unix}:f> (<t:${unix}:R>)`,
};

/** Discord's timestamp markup, so every reader sees the time in their own zone. */
export function discordTime(value: TimeValue): string {
  const ms = Date.parse(value.at);
  if (Number.isNaN(ms)) return escapeMarkdown(value.at);
  return STYLES[value.style ?? 'datetime'](Math.floor(ms / 1000));
}
