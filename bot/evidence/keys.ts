/** Announces, `evidence.warnBefore` ahead, that a required piece of evidence is about to expire. */
export const EVIDENCE_WARN_JOB = 'evidence.warn';

export function warnJobId(decision: string, env: string): string {
  return `evidence-warn:${decision}:${env}`;
}

export function warnKey(decision: string, env: string, at: string): string {
  return `evidence-warn:${decision}:${env}:${at}`;
}
