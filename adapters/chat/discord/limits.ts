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

export { chunk, clip, truncate, TRUNCATED } from '../../../bot/text-limits.js';
