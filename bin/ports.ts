import { join } from 'node:path';
import { alertmanagerApi } from '../adapters/alerts/alertmanager-api.js';
import { ScriptEngine } from '../adapters/deploy/script/script-engine.js';
import type { AlertBackend } from '../bot/alerts/backend.js';
import type { Config } from '../bot/config/schema.js';
import type { DeployEngine } from '../bot/deployments/engine.js';

/**
 * The implementations of the core's ports that exist before any feature is installed: the local
 * script engine, and Alertmanager as the alert backend when DAYOPS_ALERTMANAGER_URL is set.
 */
export function corePorts(config: Config): { engines: DeployEngine[]; alertBackend?: AlertBackend } {
  const alertBackend = alertmanagerApi(config);
  return {
    engines: [new ScriptEngine({ baseEnv: config.childEnv, runsDir: join(config.dataDir, 'runs') })],
    ...(alertBackend ? { alertBackend } : {}),
  };
}
