/** Discord's documented message limits; a message over any of them is refused with 400. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  url: 512,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  placeholder: 150,
  threadName: 100,
} as const;

export const TRUNCATED = '… (truncated)';

/** Cuts `text` to `max` characters with a visible marker; short texts are returned unchanged. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= TRUNCATED.length) return text.slice(0, max);
  return text.slice(0, max - TRUNCATED.length) + TRUNCATED;
}

/** For labels, where a long marker would leave no room: just an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
