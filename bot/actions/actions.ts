import { defineAction } from '../command.js';
import { parseId } from '../ids.js';
import { reply } from '../model.js';
import { ADD_ACTION_ACTION } from './keys.js';

/** A chat button cannot carry free text: it answers, privately, with the command to type, prefilled. */
export const addActionItemAction = defineAction({
  name: ADD_ACTION_ACTION,
  permission: 'incident',
  async handler(ctx) {
    const id = parseId(ctx.args.value, 'incident');
    return reply({ tone: 'info', text: `Record a follow-up of ${id} with:\nincident action ${id} <what is to be done> --owner @name --due YYYY-MM-DD [--blocking]` }, 'private');
  },
});
