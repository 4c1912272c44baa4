import type { AlertGroupRecord } from './records/alert-group.js';
import type { JobRecord, OutboxRecord } from './records/core.js';
import type { DecisionCategory, DecisionRecord, DecisionStatus } from './records/decision.js';
import type { DeploymentRecord } from './records/deployment.js';
import type { IncidentRecord } from './records/incident.js';

type None = Record<string, never>;

/**
 * Every question a hot path may ask the store, with its parameters and its answer. Each one is
 * answered from an index (an in-memory index in the embedded store, indexed columns in
 * PostgreSQL), so a question no index answers cannot be asked: it does not type-check.
 * Lists are in the order named; `since` bounds are ISO instants, inclusive.
 */
export interface Queries {
  /** The unfinished deployment of a service in an environment (at most one). */
  'deployment.active': { params: { service: string; env: string }; result: DeploymentRecord | undefined };
  /** Unfinished deployments, oldest first. */
  'deployment.open': { params: { env?: string }; result: DeploymentRecord[] };
  /** Deployments open or finished, newest first: of a service (and environment), or all. */
  'deployment.history': { params: { service?: string; env?: string; limit?: number }; result: DeploymentRecord[] };
  /** Deployments changed at or after `since`, oldest change first. */
  'deployment.changedSince': { params: { since: string }; result: DeploymentRecord[] };
  /** The next message of every channel (its lowest sequence number). */
  'outbox.heads': { params: None; result: OutboxRecord[] };
  /** Queued posts and edits of one message key, oldest first. */
  'outbox.byKey': { params: { key: string }; result: OutboxRecord[] };
  /** Queued messages that go into the thread of `thread`, oldest first. */
  'outbox.inThread': { params: { thread: string; limit?: number }; result: OutboxRecord[] };
  'outbox.depth': { params: None; result: number };
  /** Every job's id and due time, soonest first (the scheduler's timer list). */
  'job.schedule': { params: None; result: { id: string; dueAt: string }[] };
  /** Jobs due at or before `until`, soonest first, at most `limit`. */
  'job.due': { params: { until: string; limit: number }; result: JobRecord[] };
  'job.ofType': { params: { type: string }; result: JobRecord[] };
  /** The open group of a source's group key. */
  'alertGroup.byGroupKey': { params: { source: string; groupKey: string }; result: AlertGroupRecord | undefined };
  /** Open groups holding an alert with this fingerprint. */
  'alertGroup.byFingerprint': { params: { fingerprint: string }; result: AlertGroupRecord[] };
  /** Open groups, oldest first, optionally of one service and status. */
  'alertGroup.open': { params: { service?: string; status?: AlertGroupRecord['status'] }; result: AlertGroupRecord[] };
  'alertGroup.bySilence': { params: { silence: string }; result: AlertGroupRecord[] };
  'alertGroup.mutedBy': { params: { window: string }; result: AlertGroupRecord[] };
  /** Groups, open or closed (or `openOnly`), opened at or after `since`, oldest first; `channel`: posted first there. */
  'alertGroup.openedSince': { params: { since: string; channel?: string; openOnly?: boolean }; result: AlertGroupRecord[] };
  /** Closed groups changed at or after `since` (resolved), oldest first. */
  'alertGroup.closedSince': { params: { since: string; service?: string }; result: AlertGroupRecord[] };
  /** Open incidents, oldest first. */
  'incident.open': { params: None; result: IncidentRecord[] };
  /** Incidents open or resolved, newest first. */
  'incident.history': { params: { limit?: number }; result: IncidentRecord[] };
  /** Incidents open now, or declared or resolved at or after `since`, oldest first. */
  'incident.since': { params: { since: string }; result: IncidentRecord[] };
  /**
   * Decisions, open or archived, oldest first. `text`: every word must begin a word of the
   * title, context or outcome (any case). `service`: recorded for it or for every service.
   */
  'decision.search': { params: DecisionSearch; result: DecisionRecord[] };
}

export interface DecisionSearch {
  text?: string;
  category?: DecisionCategory;
  status?: DecisionStatus;
  service?: string;
}

export type QueryName = keyof Queries;
export type QueryParams<Q extends QueryName> = Queries[Q]['params'];
export type QueryResult<Q extends QueryName> = Queries[Q]['result'];

/** Words as decision search splits them, in both stores (PostgreSQL's `simple` configuration lower-cases the same way). */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Numbers in an id (`DEP-12`) as text that sorts like the number. */
export function idOrder(id: string): string {
  const digits = /(\d+)$/.exec(id)?.[1] ?? '0';
  return digits.padStart(12, '0');
}
