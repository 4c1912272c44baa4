import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { reply, type Field } from '../bot/model.js';
import { formatGrant } from '../bot/permissions.js';

export const whoamiCommand = defineCommand({
  name: 'whoami',
  group: 'general',
  summary: 'Shows who dayops thinks you are, and what you may do.',
  description: 'Your platform identity, the dayops person it maps to, your role grants and the permissions they carry.',
  examples: ['whoami'],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler({ actor, ops }) {
    const identity = ops.people.identify(actor);
    const permissions = ops.people.permissionsOf(actor);
    const fields: Field[] = [
      { label: 'Platform identity', value: `${actor.platform} ${actor.userId} (${actor.displayName})`, short: true },
      {
        label: 'dayops person',
        value: identity.person ?? 'none: this identity is not mapped to a person in the config',
        short: true,
      },
      { label: 'Roles', value: identity.grants.map(formatGrant).join(', ') },
      { label: 'Permissions', value: permissions.length > 0 ? permissions.join(', ') : 'none' },
    ];
    const context =
      actor.platform === 'shell'
        ? ['The shell trusts its operator: whoever runs it speaks as this person (choose another with --as).']
        : undefined;
    return reply({ title: identity.displayName, fields, ...(context ? { context } : {}) }, 'private');
  },
});
