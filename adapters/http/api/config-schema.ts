import { z } from 'zod';

export const API_PERMISSIONS = ['request', 'read', 'record-external'] as const;
export type ApiPermission = (typeof API_PERMISSIONS)[number];

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { message: 'must be an environment variable name such as DAYOPS_API_TOKEN_CI' });

/** One bearer token a pipeline uses; the token itself comes from `tokenEnv` (or `<tokenEnv>_FILE`). */
export const apiTokenSchema = z
  .object({
    /** Shown as who acted (platform http, user id = this name) in the audit log. */
    name: z.string().regex(/^[\w.-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, _ . or -' }),
    tokenEnv: envName,
    /** Absent: every service. */
    services: z.array(z.string()).optional(),
    /** Absent: every environment. */
    envs: z.array(z.string()).optional(),
    permissions: z.array(z.enum(API_PERMISSIONS)).min(1),
  })
  .strict();

export const apiConfigSchema = z
  .object({
    tokens: z.array(apiTokenSchema).default([]),
  })
  .strict()
  .refine((api) => new Set(api.tokens.map((t) => t.name)).size === api.tokens.length, { message: 'token names must be unique', path: ['tokens'] });

export type ApiTokenConfig = z.infer<typeof apiTokenSchema>;
export type ApiConfig = z.infer<typeof apiConfigSchema>;
