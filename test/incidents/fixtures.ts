import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DecisionRecord } from '../../data/records/decision.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';

/** A deployment as the deployments feature stores it; change what the test is about. */
export function deployment(id: string, parts: Partial<DeploymentRecord> & Pick<DeploymentRecord, 'service' | 'state' | 'createdAt'>): DeploymentRecord {
  return {
    id,
    env: 'production',
    version: '1.0.0',
    requester: { person: 'alice', platform: 'shell', userId: 'alice', displayName: 'alice' },
    requestedFrom: { channel: 'shell:deploys' },
    history: [],
    approvals: [],
    approvalsRequired: 0,
    logTail: [],
    notes: 0,
    updatedAt: parts.finishedAt ?? parts.createdAt,
    ...parts,
  };
}

export function alertGroup(id: string, parts: Partial<AlertGroupRecord> = {}): AlertGroupRecord {
  return {
    id,
    source: 'alertmanager',
    groupKey: `{}:{alertname="${id}"}`,
    title: 'HighErrorRate on api',
    groupLabels: { alertname: 'HighErrorRate' },
    channels: ['shell:alerts'],
    service: 'api',
    env: 'production',
    severity: 'critical',
    status: 'firing',
    alerts: {},
    truncatedAlerts: 0,
    openedAt: '2026-03-20T09:50:00.000Z',
    updatedAt: '2026-03-20T09:50:00.000Z',
    renotified: 0,
    lines: 0,
    ...parts,
  };
}

export function acceptedDecision(id: string, parts: Partial<DecisionRecord> & Pick<DecisionRecord, 'category' | 'title'>): DecisionRecord {
  const at = parts.updatedAt ?? '2026-03-20T08:00:00.000Z';
  return {
    id,
    options: [],
    status: 'accepted',
    owner: 'alice',
    decisionMakers: ['bob'],
    createdAt: '2026-03-19T08:00:00.000Z',
    updatedAt: at,
    channel: 'shell:ops',
    history: [
      { status: 'proposed', by: 'alice', at: '2026-03-19T08:00:00.000Z' },
      { status: 'accepted', by: 'bob', at },
    ],
    ...parts,
  };
}
