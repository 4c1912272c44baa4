import type { ActionDefinition, CommandDefinition } from '../bot/command.js';
import { auditCommand } from './audit.js';
import { helpCommand } from './help.js';
import { whoamiCommand } from './whoami.js';
import { boardCommand } from './board.js';
import { ALERT_ACTIONS } from '../bot/alerts/actions.js';
import { ackCommand } from './ack.js';
import { alertsCommand } from './alerts.js';
import { silenceCommand } from './silence.js';
import { silencesCommand } from './silences.js';
import { unsilenceCommand } from './unsilence.js';
import { maintenanceCommand } from './maintenance.js';
import { decisionAcceptAction, decisionRejectAction, proposeChangeAction } from '../bot/decisions/actions.js';
import { decideCommand } from './decide.js';
import { decisionAcceptCommand } from './decision-accept.js';
import { decisionRejectCommand } from './decision-reject.js';
import { decisionShowCommand } from './decision-show.js';
import { decisionSupersedeCommand } from './decision-supersede.js';
import { decisionCheckCommand } from './decision-check.js';
import { decisionsCommand } from './decisions.js';
import { decisionsExportCommand } from './decisions-export.js';
import { readinessCommand } from './readiness.js';
import { DEPLOY_ACTIONS } from '../bot/deployments/actions.js';
import { approveCommand } from './approve.js';
import { denyCommand } from './deny.js';
import { deployCommand } from './deploy.js';
import { deployStatusCommand } from './deploy-status.js';
import { deploysCommand } from './deploys.js';
import { freezeCommand } from './freeze.js';
import { freezesCommand } from './freezes.js';
import { haltCommand } from './halt.js';
import { lockCommand } from './lock.js';
import { resumeCommand } from './resume.js';
import { rollbackCommand } from './rollback.js';
import { statusCommand } from './status.js';
import { unfreezeCommand } from './unfreeze.js';
import { unlockCommand } from './unlock.js';
import { REMINDER_ACTIONS } from '../bot/reminders/actions.js';
import { RUNBOOK_ACTIONS } from '../bot/runbooks/actions.js';
import { remindCommand } from './remind.js';
import { remindersCommand } from './reminders.js';
import { reminderCancelCommand } from './reminder-cancel.js';
import { reminderPauseCommand } from './reminder-pause.js';
import { reminderResumeCommand } from './reminder-resume.js';
import { runbooksCommand } from './runbooks.js';
import { runCommand } from './run.js';
import { INCIDENT_ACTIONS } from '../bot/incidents/actions.js';
import { incidentDeclareCommand } from './incident-declare.js';
import { incidentRoleCommand } from './incident-role.js';
import { incidentUpdateCommand } from './incident-update.js';
import { incidentNoteCommand } from './incident-note.js';
import { incidentSevCommand } from './incident-sev.js';
import { incidentResolveCommand } from './incident-resolve.js';
import { incidentPostmortemCommand } from './incident-postmortem.js';
import { incidentsCommand } from './incidents.js';
import { incidentActionCommand } from './incident-action.js';
import { actionDoneCommand } from './action-done.js';
import { actionsCommand } from './actions.js';
import { addActionItemAction } from '../bot/actions/actions.js';
import { DUTY_ACTIONS } from '../bot/duties/actions.js';
import { digestCommand } from './digest.js';
import { ONCALL_ACTIONS } from '../bot/oncall/escalation/actions.js';
import { oncallCommand } from './oncall.js';
import { oncallNextCommand } from './oncall-next.js';
import { oncallOverrideCommand } from './oncall-override.js';
import { oncallScheduleCommand } from './oncall-schedule.js';
import { oncallScheduleCreateCommand } from './oncall-schedule-create.js';
import { oncallScheduleDeleteCommand } from './oncall-schedule-delete.js';
import { oncallSchedulesCommand } from './oncall-schedules.js';
import { oncallFeedsCommand } from './oncall-feeds.js';
import { oncallSwapCommand } from './oncall-swap.js';
import { SWAP_ACTIONS } from '../bot/oncall/swap-actions.js';
import { DRIFT_ACTIONS } from '../bot/drift/actions.js';
import { driftCommand } from './drift.js';
import { driftAcceptCommand } from './drift-accept.js';
import { budgetCommand } from './budget.js';
import { budgetSetCommand } from './budget-set.js';

/** Every command dayops knows: an explicit list, so what ships is what is written here. */
export const COMMANDS: CommandDefinition[] = [
  helpCommand,
  whoamiCommand,
  auditCommand,
  decideCommand,
  decisionsCommand,
  decisionShowCommand,
  decisionAcceptCommand,
  decisionRejectCommand,
  decisionSupersedeCommand,
  decisionCheckCommand,
  decisionsExportCommand,
  readinessCommand,
  deployCommand,
  approveCommand,
  denyCommand,
  haltCommand,
  resumeCommand,
  rollbackCommand,
  deploysCommand,
  deployStatusCommand,
  statusCommand,
  lockCommand,
  unlockCommand,
  freezeCommand,
  unfreezeCommand,
  freezesCommand,
  ackCommand,
  alertsCommand,
  silenceCommand,
  silencesCommand,
  unsilenceCommand,
  maintenanceCommand,
  driftCommand,
  driftAcceptCommand,
  budgetCommand,
  budgetSetCommand,
  remindCommand,
  remindersCommand,
  reminderCancelCommand,
  reminderPauseCommand,
  reminderResumeCommand,
  runbooksCommand,
  runCommand,
  incidentDeclareCommand,
  incidentRoleCommand,
  incidentUpdateCommand,
  incidentNoteCommand,
  incidentSevCommand,
  incidentResolveCommand,
  incidentPostmortemCommand,
  incidentsCommand,
  incidentActionCommand,
  actionDoneCommand,
  actionsCommand,
  digestCommand,
  boardCommand,
  oncallCommand,
  oncallNextCommand,
  oncallOverrideCommand,
  oncallScheduleCommand,
  oncallScheduleCreateCommand,
  oncallScheduleDeleteCommand,
  oncallSchedulesCommand,
  oncallFeedsCommand,
  oncallSwapCommand,
];

/** Every button action dayops knows. */
export const ACTIONS: ActionDefinition[] = [decisionAcceptAction, decisionRejectAction, proposeChangeAction, ...DEPLOY_ACTIONS, ...ALERT_ACTIONS, ...REMINDER_ACTIONS, ...RUNBOOK_ACTIONS, ...INCIDENT_ACTIONS, addActionItemAction, ...DUTY_ACTIONS, ...ONCALL_ACTIONS, ...SWAP_ACTIONS, ...DRIFT_ACTIONS];
