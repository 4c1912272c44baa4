import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { MaintenanceRecord } from '../../data/records/maintenance.js';
import type { ReminderRecord } from '../../data/records/reminder.js';
import { deploymentCounts, incidentCounts, type EnvDeployCounts, type IncidentCounts } from './activity.js';
import {
  changeFailureRate,
  deploymentFrequency,
  leadTimeForChanges,
  timeToRestore,
  type ChangeFailureRate,
  type DeploymentFrequency,
  type DoraOptions,
  type LeadTime,
  type TimeToRestore,
} from './dora.js';
import { upcomingMaintenance, upcomingReminders } from './upcoming.js';
import type { DigestWindow } from './window.js';

/** Everything a digest is computed from, as read from the store. */
export interface DigestRecords {
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
  /** Firing alert groups. */
  alertGroups: AlertGroupRecord[];
  maintenance: MaintenanceRecord[];
  reminders: ReminderRecord[];
}

export interface Digest {
  window: DigestWindow;
  options: DoraOptions;
  deployments: EnvDeployCounts[];
  incidents: IncidentCounts;
  alertGroups: AlertGroupRecord[];
  maintenance: MaintenanceRecord[];
  reminders: ReminderRecord[];
  dora: {
    frequency: DeploymentFrequency;
    leadTime: LeadTime;
    changeFailure: ChangeFailureRate;
    timeToRestore: TimeToRestore;
  };
}

export function computeDigest(records: DigestRecords, window: DigestWindow, options: DoraOptions): Digest {
  const { deployments, incidents } = records;
  return {
    window,
    options,
    deployments: deploymentCounts(deployments, window),
    incidents: incidentCounts(incidents, window),
    alertGroups: records.alertGroups,
    maintenance: upcomingMaintenance(records.maintenance, window),
    reminders: upcomingReminders(records.reminders, window),
    dora: {
      frequency: deploymentFrequency(deployments, window, options),
      leadTime: leadTimeForChanges(deployments, window, options),
      changeFailure: changeFailureRate(deployments, incidents, window, options),
      timeToRestore: timeToRestore(incidents, window),
    },
  };
}
