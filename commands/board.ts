import { z } from 'zod';
import { issueBoardLink, LINK_MINUTES } from '../bot/board/sessions.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { formatTime } from '../bot/time.js';

export const boardCommand = defineCommand({
  name: 'board',
  group: 'general',
  summary: 'Sends you, privately, a one-time link that signs you in to the web board.',
  description: `The link works once, for ${LINK_MINUTES} minutes; the board then shows what your roles let you view.`,
  examples: ['board'],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler({ ops, actor }) {
    const link = await issueBoardLink(ops, actor);
    return reply(
      {
        title: 'Your sign-in link to the board',
        text: link.url,
        buttons: [{ kind: 'link', label: 'Open the board', url: link.url }],
        context: [`Works once, until ${formatTime(link.expiresAt, ops.config.timezone)}. Keep it to yourself: it signs in as you.`],
      },
      'private',
    );
  },
});
