import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DeploymentRecord, DeployState } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { MaintenanceRecord } from '../../data/records/maintenance.js';
import type { ReminderRecord } from '../../data/records/reminder.js';
import type { DigestRecords } from '../../bot/digest/compute.js';

/**
 * A fixed week of records, ending 2026-03-20 12:00 UTC, with the DORA figures worked out by hand
 * in digest.test.ts. Times are UTC.
 */
export const WEEK_END = new Date('2026-03-20T12:00:00Z');

interface DeployFacts {
  service?: string;
  env?: string;
  state: DeployState;
  finishedAt: string;
  createdAt?: string;
  commitTime?: string;
  rollbackOf?: string;
  health?: 'succeeded' | 'failed';
  external?: boolean;
}

export function deployment(n: number, f: DeployFacts): DeploymentRecord {
  const createdAt = f.createdAt ?? new Date(Date.parse(f.finishedAt) - 10 * 60_000).toISOString();
  return {
    id: `DEP-${n}`,
    service: f.service ?? 'api',
    env: f.env ?? 'production',
    version: `1.${n}.0`,
    requester: { person: 'alice', platform: 'shell', userId: 'alice', displayName: 'alice' },
    requestedFrom: { channel: 'shell:deploys' },
    state: f.state,
    history: [
      { state: 'requested', at: createdAt },
      { state: f.state, at: f.finishedAt },
    ],
    approvals: [],
    approvalsRequired: 0,
    logTail: [],
    notes: 0,
    ...(f.rollbackOf ? { rollbackOf: f.rollbackOf } : {}),
    ...(f.commitTime ? { commitTime: f.commitTime } : {}),
    ...(f.health ? { health: { status: f.health, at: f.finishedAt } } : {}),
    ...(f.external ? { external: true } : {}),
    createdAt,
    updatedAt: f.finishedAt,
    startedAt: createdAt,
    finishedAt: f.finishedAt,
  };
}

export function incident(n: number, services: string[], declaredAt: string, resolvedAt?: string): IncidentRecord {
  return {
    id: `INC-${n}`,
    title: `Incident ${n}`,
    severity: 2,
    services,
    status: resolvedAt ? 'resolved' : 'open',
    channel: 'shell:incidents',
    roles: { commander: 'alice' },
    alertGroups: [],
    declaredBy: 'alice',
    declaredAt,
    lastUpdateAt: declaredAt,
    ...(resolvedAt ? { resolvedAt } : {}),
    timeline: [],
    deployments: [],
    decisions: [],
    nudges: 0,
    posts: 0,
  };
}

export const DEPLOYMENTS: DeploymentRecord[] = [
  // Lead time 2h; rolled back 5h later by DEP-2: a failed change.
  deployment(1, { state: 'succeeded', commitTime: '2026-03-14T08:00:00.000Z', finishedAt: '2026-03-14T10:00:00.000Z' }),
  deployment(2, { state: 'succeeded', rollbackOf: 'DEP-1', createdAt: '2026-03-14T15:00:00.000Z', finishedAt: '2026-03-14T15:10:00.000Z' }),
  // Lead time 4h; INC-1 on web 21h later: a failed change.
  deployment(3, { service: 'web', state: 'succeeded', commitTime: '2026-03-15T09:00:00.000Z', finishedAt: '2026-03-15T13:00:00.000Z' }),
  // Deployed, then the health check failed: a failed change, not a successful deployment.
  deployment(4, { state: 'failed', health: 'failed', finishedAt: '2026-03-16T12:00:00.000Z' }),
  // Recorded through the pipeline API; lead time 10h; INC-2 on api 25h later is outside the window.
  deployment(5, { state: 'succeeded', external: true, commitTime: '2026-03-17T00:00:00.000Z', finishedAt: '2026-03-17T10:00:00.000Z' }),
  // The engine failed before anything went out: not a change.
  deployment(6, { state: 'failed', finishedAt: '2026-03-18T09:00:00.000Z' }),
  // No commit time known.
  deployment(7, { service: 'web', state: 'succeeded', finishedAt: '2026-03-19T09:00:00.000Z' }),
  deployment(8, { env: 'staging', state: 'succeeded', commitTime: '2026-03-19T09:00:00.000Z', finishedAt: '2026-03-19T10:00:00.000Z' }),
  // Before the week.
  deployment(9, { state: 'succeeded', commitTime: '2026-03-12T09:00:00.000Z', finishedAt: '2026-03-12T10:00:00.000Z' }),
  deployment(10, { state: 'halted', finishedAt: '2026-03-19T11:00:00.000Z' }),
  deployment(11, { state: 'denied', finishedAt: '2026-03-19T11:30:00.000Z' }),
];

