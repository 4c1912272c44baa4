import type { AlertGroupRecord } from '../../data/records/alert-group.js';

/** The living message of a group in its first channel. */
export const groupMessageKey = (id: string) => `alert-group:${id}`;

/** Copies in the channels later routes added (`continue: true`). */
export function groupMessageKeys(group: Pick<AlertGroupRecord, 'id' | 'channels'>): { channel: string; key: string }[] {
  return group.channels.map((channel, i) => ({ channel, key: i === 0 ? groupMessageKey(group.id) : `${groupMessageKey(group.id)}|${channel}` }));
}

export const groupLineKey = (id: string, n: number) => `alert-group:${id}:line:${n}`;

/** Line `n` of the group's thread, once per copy, in the order of `groupMessageKeys`. */
export function groupLineKeys(group: Pick<AlertGroupRecord, 'id' | 'channels'>, n: number): string[] {
  return group.channels.map((channel, i) => (i === 0 ? groupLineKey(group.id, n) : `${groupLineKey(group.id, n)}|${channel}`));
}

/** The index record that finds an open group by its source's group key. */
export const groupIndexId = (source: string, groupKey: string) => `${source}|${groupKey}`;

export const stormMessageKey = (id: string) => `alert-storm:${id}`;
export const maintenanceMessageKey = (id: string) => `maintenance:${id}`;

export const renotifyJobId = (groupId: string) => `alerts-renotify:${groupId}`;
export const silenceEndJobId = (silenceId: string) => `alerts-silence-end:${silenceId}`;
export const maintenanceStartJobId = (id: string) => `alerts-maintenance-start:${id}`;
export const maintenanceEndJobId = (id: string) => `alerts-maintenance-end:${id}`;
export const RECONCILE_JOB_ID = 'alerts-reconcile';
export const stormEndJobId = (stormId: string) => `alerts-storm-end:${stormId}`;

export const JOB_TYPES = {
  renotify: 'alerts.renotify',
  silenceEnd: 'alerts.silence-end',
  maintenanceStart: 'alerts.maintenance-start',
  maintenanceEnd: 'alerts.maintenance-end',
  reconcile: 'alerts.reconcile',
  stormEnd: 'alerts.storm-end',
} as const;
