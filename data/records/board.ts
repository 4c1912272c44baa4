import { z } from 'zod';

/** Who a board link or session speaks for: the chat identity that asked, as the router saw it. */
const boardActorSchema = z.object({
  // A chat platform's name (each adapter has one), http, github or system.
  platform: z.string().regex(/^[a-z][a-z0-9-]*$/),
  userId: z.string(),
  displayName: z.string(),
  person: z.string().optional(),
  groups: z.array(z.string()).optional(),
});

/**
 * A one-time sign-in link to the web board, asked for with `board` in chat. The id is the
 * SHA-256 of the link's secret, so the store never holds a usable link.
 */
export const boardLinkSchema = z.object({
  id: z.string(),
  actor: boardActorSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Set when it was used: a second use is refused, and says so. */
  usedAt: z.string().optional(),
});

/** A signed-in browser: the id is the SHA-256 of its cookie's value. */
export const boardSessionSchema = z.object({
  id: z.string(),
  actor: boardActorSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
});

export type BoardActor = z.infer<typeof boardActorSchema>;
export type BoardLinkRecord = z.infer<typeof boardLinkSchema>;
export type BoardSessionRecord = z.infer<typeof boardSessionSchema>;
