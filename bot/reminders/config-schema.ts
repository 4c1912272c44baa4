import { z } from 'zod';

const duration = z.string().regex(/^(\d+[smhdw])+$/, { message: 'must be a duration such as 30m or 4h' });

export const remindersConfigSchema = z
  .object({
    /** An undone firing is re-nudged once, this long after it was posted. */
    nudgeAfter: duration.default('4h'),
  })
  .strict();

export type RemindersConfig = z.infer<typeof remindersConfigSchema>;
