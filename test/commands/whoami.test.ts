import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { COMMANDS } from '../../commands/index.js';
import { alice, place, stranger } from '../router/fixtures.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

let ops: TestOps;
let router: Router;

beforeEach(async () => {
  ops = await createTestOps();
  router = new Router(ops, new CommandRegistry(COMMANDS));
});
afterEach(() => ops.close());

describe('whoami', () => {
  it('shows a shell person, their grants and permissions, and that the shell trusts its operator', async () => {
    const answer = await router.handleCommand({ actor: alice, place, text: 'whoami' });
    expect(answer).toEqual({
      visibility: 'private',
      message: {
        title: 'Alice',
        fields: [
          { label: 'Platform identity', value: 'shell alice (Alice)', short: true },
          { label: 'dayops person', value: 'alice', short: true },
          { label: 'Roles', value: 'author, deployer, deployer@production' },
          {
            label: 'Permissions',
            value: 'alerts.ack, alerts.ack@production, decide, deploy, deploy@production, halt, halt@production, incident, incident@production, lock, lock@production, oncall, oncall@production, reminders, view, view@production',
          },
        ],
        context: ['The shell trusts its operator: whoever runs it speaks as this person (choose another with --as).'],
      },
    });
  });

  it('says when a platform identity maps to no person, and shows the default role', async () => {
    const answer = await router.handleCommand({ actor: stranger, place: { channel: 'slack:C1' }, text: 'whoami' });
    expect(answer.message.title).toBe('Stranger');
    expect(answer.message.fields).toEqual([
      { label: 'Platform identity', value: 'slack U999 (Stranger)', short: true },
      { label: 'dayops person', value: 'none: this identity is not mapped to a person in the config', short: true },
      { label: 'Roles', value: 'viewer' },
      { label: 'Permissions', value: 'view' },
    ]);
    expect(answer.message.context).toBeUndefined();
  });
});
