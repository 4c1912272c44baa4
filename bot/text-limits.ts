/** Shared by every renderer that must fit a platform's limits: cut visibly, never fail. */
export const TRUNCATED = '… (truncated)';

/** Cuts `text` to `max` characters with a visible marker; short texts are returned unchanged. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= TRUNCATED.length) return text.slice(0, max);
  return text.slice(0, max - TRUNCATED.length) + TRUNCATED;
}

/** For labels on buttons and options, where a long marker would leave no room: just an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
