import { engineCredentialProblems } from '../adapters/deploy/check-credentials.js';
import { engineSpecSchema, scriptSpec } from '../adapters/deploy/engine-config.js';
import { githubSection } from '../adapters/github/config-schema.js';
import { apiSection, apiTokenSecrets } from '../adapters/http/api/config-schema.js';
import { readConfig, type Env } from '../bot/config/load.js';
import type { Config, ConfigParts } from '../bot/config/schema.js';
import { EXAMPLE_DEPLOY_COMMAND } from '../bot/deployments/config-schema.js';
import { CHAT_PLATFORMS } from './chat-adapters.js';

export { ConfigError, type Env } from '../bot/config/load.js';

/** The adapters' part of the configuration: the engines' settings, their sections and checks. */
export const CONFIG_PARTS: ConfigParts = {
  engines: {
    spec: engineSpecSchema,
    defaultEngine: scriptSpec.prefault({ type: 'script', command: EXAMPLE_DEPLOY_COMMAND }),
  },
  sections: { api: apiSection, github: githubSection, ...chatSections() },
  checks: [engineCredentialProblems],
  namedSecrets: [apiTokenSecrets],
  chatPlatforms: CHAT_PLATFORMS,
};

/** The configuration `dayops` runs with: the core's reader given the adapters' parts. */
export function loadConfig(env?: Env, file?: string): Config {
  return readConfig(CONFIG_PARTS, env, file);
}

/**
 * Each chat platform's section (`slack:`, `discord:` …), with its defaults. Their keys come from
 * the adapter list, so the type is the adapters' declarations (AdapterSections), taken on trust.
 */
function chatSections(): Omit<ConfigParts['sections'], 'api' | 'github'> {
  return Object.fromEntries(CHAT_PLATFORMS.flatMap((p) => (p.section ? [[p.name, p.section.prefault({})]] : []))) as unknown as Omit<ConfigParts['sections'], 'api' | 'github'>;
}
