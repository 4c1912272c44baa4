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
  /** The plain-text resend of a refused message: short enough that msg_too_long cannot recur. */
  plainText: 3000,
} as const;

export { chunk, clip, truncate, TRUNCATED } from '../../../bot/text-limits.js';
