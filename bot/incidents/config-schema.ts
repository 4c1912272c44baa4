import { z } from 'zod';

const duration = z.string().regex(/^(\d+[smhdw])+$/, { message: 'must be a duration such as 30m or 1h' });

export const incidentsConfigSchema = z
  .object({
    /** How long the commander may go without a status update, per severity, before a nudge. */
    updateCadence: z
      .object({ sev1: duration, sev2: duration, sev3: duration, sev4: duration })
      .strict()
      .default({ sev1: '30m', sev2: '1h', sev3: '4h', sev4: '1d' }),
    /** How far back "what changed" looks for deployments and decisions. */
    whatChangedHours: z.number().positive().default(24),
    /** Severity when `incident declare` names none. */
    defaultSeverity: z.number().int().min(1).max(4).default(3),
    /** An open action item's owner is reminded from its due date on, this often, until it is done. */
    actionRemindEvery: duration.default('1d'),
  })
  .strict();

export type IncidentsConfig = z.infer<typeof incidentsConfigSchema>;
