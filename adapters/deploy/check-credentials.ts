import type { FileConfig, Secrets } from '../../bot/config/schema.js';
import type { EngineSpec } from '../../bot/deployments/engine.js';
import { specAs, webhookSpec } from './engine-config.js';

interface NamedEngine {
  key: string;
  spec: EngineSpec;
}

/** Every place the file names an engine: services (and their pre-deploy steps), runbooks, the default. */
function namedEngines(config: FileConfig): NamedEngine[] {
  const out: NamedEngine[] = [{ key: 'deploys.defaultEngine', spec: config.deploys.defaultEngine }];
  for (const [name, service] of Object.entries(config.services)) {
    if (service.engine) out.push({ key: `services.${name}.engine`, spec: service.engine });
    if (service.preDeploy) out.push({ key: `services.${name}.preDeploy`, spec: service.preDeploy });
  }
  for (const [name, runbook] of Object.entries(config.runbooks)) out.push({ key: `runbooks.${name}.engine`, spec: runbook.engine });
  return out;
}

/**
 * An engine named without its credentials would fail only at the first deployment, perhaps in
 * the middle of an incident; at start it is one line naming the variable to set.
 */
export function engineCredentialProblems(config: FileConfig, secrets: Secrets): string[] {
  const problems: string[] = [];
  for (const { key, spec } of namedEngines(config)) {
    if (spec.type === 'github-actions' && !secrets.githubToken) {
      problems.push(`${key} runs on GitHub Actions, but GITHUB_TOKEN is not set; set GITHUB_TOKEN (or GITHUB_TOKEN_FILE) to a token that may dispatch workflows.`);
    }
    if (spec.type === 'argocd' && !secrets.argocd) {
      problems.push(`${key} runs on Argo CD, but ARGOCD_URL and ARGOCD_TOKEN are not both set; set them (ARGOCD_TOKEN_FILE works too).`);
    }
    const secretEnv = specAs(webhookSpec, spec)?.secretEnv;
    if (secretEnv && !secrets.engineSecrets?.[secretEnv]) {
      problems.push(`${key} runs on a deploy webhook signed with ${secretEnv}, which is not set; set ${secretEnv} (or ${secretEnv}_FILE).`);
    }
  }
  return problems;
}
