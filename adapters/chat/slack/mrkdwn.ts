import { formatTime } from '../../../bot/time.js';
import type { TimeValue } from '../../../bot/model.js';

/** Slack reads `&`, `<` and `>` as markup in every text field; neutral text is plain. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const DATE_TOKENS: Record<NonNullable<TimeValue['style']>, string> = {
  datetime: '{date_short_pretty} {time}',
  date: '{date_short_pretty}',
  relative: '{date_short_pretty} {time} ({ago})',
};

/**
 * Slack date formatting, so each reader sees the time in their own zone; the fallback (for
 * clients that cannot format it) is the team's wall time.
 */
export function slackDate(value: TimeValue, tz: string): string {
  const at = new Date(value.at);
  if (Number.isNaN(at.getTime())) return escapeMrkdwn(value.at);
  const unix = Math.floor(at.getTime() / 1000);
  const fallback = formatTime(at, tz);
  const shown = value.style === 'date' ? fallback.slice(0, 10) : fallback;
  return `<!date^${unix}^${DATE_TOKENS[value.style ?? 'datetime']}|${escapeMrkdwn(shown)}>`;
}
