import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { getDecision } from '../bot/decisions/find.js';
import { decisionMessage } from '../bot/decisions/message.js';
import { reply } from '../bot/model.js';

export const decisionShowCommand = defineCommand({
  name: 'decision show',
  group: 'decisions',
  summary: 'Shows one decision with its history.',
  examples: ['decision show D-7', 'decision show 7'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The decision (D-7 or 7).' }],
  schema: z.object({ id: idArg('decision') }),
  permission: 'view',
  async handler({ args, ops }) {
    const decision = await ops.store.read((tx) => getDecision(tx, args.id));
    const message = decisionMessage(decision);
    const history = decision.history.map((h) => `${h.at.slice(0, 16).replace('T', ' ')} UTC · ${h.status} by ${h.by}${h.reason ? `: ${h.reason}` : ''}`);
    return reply({ ...message, context: [...(message.context ?? []), ...history] }, 'private');
  },
});
