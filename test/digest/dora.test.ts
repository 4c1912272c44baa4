import { describe, expect, it } from 'vitest';
import { deploymentCounts, incidentCounts } from '../../bot/digest/activity.js';
import { changeFailureRate, deploymentFrequency, failedDeploymentRecoveryTime, leadTimeForChanges } from '../../bot/digest/dora.js';
import { computeDigest } from '../../bot/digest/compute.js';
import { median } from '../../bot/digest/stats.js';
import { upcomingMaintenance, upcomingReminders } from '../../bot/digest/upcoming.js';
import { digestWindow } from '../../bot/digest/window.js';
import { deployment, DEPLOYMENTS, incident, INCIDENTS, MAINTENANCE, OPTIONS, REMINDERS, WEEK_END } from './fixtures.js';

const HOUR = 3_600_000;
const week = digestWindow('week', WEEK_END);

describe('the DORA figures over the fixed week', () => {
  it('deployment frequency: successful production changes, external ones included, rollbacks and staging not', () => {
    // DEP-1, DEP-3, DEP-5 (external), DEP-7; not DEP-2 (rollback), DEP-4/6 (failed), DEP-8 (staging), DEP-9 (before).
    expect(deploymentFrequency(DEPLOYMENTS, week, OPTIONS)).toEqual({ count: 4, perDay: 4 / 7 });
  });

  it('lead time for changes: median of commit → succeeded where the commit time is known', () => {
    // DEP-1 2h, DEP-3 4h, DEP-5 10h; DEP-7 has no commit time.
    expect(leadTimeForChanges(DEPLOYMENTS, week, OPTIONS)).toEqual({ medianMs: 4 * HOUR, measured: 3, of: 4 });
  });

  it('change failure rate: a failed health check, a rollback that ran or an incident caused, over the changes that went out', () => {
    // Changes: DEP-1, DEP-3, DEP-4, DEP-5, DEP-7. DEP-5's incident came 25h later, outside 24h.
    expect(changeFailureRate(DEPLOYMENTS, INCIDENTS, week, OPTIONS)).toEqual({
      total: 5,
      failed: [
        // Recovered when DEP-2 (the rollback) succeeded.
        { id: 'DEP-1', cause: 'rolled back by DEP-2', recoveredAt: '2026-03-14T15:10:00.000Z' },
        // Recovered when INC-1 was resolved, before the next web deployment.
        { id: 'DEP-3', cause: 'caused INC-1', recoveredAt: '2026-03-16T11:30:00.000Z' },
        // Recovered when DEP-5 went out.
        { id: 'DEP-4', cause: 'health check failed', recoveredAt: '2026-03-17T10:00:00.000Z' },
      ],
      rate: 0.6,
    });
  });

  it('a rollback that was denied or expired remedied nothing: the change did not fail', () => {
    const d = deployment(30, { state: 'succeeded', finishedAt: '2026-03-18T10:00:00.000Z' });
    for (const state of ['denied', 'expired', 'awaiting_approval'] as const) {
      const r = deployment(31, { state, rollbackOf: 'DEP-30', createdAt: '2026-03-18T11:00:00.000Z', finishedAt: '2026-03-18T11:30:00.000Z' });
      expect(changeFailureRate([d, r], [], week, OPTIONS)).toEqual({ total: 1, failed: [], rate: 0 });
    }
  });

  it('one incident blames one change: the last to its service before it, not every deployment of the day', () => {
    const ds = [8, 10, 12, 14].map((h, i) => deployment(40 + i, { state: 'succeeded', finishedAt: `2026-03-18T${String(h).padStart(2, '0')}:00:00.000Z` }));
    const inc = incident(7, ['api'], '2026-03-18T15:00:00.000Z', '2026-03-18T16:00:00.000Z');
    expect(changeFailureRate(ds, [inc], week, OPTIONS)).toEqual({
      total: 4,
      failed: [{ id: 'DEP-43', cause: 'caused INC-7', recoveredAt: '2026-03-18T16:00:00.000Z' }],
      rate: 0.25,
    });
  });

  it('change failure rate with a wider window counts the late incident too', () => {
    const r = changeFailureRate(DEPLOYMENTS, INCIDENTS, week, { ...OPTIONS, failureWindowMs: 26 * HOUR });
    expect(r.failed.map((f) => f.id)).toEqual(['DEP-1', 'DEP-3', 'DEP-4', 'DEP-5']);
    expect(r.failed[3]).toEqual({ id: 'DEP-5', cause: 'caused INC-2', recoveredAt: '2026-03-18T13:00:00.000Z' });
    expect(r.rate).toBe(0.8);
  });

  it('failed deployment recovery time: median of went out → recovered, over failures recovered in the week', () => {
    // DEP-1 5h10m, DEP-3 22h30m, DEP-4 22h.
    expect(failedDeploymentRecoveryTime(DEPLOYMENTS, INCIDENTS, week, OPTIONS)).toEqual({ medianMs: 22 * HOUR, count: 3 });
  });

  it('per service, the same four figures', () => {
    const digest = computeDigest({ deployments: DEPLOYMENTS, incidents: INCIDENTS, alertGroups: [], maintenance: [], reminders: [] }, week, OPTIONS);
    expect(digest.doraByService.map((s) => [s.service, s.frequency.count, s.leadTime.medianMs, s.changeFailure.failed.length, s.changeFailure.total, s.recovery.medianMs])).toEqual([
      ['api', 2, 6 * HOUR, 2, 3, (5 * HOUR + 10 * 60_000 + 22 * HOUR) / 2],
      ['web', 2, 4 * HOUR, 1, 2, 22.5 * HOUR],
    ]);
  });

  it('the day ending 2026-03-19 12:00 sees only DEP-7, and no recovery', () => {
    const day = digestWindow('day', new Date('2026-03-19T12:00:00Z'));
    expect(deploymentFrequency(DEPLOYMENTS, day, OPTIONS)).toEqual({ count: 1, perDay: 1 });
    expect(leadTimeForChanges(DEPLOYMENTS, day, OPTIONS)).toEqual({ measured: 0, of: 1 });
    expect(changeFailureRate(DEPLOYMENTS, INCIDENTS, day, OPTIONS)).toEqual({ total: 1, failed: [], rate: 0 });
    expect(failedDeploymentRecoveryTime(DEPLOYMENTS, INCIDENTS, day, OPTIONS)).toEqual({ count: 0 });
  });

  it('with no records every figure says so rather than dividing by zero', () => {
    expect(deploymentFrequency([], week, OPTIONS)).toEqual({ count: 0, perDay: 0 });
    expect(leadTimeForChanges([], week, OPTIONS)).toEqual({ measured: 0, of: 0 });
    expect(changeFailureRate([], [], week, OPTIONS)).toEqual({ total: 0, failed: [] });
    expect(failedDeploymentRecoveryTime([], [], week, OPTIONS)).toEqual({ count: 0 });
  });

  it('a commit time after the deployment is skipped, not counted as a negative lead time', () => {
    const odd = deployment(20, { state: 'succeeded', commitTime: '2026-03-18T12:00:00.000Z', finishedAt: '2026-03-18T10:00:00.000Z' });
    expect(leadTimeForChanges([odd], week, OPTIONS)).toEqual({ measured: 0, of: 1 });
  });

  it('an incident on another service does not count against a deployment', () => {
    const d = deployment(21, { service: 'api', state: 'succeeded', finishedAt: '2026-03-18T10:00:00.000Z' });
    const other = incident(9, ['web'], '2026-03-18T11:00:00.000Z');
    expect(changeFailureRate([d], [other], week, OPTIONS).failed).toEqual([]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([10, 1, 4])).toBe(4);
    expect(median([10, 1, 4, 3])).toBe(3.5);
    expect(median([])).toBeUndefined();
  });
});

