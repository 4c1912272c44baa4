import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { LiveReading, LiveSource } from './live-source.js';
import { engineCheckId, type Observation } from './observation.js';

/**
 * Compares what an engine says runs with dayops's last successful deployment of the service
 * there. A different revision, an engine that says it is out of sync, or a live deployment dayops
 * has no record of is drift; an engine that could not be read is unknown, never in sync.
 */
export function compareLive(source: Pick<LiveSource, 'label' | 'type'>, service: string, env: string, reading: LiveReading, recorded: DeploymentRecord | undefined): Observation {
  const base = { id: engineCheckId(service, env), kind: 'engine' as const, subject: service, env, service };
  if (reading.kind === 'unknown') return { ...base, state: 'unknown', detail: `${source.label} could not be read: ${reading.reason}` };
  const live = reading.revision;
  const shown = short(live);
  const names = new Set([live, ...reading.aliases]);
  const matches = recorded !== undefined && (names.has(recorded.version) || (recorded.commitSha !== undefined && names.has(recorded.commitSha)) || reading.deployId === recorded.id || madeDuring(reading.at, recorded));
  const by = reading.by ? ` by ${reading.by}` : '';
  const labels = { engine: source.type, live, ...(recorded ? { recorded: recorded.version, recorded_deploy: recorded.id } : {}) };
  if (matches && !reading.outOfSync) {
    return { ...base, state: 'in-sync', live, detail: `${source.label} runs ${shown}, as ${recorded.id} deployed.` };
  }
  const fingerprint = `${base.id}|${live}|${reading.outOfSync ? 'out-of-sync' : 'synced'}`;
  const what = !recorded
    ? `${source.label} runs ${service} ${shown} in ${env}${by}, and dayops has no record of deploying it there.`
    : matches
      ? `${source.label} says ${service} in ${env} is OutOfSync with ${shown}, the revision ${recorded.id} deployed: the live state was changed outside dayops.`
      : `${source.label} runs ${service} ${shown} in ${env}${by}${reading.outOfSync ? ' (OutOfSync)' : ''}, but dayops last deployed ${recorded.version} (${recorded.id}).`;
  return { ...base, state: 'drift', live, fingerprint, labels, detail: what };
}

/** A run's own engine may record it under another name (a workflow's ref): made while it ran, it is that run. */
const RUN_SLACK_MS = 60_000;
function madeDuring(at: string | undefined, d: DeploymentRecord): boolean {
  if (!at || d.external || !d.startedAt || !d.finishedAt) return false;
  const t = Date.parse(at);
  return t >= Date.parse(d.startedAt) - RUN_SLACK_MS && t <= Date.parse(d.finishedAt) + RUN_SLACK_MS;
}

function short(revision: string): string {
  return /^[0-9a-f]{40}$/i.test(revision) ? revision.slice(0, 12) : revision;
}
