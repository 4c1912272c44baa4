import { z } from 'zod';
import { ConfigError } from '../../../bot/config/load.js';

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

/** The file's `api:` section, with its defaults (bin/config.ts passes it to the core). */
export const apiSection = apiConfigSchema.prefault({});

declare module '../../../bot/config/schema.js' {
  interface AdapterSections {
    /** Bearer tokens of the pipeline API (POST /api/deployments …). */
    api: ApiConfig;
  }
}

/**
 * Each API token's secret, read from the variable its `tokenEnv` names; a named token that is
 * not set stops the start with the variable to set.
 */
export function apiTokenSecrets(config: { api: ApiConfig }, read: (name: string) => string | undefined): { apiTokens: Record<string, string> } {
  const apiTokens: Record<string, string> = {};
  for (const token of config.api.tokens) {
    const value = read(token.tokenEnv);
    if (!value) throw new ConfigError(`The API token "${token.name}" reads ${token.tokenEnv}, which is not set; set ${token.tokenEnv} or ${token.tokenEnv}_FILE.`);
    apiTokens[token.name] = value;
  }
  return { apiTokens };
}