export const INCIDENTS: IncidentRecord[] = [
  incident(1, ['web'], '2026-03-16T10:00:00.000Z', '2026-03-16T11:30:00.000Z'), // 1h 30m
  incident(2, ['api'], '2026-03-18T11:00:00.000Z', '2026-03-18T13:00:00.000Z'), // 2h
  incident(3, ['api'], '2026-03-10T00:00:00.000Z', '2026-03-13T00:00:00.000Z'), // resolved before the week
  incident(4, ['api'], '2026-03-19T20:00:00.000Z'), // still open
  incident(5, ['db'], '2026-03-13T06:00:00.000Z', '2026-03-13T16:00:00.000Z'), // declared before, resolved in the week: 10h
];

export function alertGroup(n: number, title: string, service?: string, severity?: string): AlertGroupRecord {
  return {
    id: `ALG-${n}`,
    source: 'alertmanager',
    groupKey: `{}:{alertname="${title}"}`,
    title,
    groupLabels: { alertname: title },
    channels: ['shell:alerts'],
    ...(service ? { service } : {}),
    ...(severity ? { severity } : {}),
    status: 'firing',
    alerts: {},
    truncatedAlerts: 0,
    openedAt: '2026-03-20T08:00:00.000Z',
    updatedAt: '2026-03-20T08:00:00.000Z',
    renotified: 0,
    lines: 0,
  };
}

function window(n: number, state: MaintenanceRecord['state'], startsAt: string, endsAt: string): MaintenanceRecord {
  return {
    id: `MNT-${n}`,
    target: 'api',
    matchers: [{ name: 'service', value: 'api', isRegex: false, isEqual: true }],
    startsAt,
    endsAt,
    reason: 'database upgrade',
    createdBy: 'bob',
    channel: 'shell:ops',
    state,
    muted: [],
  };
}

export const MAINTENANCE: MaintenanceRecord[] = [
  window(1, 'scheduled', '2026-03-21T02:00:00.000Z', '2026-03-21T04:00:00.000Z'),
  window(2, 'ended', '2026-03-18T02:00:00.000Z', '2026-03-18T04:00:00.000Z'),
  window(3, 'scheduled', '2026-03-28T00:00:00.000Z', '2026-03-28T02:00:00.000Z'),
];

function reminder(n: number, state: ReminderRecord['state'], nextAt: string | undefined, text: string): ReminderRecord {
  return {
    id: `REM-${n}`,
    channel: 'shell:ops',
    text,
    schedule: { kind: 'cron', cron: '0 9 * * *', tz: 'UTC' },
    state,
    createdBy: 'alice',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...(nextAt ? { nextAt, jobId: `reminder:REM-${n}` } : {}),
    fired: 0,
    firings: [],
  };
}

export const REMINDERS: ReminderRecord[] = [
  reminder(1, 'active', '2026-03-21T09:00:00.000Z', 'Restore test of the api database'),
  reminder(2, 'paused', undefined, 'Rotate keys'),
  reminder(3, 'active', '2026-04-01T09:00:00.000Z', 'Access review'),
];

export const RECORDS: DigestRecords = {
  deployments: DEPLOYMENTS,
  incidents: INCIDENTS,
  alertGroups: [alertGroup(3, 'HighLatency', 'api', 'critical'), alertGroup(5, 'DiskFilling')],
  maintenance: MAINTENANCE,
  reminders: REMINDERS,
};

export const OPTIONS = { environments: ['production'], failureWindowMs: 24 * 3_600_000 };
