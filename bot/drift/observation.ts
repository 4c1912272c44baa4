import type { DriftState } from '../../data/records/drift-check.js';

/** What one drift check concluded about one target, in the core's words. */
export interface Observation {
  /** The target's drift-check id (`engine|api|production`, `runbook|network|production`). */
  id: string;
  kind: 'engine' | 'runbook';
  /** The service (engine checks) or the runbook (IaC checks). */
  subject: string;
  env: string;
  /** The service the finding is about, when there is one (routing, readiness). */
  service?: string;
  state: DriftState;
  /** One sentence for people: what differs, or why the state is not known. */
  detail: string;
  /** Names this reading of the drift: the same drift read again is no news. */
  fingerprint?: string;
  live?: string;
  /** Labels the finding carries for its buttons (`recorded`, `live`, `engine`, `apply`). */
  labels?: Record<string, string>;
  /** More lines for the finding's thread (a drift-check's redacted output). */
  output?: string[];
}

export const engineCheckId = (service: string, env: string) => `engine|${service}|${env}`;
export const runbookCheckId = (runbook: string, env: string) => `runbook|${runbook}|${env}`;