describe('activity of the fixed week', () => {
  it('counts deployments that ran and ended, per environment, with failures and rollbacks', () => {
    expect(deploymentCounts(DEPLOYMENTS, week)).toEqual([
      { env: 'production', ended: 8, succeeded: 5, failed: 2, halted: 1, rollbacks: 1 },
      { env: 'staging', ended: 1, succeeded: 1, failed: 0, halted: 0, rollbacks: 0 },
    ]);
  });

  it('lists incidents opened, resolved and still open', () => {
    expect(incidentCounts(INCIDENTS, week)).toEqual({ opened: ['INC-1', 'INC-2', 'INC-4'], resolved: ['INC-1', 'INC-2', 'INC-5'], stillOpen: ['INC-4'] });
  });

  it('looks a week ahead for maintenance windows and reminders', () => {
    expect(upcomingMaintenance(MAINTENANCE, week).map((m) => m.id)).toEqual(['MNT-1']);
    expect(upcomingReminders(REMINDERS, week).map((r) => r.id)).toEqual(['REM-1']);
    const dayBefore = digestWindow('day', new Date('2026-03-19T12:00:00Z'));
    expect(upcomingReminders(REMINDERS, dayBefore).map((r) => r.id)).toEqual([]);
    expect(upcomingMaintenance(MAINTENANCE, dayBefore).map((m) => m.id)).toEqual([]);
  });
});
