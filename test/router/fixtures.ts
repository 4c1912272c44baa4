import { z } from 'zod';
import { envArg, idArg, textArg } from '../../bot/args.js';
import { defineAction, defineCommand } from '../../bot/command.js';
import { conflict } from '../../bot/errors.js';
import { reply, type Actor } from '../../bot/model.js';

/** Small commands that exercise the router; real commands live in commands/. */
export const deployCommand = defineCommand({
  name: 'deploy',
  group: 'deploys',
  summary: 'Deploys a version of a service.',
  examples: ['deploy api 1.4.2 to production'],
  args: [
    { name: 'service', kind: 'positional', type: 'string', description: 'The service.', required: true },
    { name: 'version', kind: 'positional', type: 'string', description: 'The version.', required: true },
    { name: 'env', kind: 'positional', type: 'string', description: 'Where.', required: true, after: 'to' },
    { name: 'reason', kind: 'flag', type: 'text', description: 'Why.', rest: true },
  ],
  schema: z.object({
    service: z.string(),
    version: z.string().regex(/^[\w.+/-]{1,128}$/, { message: 'must be 1 to 128 letters, digits or ._-+/' }),
    env: envArg(),
    reason: textArg(200, 'reason').optional(),
  }),
  permission: (args) => ({ permission: 'deploy', env: args.env }),
  async handler({ args, actor }) {
    const why = args.reason ? ` because ${args.reason}` : '';
    return reply({ text: `${actor.person ?? actor.userId} deploys ${args.service} ${args.version} to ${args.env}${why}` });
  },
});

/** Counts its effects: each run that changes state takes the next number. */
export const bumpCommand = defineCommand({
  name: 'counter bump',
  group: 'general',
  summary: 'Takes the next number.',
  examples: [],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler(ctx) {
    const n = await ctx.transact(async (tx) => {
      const next = await tx.nextNumber('bump');
      tx.audit(ctx.auditEvent('counter.bump', undefined, `took ${next}`));
      return next;
    });
    return reply({ text: `bump ${n}` });
  },
});

export const noteCommand = defineCommand({
  name: 'note',
  group: 'incidents',
  summary: 'Notes something on an incident.',
  examples: [],
  args: [
    { name: 'incident', kind: 'positional', type: 'id', idKind: 'incident', description: 'Which.', required: true },
    { name: 'text', kind: 'positional', type: 'text', description: 'What.', required: true, rest: true },
  ],
  schema: z.object({ incident: idArg('incident'), text: textArg(100, 'note') }),
  permission: 'incident',
  async handler({ args }) {
    return reply({ text: `${args.incident}: ${args.text}` });
  },
});

export const brokenCommand = defineCommand({
  name: 'broken',
  group: 'general',
  summary: 'Always fails on our side.',
  examples: [],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler() {
    throw new Error('the disk is on fire');
  },
});

export const busyCommand = defineCommand({
  name: 'busy',
  group: 'general',
  summary: 'Always fails on the asker’s side.',
  examples: [],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler() {
    throw conflict('production is locked by bob.');
  },
});

export const approveAction = defineAction({
  name: 'deploy.approve',
  permission: async (value) => ({ permission: 'approve', env: value.split('|')[1] }),
  async handler({ args, actor }) {
    return reply({ text: `${actor.person} approved ${args.value.split('|')[0]}` });
  },
});

export const TEST_COMMANDS = [deployCommand, bumpCommand, noteCommand, brokenCommand, busyCommand];

export const alice: Actor = { platform: 'shell', userId: 'alice', displayName: 'Alice' };
export const bob: Actor = { platform: 'shell', userId: 'bob', displayName: 'Bob' };
/** A Slack user the config does not map: the default role, viewer. */
export const stranger: Actor = { platform: 'slack', userId: 'U999', displayName: 'Stranger' };
export const place = { channel: 'shell:ops' };
