export const NUDGE_JOB = 'incident.nudge';

/** The summary message; the incident's thread hangs under it. */
export function incidentKey(id: string): string {
  return `incident:${id}`;
}

export function threadPostKey(id: string, n: number): string {
  return `incident:${id}:post:${n}`;
}

export function nudgeJobId(id: string, n: number): string {
  return `incident-nudge:${id}:${n}`;
}

/** The incident's own Halt and Roll back buttons; the value is `INC-n DEP-m`. */
export const INCIDENT_HALT_ACTION = 'incident.halt';
export const INCIDENT_ROLLBACK_ACTION = 'incident.rollback';
