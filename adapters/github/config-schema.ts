import { z } from 'zod';

/** One repository's GitHub environments, mapped to a dayops service and its environments. */
export const githubRepositorySchema = z
  .object({
    /** The dayops service this repository deploys. */
    service: z.string().min(1),
    /** GitHub environment name → dayops environment; a name not listed maps to the dayops environment of the same name. */
    environments: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const githubConfigSchema = z
  .object({
    /** The GitHub API (GitHub Enterprise Server: https://HOST/api/v3). */
    apiUrl: z.url().default('https://api.github.com'),
    /** `owner/name` → its service and environments. */
    repositories: z.record(z.string().regex(/^[\w.-]+\/[\w.-]+$/, { message: 'must be owner/name' }), githubRepositorySchema).default({}),
    /** A delivery whose event is older than this is refused as stale (`1d`, `6h`). */
    maxDeliveryAge: z.string().regex(/^(\d+[smhdw])+$/, { message: 'must be a duration such as 6h or 1d' }).default('1d'),
    /** The app's name in the manifest `dayops github-app-manifest` prints. */
    appName: z.string().min(1).max(34).default('dayops'),
  })
  .strict();

export type GitHubConfig = z.infer<typeof githubConfigSchema>;

/** The file's `github:` section, with its defaults (bin/config.ts passes it to the core). */
export const githubSection = githubConfigSchema.prefault({});

declare module '../../bot/config/schema.js' {
  interface AdapterSections {
    /** The GitHub App: which repository and environment is which service and environment. */
    github: GitHubConfig;
  }
}
