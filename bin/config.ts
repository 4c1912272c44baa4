import { engineCredentialProblems } from '../adapters/deploy/check-credentials.js';
import { engineSpecSchema, scriptSpec } from '../adapters/deploy/engine-config.js';
import { githubSection } from '../adapters/github/config-schema.js';
import { apiSection, apiTokenSecrets } from '../adapters/http/api/config-schema.js';
import { readConfig, type Env } from '../bot/config/load.js';
import type { Config, ConfigParts } from '../bot/config/schema.js';
import { EXAMPLE_DEPLOY_COMMAND } from '../bot/deployments/config-schema.js';

export { ConfigError, type Env } from '../bot/config/load.js';

/** The adapters' part of the configuration: the engines' settings, their sections and checks. */
export const CONFIG_PARTS: ConfigParts = {
  engines: {
    spec: engineSpecSchema,
    defaultEngine: scriptSpec.prefault({ type: 'script', command: EXAMPLE_DEPLOY_COMMAND }),
  },
  sections: { api: apiSection, github: githubSection },
  checks: [engineCredentialProblems],
  namedSecrets: [apiTokenSecrets],
};

/** The configuration `dayops` runs with: the core's reader given the adapters' parts. */
export function loadConfig(env?: Env, file?: string): Config {
  return readConfig(CONFIG_PARTS, env, file);
}
