import type { ActionDefinition, CommandDefinition } from '../bot/command.js';
import { auditCommand } from './audit.js';
import { helpCommand } from './help.js';
import { whoamiCommand } from './whoami.js';

/** Every command dayops knows: an explicit list, so what ships is what is written here. */
export const COMMANDS: CommandDefinition[] = [helpCommand, whoamiCommand, auditCommand];

/** Every button action dayops knows. */
export const ACTIONS: ActionDefinition[] = [];
