import { z } from 'zod';

/** The web board (docs/board.md): how long a sign-in lasts, and whether a public status view exists. */
export const boardConfigSchema = z
  .object({
    /** How long a browser stays signed in after it used a link from `board`. */
    sessionHours: z.number().positive().max(24 * 90).default(12),
    /**
     * An admin's choice: `/board/status` shows the matrix of services and environments to anyone,
     * without signing in, read-only. Every other page still needs a session.
     */
    publicStatus: z.boolean().default(false),
  })
  .strict();

export type BoardConfig = z.infer<typeof boardConfigSchema>;
