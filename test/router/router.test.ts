import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';
import { alice, approveAction, bob, place, stranger, TEST_COMMANDS } from './fixtures.js';

let ops: TestOps;
let router: Router;

beforeEach(async () => {
  ops = await createTestOps();
  router = new Router(ops, new CommandRegistry(TEST_COMMANDS, [approveAction]));
});
afterEach(() => ops.close());

const run = (text: string, actor = alice) => router.handleCommand({ actor, place, text });

describe('Router.handleCommand', () => {
  it('parses, validates, checks permission and runs the handler with the person resolved', async () => {
    const answer = await run('deploy api 1.4.2 to production --reason the login fix');
    expect(answer).toEqual({ message: { text: 'alice deploys api 1.4.2 to production because the login fix' }, visibility: 'public' });
  });

  it('maps a platform identity to its person', async () => {
    const config = { ...ops.config, people: [{ name: 'carol', identities: { slack: ['U1'] }, roles: ['deployer'] }] };
    const local = await createTestOps({ config });
    try {
      const r = new Router(local, new CommandRegistry(TEST_COMMANDS));
      const answer = await r.handleCommand({ actor: { platform: 'slack', userId: 'U1', displayName: 'C' }, place, text: 'deploy api 1 staging' });
      expect(answer.message.text).toBe('carol deploys api 1 to staging');
    } finally {
      await local.close();
    }
  });

  it('takes structured options through the same validation', async () => {
    const ok = await router.handleCommand({ actor: alice, place, text: '', structured: { command: 'deploy', options: { service: 'api', version: '2.0', env: 'Staging' } } });
    expect(ok.message.text).toBe('alice deploys api 2.0 to staging');
    const bad = await router.handleCommand({ actor: alice, place, text: '', structured: { command: 'deploy', options: { service: 'api', version: 'a b' } } });
    expect(bad.message.text).toBe(
      'version: must be 1 to 128 letters, digits or ._-+/. env is missing.\nUsage: deploy <service> <version> [to] <env> [--reason <text>]',
    );
    const unknown = await router.handleCommand({ actor: alice, place, text: '', structured: { command: 'deploy', options: { colour: 'red' } } });
    expect(unknown.message.text).toBe('deploy has no option named colour.');
  });

  it('answers a validation problem privately, with the usage line', async () => {
    expect(await run('deploy api "1.4 beta" staging')).toEqual({
      message: { tone: 'danger', text: 'version: must be 1 to 128 letters, digits or ._-+/.\nUsage: deploy <service> <version> [to] <env> [--reason <text>]' },
      visibility: 'private',
      failed: true,
    });
  });

  it('answers a parse problem in one sentence', async () => {
    expect((await run('deploy api 1 staging --reason "open')).message.text).toBe(
      'The quote that starts at column 31 is never closed.\nClose it with ", or put a backslash before it to use it as a letter.',
    );
    expect((await run('deploy api 1 staging extra')).message.text).toBe('"extra" is one argument too many.');
  });

  it('suggests the closest command for a typo, and points to help', async () => {
    const answer = await run('deplyo api 1.4.2 production');
    expect(answer.message.text).toBe('There is no command "deplyo". Did you mean deploy?\nType help to see every command.');
    expect(answer.visibility).toBe('private');
    expect((await run('counter bmup')).message.text).toContain('There is no command "counter bmup". Did you mean counter bump?');
    expect((await run('counter')).message.text).toContain('"counter" needs a second word: counter bump.');
    expect((await run('frobnicate')).message.text).toBe('There is no command "frobnicate".\nType help to see every command.');
  });

  it('asks for a command name when the line starts with a flag or a quoted word', async () => {
    expect((await run('--force')).message.text).toBe('Start with the name of a command.\nType help to see every command.');
    expect((await run('"deploy" api')).message.text).toBe('Start with the name of a command.\nType help to see every command.');
  });

  it('gives a short hint for empty input', async () => {
    expect((await run('   ')).message.text).toBe('Type a command, or help to see them all.');
  });

  it('answers a UserError from a handler privately with its message', async () => {
    expect(await run('busy')).toEqual({ message: { tone: 'danger', text: 'production is locked by bob.' }, visibility: 'private', failed: true });
  });
});

describe('permission refusal', () => {
  it('refuses before the handler runs, names what is missing, and audits it', async () => {
    const answer = await run('deploy api 1.4.2 to production', stranger);
    expect(answer).toEqual({
      message: { tone: 'danger', text: 'You need the deploy permission in production to use the deploy command; you have: view.' },
      visibility: 'private',
      failed: true,
    });
    const audit = await ops.store.queryAudit({});
    expect(audit).toEqual([
      {
        time: '2026-01-05T09:00:00.000Z',
        actor: { platform: 'slack', userId: 'U999' },
        platform: 'slack',
        action: 'deploy',
        target: 'production',
        outcome: 'refused',
        summary: 'Refused: needs the deploy permission in production.',
      },
    ]);
  });

  it('puts the id a command acts on into the audit line', async () => {
    await run('note inc7 the pager went off', stranger);
    const [event] = await ops.store.queryAudit({});
    expect(event).toMatchObject({ action: 'note', target: 'INC-7', outcome: 'refused' });
  });

  it('lets a grant that names the environment through, and a general grant not into a protected one', async () => {
    // alice holds deployer and deployer@production; bob holds approver@production and admin.
    expect((await run('deploy web 3 production')).message.text).toBe('alice deploys web 3 to production');
    expect((await run('deploy web 3 staging', stranger)).message.text).toBe('You need the deploy permission in staging to use the deploy command; you have: view.');
  });
});

describe('Router.handleAction', () => {
  it('checks an async permission with the value, then runs the action', async () => {
    const press = (actor = bob) => router.handleAction({ actor, place, action: 'deploy.approve', value: 'DEP-4|production' });
    expect((await press()).message.text).toBe('bob approved DEP-4');
    const refused = await press(alice);
    expect(refused.message.text).toMatch(/^You need the approve permission in production to use the deploy.approve button; you have: /);
    const [event] = await ops.store.queryAudit({});
    expect(event).toMatchObject({ action: 'deploy.approve', outcome: 'refused', actor: { person: 'alice' } });
  });

  it('says so when a button names no known action', async () => {
    const answer = await router.handleAction({ actor: bob, place, action: 'gone.away', value: 'x' });
    expect(answer.message.text).toBe('That button no longer does anything; run the command again.');
  });
});

describe('Router.handleThreadReply', () => {
  it('hands a reply to the handler with the longest matching prefix', async () => {
    router.onThreadReply('incident:', async ({ args }) => ({ message: { text: `incident ${args.text}` }, visibility: 'public' }));
    router.onThreadReply('incident:INC-1:', async ({ args, actor }) => ({ message: { text: `${actor.person}: ${args.text}` }, visibility: 'public' }));
    const input = (thread: string) => ({ actor: alice, place: { channel: 'shell:incidents', thread }, text: 'paged the DBA' });
    expect((await router.handleThreadReply(input('incident:INC-1:main')))?.message.text).toBe('alice: paged the DBA');
    expect((await router.handleThreadReply(input('incident:INC-2')))?.message.text).toBe('incident paged the DBA');
    expect(await router.handleThreadReply(input('deployment:DEP-1'))).toBeUndefined();
  });

  it('refuses a second handler for the same prefix', () => {
    router.onThreadReply('x:', async () => undefined);
    expect(() => router.onThreadReply('x:', async () => undefined)).toThrow('Thread prefix "x:" is registered twice.');
  });
});
