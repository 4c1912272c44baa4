/** Shared by every renderer that must fit a platform's limits: cut visibly, never fail. */
export const TRUNCATED = '… (truncated)';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The characters a person sees: an emoji, a letter with its combining marks, a flag, each one. */
export function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/**
 * The longest start of `text` that fits `max` UTF-16 units and ends on a character boundary, so
 * no emoji or accented letter is cut in half. UTF-16 units are what the platforms' limits
 * count at most, so what fits here fits there however they count.
 */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of segmenter.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** Cuts `text` to `max` characters with a visible marker; short texts are returned unchanged. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= TRUNCATED.length) return cut(text, max);
  return cut(text, max - TRUNCATED.length) + TRUNCATED;
}

/** For labels on buttons and options, where a long marker would leave no room: just an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${cut(text, max - 1)}…`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
