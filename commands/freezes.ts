import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { describeFreeze } from '../bot/deployments/freeze-commands.js';
import { freezesOf, freezeWindow } from '../bot/deployments/freezes.js';
import { reply } from '../bot/model.js';

export const freezesCommand = defineCommand({
  name: 'freezes',
  group: 'deploys',
  summary: 'Lists the freezes that have not ended.',
  examples: ['freezes'],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler(ctx) {
    const tz = ctx.ops.config.timezone;
    const now = ctx.ops.clock.now();
    const freezes = await ctx.ops.store.read((tx) => freezesOf(tx));
    if (freezes.length === 0) return reply({ tone: 'info', text: 'No freezes.' }, 'private');
    const lines = freezes.map((f) => `${f.id} · ${f.env} · ${describeFreeze(f, tz)} · ${f.reason}${freezeWindow(f, now) ? ' · in force now' : ''}`);
    return reply({ title: 'Freezes', text: lines.join('\n') }, 'private');
  },
});
