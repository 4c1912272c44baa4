import { createHash } from 'node:crypto';
import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { RunbookConfig } from '../runbooks/config-schema.js';
import { runbookCheckId, type Observation } from './observation.js';

/** Terraform's documented meaning of `plan -detailed-exitcode` 2 (OpenTofu's too): changes are present. */
export const DRIFT_EXIT_CODE = 2;

/**
 * What a drift-check run's end means: exit 2 is drift, exit 0 is none, anything else (1, a
 * signal, an engine that could not run it) is a failed check, never "no drift".
 */
export function runbookObservation(run: RunbookRunRecord, runbook: RunbookConfig, ended: { succeeded: boolean; exitCode?: number }): Observation {
  const base = { id: runbookCheckId(run.runbook, run.env), kind: 'runbook' as const, subject: run.runbook, env: run.env };
  const code = ended.exitCode ?? (ended.succeeded ? 0 : undefined);
  if (code === DRIFT_EXIT_CODE) {
    return {
      ...base,
      state: 'drift',
      detail: `${run.runbook} found changes in ${run.env}: the infrastructure differs from its code (${run.id}, exit code 2).`,
      fingerprint: `${base.id}|${digest(run.logTail)}`,
      labels: { runbook: run.runbook, run: run.id, ...(runbook.apply ? { apply: runbook.apply } : {}) },
      output: run.logTail,
    };
  }
  if (code === 0 && ended.succeeded) return { ...base, state: 'in-sync', detail: `${run.runbook} found no changes in ${run.env} (${run.id}).` };
  const why = code === undefined ? (run.result ?? 'it did not run to the end') : `exit code ${code}`;
  return { ...base, state: 'failed', detail: `${run.runbook} failed in ${run.env} (${run.id}: ${why}), so whether it drifted is not known.`, output: run.logTail };
}

/** The same plan twice is the same drift: an accepted one is not raised again. */
function digest(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
