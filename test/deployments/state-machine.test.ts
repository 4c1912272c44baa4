import { describe, expect, it } from 'vitest';
import { DEPLOY_STATES, type DeploymentRecord, type DeployState } from '../../data/records/deployment.js';
import { canMove, transition } from '../../bot/deployments/state-machine.js';
import { isUserError } from '../../bot/errors.js';

function record(state: DeployState): DeploymentRecord {
  const at = '2026-01-05T09:00:00.000Z';
  return {
    id: 'DEP-1', service: 'api', env: 'staging', version: '1.0.0',
    requester: { person: 'alice', platform: 'shell', userId: 'alice', displayName: 'Alice' },
    requestedFrom: { channel: 'shell:deploys' }, state, history: [{ state, at }], approvals: [], approvalsRequired: 0,
    logTail: [], notes: 0, createdAt: at, updatedAt: at,
  };
}

const LEGAL: [DeployState, DeployState][] = [
  ['requested', 'awaiting_approval'], ['requested', 'approved'], ['awaiting_approval', 'approved'], ['awaiting_approval', 'denied'],
  ['awaiting_approval', 'expired'], ['awaiting_approval', 'halted'], ['approved', 'queued'], ['queued', 'running'],
  ['running', 'succeeded'], ['running', 'failed'], ['running', 'halted'],
];

describe('deployment state machine', () => {
  it.each(LEGAL)('%s → %s is legal', (from, to) => {
    const moved = transition(record(from), to, new Date('2026-01-05T09:05:00Z'), 'bob', 'why');
    expect(moved.state).toBe(to);
    expect(moved.history.at(-1)).toEqual({ state: to, at: '2026-01-05T09:05:00.000Z', by: 'bob', note: 'why' });
  });

  it('no final state moves anywhere', () => {
    for (const from of ['succeeded', 'failed', 'halted', 'expired', 'denied'] as const) {
      for (const to of DEPLOY_STATES) expect(canMove(from, to)).toBe(false);
    }
  });

  it('refuses an illegal move with a sentence', () => {
    let caught: unknown;
    try {
      transition(record('succeeded'), 'running', new Date());
    } catch (err) {
      caught = err;
    }
    expect(isUserError(caught) && caught.code).toBe('illegal_transition');
    expect((caught as Error).message).toBe('DEP-1 has already succeeded, so it cannot be started.');
    expect(() => transition(record('requested'), 'running', new Date())).toThrow('DEP-1 has just been requested, so it cannot be started.');
  });

  it('a final state records when and why it ended', () => {
    const done = transition(record('running'), 'failed', new Date('2026-01-05T09:07:00Z'), 'dayops', 'the script exited with code 1');
    expect(done).toMatchObject({ finishedAt: '2026-01-05T09:07:00.000Z', result: 'the script exited with code 1' });
  });
});
