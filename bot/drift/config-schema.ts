import { z } from 'zod';

const duration = z.string().regex(/^(\d+[smhdw])+$/, { message: 'must be a duration such as 5m or 1h' });

/** How dayops watches for drift between what runs and what it deployed. */
export const driftConfigSchema = z
  .object({
    /** How often each Argo CD or GitHub service is read from its engine; `off` stops watching. */
    every: z.union([duration, z.literal('off')]).default('5m'),
    /** The environments watched; absent: every configured environment. */
    envs: z.array(z.string()).optional(),
    /** How long one read of an engine may take before the state is unknown. */
    timeoutSeconds: z.number().positive().max(120).default(10),
    /** The severity findings carry (routing, re-notify and escalation follow it like alerts). */
    severity: z.string().default('warning'),
  })
  .strict();

/** When budgets are checked against their cost sources (docs/cost.md). */
export const budgetsConfigSchema = z
  .object({
    /** Five cron fields in the team's time zone: daily at 07:00 by default. */
    cron: z.string().default('0 7 * * *'),
    /**
     * Scripts a budget may read its cost from (`budget set D-n --limit … --script <name>`): each
     * prints the month-to-date cost as its last line. Named here, never typed in chat.
     */
    scripts: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a name such as cloud-bill'),
        z
          .object({
            command: z.array(z.string().min(1)).min(1),
            cwd: z.string().optional(),
            timeoutSeconds: z.number().positive().max(600).default(60),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();

export type DriftConfig = z.infer<typeof driftConfigSchema>;
