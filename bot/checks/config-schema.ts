import { z } from 'zod';

/** Where success-criteria checks are evaluated, and how often. */
export const checksConfigSchema = z
  .object({
    /** Prometheus's base URL (`http://prometheus:9090`); absent: every check is unknown. */
    prometheusUrl: z.url().optional(),
    /** When every check is evaluated, five cron fields in the team's time zone. */
    cron: z.string().default('*/5 * * * *'),
    /** How long one query may take before its check is unknown. */
    timeoutSeconds: z.number().positive().max(120).default(10),
  })
  .strict();

/**
 * What a successful deployment here does with the checks of its service's decisions: nothing,
 * evaluate them (a breach marks the decision needs review), or verify (a breach also fails it).
 */
export const CHECKS_AFTER_DEPLOY = ['off', 'evaluate', 'verify'] as const;

export type ChecksConfig = z.infer<typeof checksConfigSchema>;
