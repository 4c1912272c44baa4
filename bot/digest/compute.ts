import type { BudgetRecord } from '../../data/records/budget.js';
import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { MaintenanceRecord } from '../../data/records/maintenance.js';
import type { ReminderRecord } from '../../data/records/reminder.js';
import { deploymentCounts, incidentCounts, type EnvDeployCounts, type IncidentCounts } from './activity.js';
import {
  changeFailureRate,
  deploymentFrequency,
  failedDeploymentRecoveryTime,
  leadTimeForChanges,
  type ChangeFailureRate,
  type DeploymentFrequency,
  type DoraOptions,
  type LeadTime,
  type RecoveryTime,
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
  /** Budget decisions with a limit, as of their last daily check. */
  budgets?: BudgetRecord[];
}

export interface Digest {
  window: DigestWindow;
  options: DoraOptions;
  deployments: EnvDeployCounts[];
  incidents: IncidentCounts;
  alertGroups: AlertGroupRecord[];
  maintenance: MaintenanceRecord[];
  reminders: ReminderRecord[];
  budgets: BudgetRecord[];
  dora: DoraFigures;
  /** The same figures per service, for the services with a change or a recovery in the window. */
  doraByService: (DoraFigures & { service: string })[];
}

export interface DoraFigures {
  frequency: DeploymentFrequency;
  leadTime: LeadTime;
  changeFailure: ChangeFailureRate;
  recovery: RecoveryTime;
}

function doraFigures(deployments: readonly DeploymentRecord[], incidents: readonly IncidentRecord[], window: DigestWindow, options: DoraOptions): DoraFigures {
  return {
    frequency: deploymentFrequency(deployments, window, options),
    leadTime: leadTimeForChanges(deployments, window, options),
    changeFailure: changeFailureRate(deployments, incidents, window, options),
    recovery: failedDeploymentRecoveryTime(deployments, incidents, window, options),
  };
}

function byService(deployments: readonly DeploymentRecord[], incidents: readonly IncidentRecord[], window: DigestWindow, options: DoraOptions): Digest['doraByService'] {
  const services = [...new Set(deployments.filter((d) => options.environments.includes(d.env)).map((d) => d.service))].sort();
  return services.flatMap((service) => {
    const figures = doraFigures(deployments.filter((d) => d.service === service), incidents, window, options);
    return figures.changeFailure.total > 0 || figures.recovery.count > 0 ? [{ service, ...figures }] : [];
  });
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
    budgets: records.budgets ?? [],
    dora: doraFigures(deployments, incidents, window, options),
    doraByService: byService(deployments, incidents, window, options),
  };
}
