/** Slack's documented Block Kit limits; exceeding any of them makes the API refuse the message. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  elementsPerActions: 25,
  contextElements: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Slack truncates longer top-level `text`; notifications show far less anyway. */
  fallbackText: 4000,
} as const;

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
