import type { Config } from '../../bot/config/schema.js';
import type { LiveSource } from '../../bot/drift/live-source.js';
import { ArgocdLiveSource } from './argocd/live.js';
import { GitHubLiveSource } from './github-actions/live.js';

/** The engines dayops can read live state from, for those whose credentials are set. */
export function createLiveSources(config: Pick<Config, 'secrets'>): LiveSource[] {
  const sources: LiveSource[] = [];
  if (config.secrets.argocd) sources.push(new ArgocdLiveSource(config.secrets.argocd));
  if (config.secrets.githubToken) sources.push(new GitHubLiveSource(config.secrets.githubToken));
  return sources;
}
