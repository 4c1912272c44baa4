import { FINAL_DEPLOY_STATES, type DeploymentRecord, type DeployState } from '../../data/records/deployment.js';
import { illegalTransition } from '../errors.js';

/** Every legal move; anything else is refused. */
const NEXT: Record<DeployState, readonly DeployState[]> = {
  requested: ['awaiting_approval', 'approved', 'denied'],
  awaiting_approval: ['approved', 'denied', 'expired', 'halted'],
  approved: ['queued', 'halted', 'failed'],
  queued: ['running', 'halted', 'failed'],
  running: ['succeeded', 'failed', 'halted'],
  succeeded: [],
  failed: [],
  halted: [],
  expired: [],
  denied: [],
};

/** How a state reads in a sentence ("DEP-12 has already succeeded"). */
const STATE_WORDS: Record<DeployState, string> = {
  requested: 'has just been requested',
  awaiting_approval: 'is waiting for approval',
  approved: 'is approved',
  queued: 'is about to start',
  running: 'is running',
  succeeded: 'has already succeeded',
  failed: 'has already failed',
  halted: 'was halted',
  expired: 'expired',
  denied: 'was denied',
};

const VERBS: Record<DeployState, string> = {
  requested: 'requested again',
  awaiting_approval: 'sent for approval',
  approved: 'approved',
  queued: 'queued',
  running: 'started',
  succeeded: 'marked succeeded',
  failed: 'marked failed',
  halted: 'halted',
  expired: 'expired',
  denied: 'denied',
};

export function isFinal(state: DeployState): boolean {
  return FINAL_DEPLOY_STATES.includes(state);
}

export function canMove(from: DeployState, to: DeployState): boolean {
  return NEXT[from].includes(to);
}

export function describeState(d: DeploymentRecord): string {
  return `${d.id} ${STATE_WORDS[d.state]}`;
}

/**
 * The one way a deployment changes state: returns the moved record (not yet stored) or throws an
 * illegal_transition UserError that says why.
 */
export function transition(d: DeploymentRecord, to: DeployState, at: Date, by?: string, note?: string): DeploymentRecord {
  if (!canMove(d.state, to)) throw illegalTransition(`${describeState(d)}, so it cannot be ${VERBS[to]}.`);
  const time = at.toISOString();
  const entry = { state: to, at: time, ...(by ? { by } : {}), ...(note ? { note } : {}) };
  const moved: DeploymentRecord = { ...d, state: to, updatedAt: time, history: [...d.history, entry] };
  if (to === 'running' && !d.startedAt) moved.startedAt = time;
  if (isFinal(to)) {
    moved.finishedAt = time;
    if (note) moved.result = note;
    delete moved.expiresAt;
  }
  return moved;
}
