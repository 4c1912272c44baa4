/** The stable key of a decision's chat message. */
export function decisionKey(id: string): string {
  return `decision:${id}`;
}

export const ACCEPT_ACTION = 'decision.accept';
export const REJECT_ACTION = 'decision.reject';
