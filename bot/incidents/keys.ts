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
