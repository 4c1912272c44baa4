import type { ActionDefinition, CommandDefinition } from '../bot/command.js';
import { auditCommand } from './audit.js';
import { helpCommand } from './help.js';
import { whoamiCommand } from './whoami.js';
import { ALERT_ACTIONS, declareIncidentPlaceholderAction } from '../bot/alerts/actions.js';
import { ackCommand } from './ack.js';
import { alertsCommand } from './alerts.js';
import { silenceCommand } from './silence.js';
import { silencesCommand } from './silences.js';
import { unsilenceCommand } from './unsilence.js';

/** Every command dayops knows: an explicit list, so what ships is what is written here. */
export const COMMANDS: CommandDefinition[] = [
  helpCommand,
  whoamiCommand,
  auditCommand,
  ackCommand,
  alertsCommand,
  silenceCommand,
  silencesCommand,
  unsilenceCommand,
];

/** Every button action dayops knows. */
export const ACTIONS: ActionDefinition[] = [...ALERT_ACTIONS, declareIncidentPlaceholderAction];
