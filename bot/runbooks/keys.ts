export const APPROVE_RUN_ACTION = 'runbook.approve';
export const DENY_RUN_ACTION = 'runbook.deny';

/** The run's summary message; its output and results go into this message's thread. */
export function runKey(id: string): string {
  return `runbook-run:${id}`;
}

export function runNoteKey(id: string, n: number): string {
  return `runbook-run:${id}:note:${n}`;
}
