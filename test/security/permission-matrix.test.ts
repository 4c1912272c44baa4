import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../bot/config/schema.js';
import { installDeployments } from '../../bot/deployments/install.js';
import type { Actor, Reply } from '../../bot/model.js';
import { parseGrant, type Grant } from '../../bot/permissions.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';
import { APPROVER_GROUP, configFileInstallation, demoInstallation, ROLE_PEOPLE } from './installations.js';

/**
 * What each role carries, written out from the README rather than read from the code, so a
 * change to a role or to a command's permission has to change this table too.
 */
const SPEC_ROLES: Record<string, string[]> = {
  viewer: ['view'],
  author: ['view', 'decide', 'incident', 'reminders', 'oncall'],
  deployer: ['view', 'deploy', 'halt', 'lock', 'alerts.ack', 'incident', 'oncall'],
  approver: ['view', 'approve', 'halt', 'alerts.ack', 'alerts.silence', 'incident', 'oncall'],
  'incident-commander': ['view', 'incident', 'alerts.ack', 'alerts.silence', 'halt', 'reminders', 'oncall'],
  admin: ['admin'],
};
const PROTECTED = new Set(['production']);

/** `approve@production`: the permission a line or button needs, in the environment it touches. */
type Need = `${string}` | `${string}@${string}`;

/** Every command with the permission what it does needs, given the seeded records below. */
const COMMAND_LINES: [string, Need][] = [
  ['help', 'view'],
  ['whoami', 'view'],
  ['audit', 'audit'],
  ['digest', 'view'],
  ['digest --period week --channel #ops', 'view'],
  ['decide Nightly backups --category database --service api', 'decide'],
  ['decisions', 'view'],
  ['decision show D-1', 'view'],
  ['decision accept D-1', 'decide'],
  ['decision reject D-1', 'decide'],
  ['decision supersede D-1 D-2', 'decide'],
  ['decisions-export', 'decide'],
  ["decision check D-2 'up' --below 1", 'decide'],
  ['readiness api production', 'view'],
  ['deploy api 1.0.0 to staging', 'deploy@staging'],
  ['deploy api 1.0.0 to production', 'deploy@production'],
  ['approve DEP-1', 'approve@staging'],
  ['approve DEP-2', 'approve@production'],
  ['deny DEP-1 --reason no', 'approve@staging'],
  ['deny DEP-2 --reason no', 'approve@production'],
  ['halt DEP-1', 'halt@staging'],
  ['halt DEP-2', 'halt@production'],
  ['halt staging --reason smoke', 'halt@staging'],
  ['halt production --reason smoke', 'halt@production'],
  ['resume production', 'halt@production'],
  ['rollback api production', 'deploy@production'],
  ['deploys', 'view'],
  ['deploy-status DEP-1', 'view'],
  ['status', 'view'],
  ['lock staging', 'lock@staging'],
  ['lock production', 'lock@production'],
  ['unlock production', 'lock@production'],
  ['freeze production --until 2030-01-01T00:00:00Z --reason holidays', 'freeze@production'],
  ['unfreeze FRZ-1', 'freeze@production'],
  ['freezes', 'view'],
  ['ack ALG-1', 'alerts.ack'],
  ['alerts', 'view'],
  ['silence service=api --for 1h --reason noisy', 'alerts.silence'],
  ['silences', 'view'],
  ['unsilence SIL-1', 'alerts.silence'],
  ['maintenance api --for 1h --reason upgrade', 'alerts.silence'],
  ['remind #ops Check the backups --every 1d', 'reminders'],
  ['reminders', 'view'],
  ['reminder cancel REM-1', 'reminders'],
  ['reminder pause REM-1', 'reminders'],
  ['reminder resume REM-1', 'reminders'],
  ['runbooks', 'view'],
  ['run restore-test', 'runbook.run@staging'],
  ['run restore-test production', 'runbook.run@production'],
  ['incident declare Checkout returns 502 --sev 1 --service api', 'incident'],
  ['incident role INC-1 commander @seeder', 'incident'],
  ['incident update INC-1 Rolled back', 'incident'],
  ['incident note INC-1 Looking at the logs', 'incident'],
  ['incident sev INC-1 2', 'incident'],
  ['incident resolve INC-1 --summary fixed', 'incident'],
  ['incident postmortem INC-1', 'view'],
  ['incidents', 'view'],
  ['incident action INC-1 Add an alert --owner @alice --due 2030-01-01', 'incident'],
  ['action done ACT-1', 'incident'],
  ['actions --mine', 'view'],
  ['oncall', 'view'],
  ['oncall next @alice', 'view'],
  ['oncall override @alice --until "2030-01-01 09:00" --reason cover', 'oncall'],
  ['oncall schedule api --weeks 2', 'view'],
  ['oncall feeds', 'view'],
  ['oncall swap @bob', 'oncall'],
  ['oncall schedules', 'view'],
  ['oncall schedule create nights --layer "primary: @alice weekly" --service api', 'oncall.schedules'],
  ['oncall schedule delete nights', 'oncall.schedules'],
  ['decision check D-2 up --below 1 --window 1h --name api up', 'decide'],
  ['drift', 'view'],
  // No drift finding is seeded: the finding has no environment, so accepting it needs deploy anywhere.
  ['drift accept ALG-1 --reason patched by hand', 'deploy'],
  ['budget', 'view'],
  ['budget set D-1 --limit 5000 sum(cost)', 'decide'],
  ['board', 'view'],
];

/** Every button with the value it carries and what pressing it needs. */
const BUTTONS: [string, string, Need][] = [
  ['decision.accept', 'D-1', 'decide'],
  ['decision.reject', 'D-1', 'decide'],
  ['decision.propose-change', 'INC-1 D-1', 'decide'],
  ['deploy.approve', 'DEP-1', 'approve@staging'],
  ['deploy.approve', 'DEP-2', 'approve@production'],
  ['deploy.deny', 'DEP-2', 'approve@production'],
  ['deploy.halt', 'DEP-2', 'halt@production'],
  ['deploy.rollback', 'DEP-2', 'deploy@production'],
  ['alerts.ack', 'ALG-1', 'alerts.ack'],
  ['alerts.silence', 'ALG-1', 'alerts.silence'],
  ['alerts.resolve', 'ALG-1', 'alerts.ack'],
  ['alerts.show', 'ALG-1', 'view'],
  ['incident.declare-from-alert', 'ALG-1', 'incident'],
  // The incident's own buttons need what the halt and rollback commands need, where the deployment is.
  ['incident.halt', 'INC-1 DEP-2', 'halt@production'],
  ['incident.rollback', 'INC-1 DEP-2', 'deploy@production'],
  ['reminder.done', 'REM-1:1', 'reminders'],
  ['reminder.failed', 'REM-1:1', 'reminders'],
  ['incident.add-action', 'INC-1', 'incident'],
  ['reminder.snooze', 'REM-1:1 1h', 'reminders'],
  // The runbook's first environment, where a reminder's Run button sends it.
  ['reminder.run', 'REM-1:1', 'runbook.run@staging'],
  ['duty.create', 'D-1', 'reminders'],
  ['runbook.approve', 'RUN-1', 'approve@production'],
  ['runbook.deny', 'RUN-1', 'approve@production'],
  ['oncall.escalate-now', 'ALG-1', 'alerts.ack'],
  ['oncall.swap-accept', 'SWP-1', 'oncall'],
  ['oncall.swap-decline', 'SWP-1', 'oncall'],
  ['drift.sync', 'ALG-1', 'deploy'],
  ['drift.accept', 'ALG-1', 'deploy'],
  ['drift.apply', 'ALG-1', 'runbook.run'],
];

/** Records the lines and buttons above name: DEP-1 waits in staging, DEP-2 and RUN-1 in production. */
const SEED = [
  'decide Seed decision --category database --service api',
  'decide Second decision --category monitoring --service api',
  'deploy api 0.9.0 to staging',
  'deploy api 0.9.1 to production',
  'freeze production --until 2030-01-01T00:00:00Z --reason seeded',
  'remind #ops Restore test --every 1d --runbook restore-test',
  'run restore-test production',
  'incident declare Seeded incident --sev 2 --service api',
];

function allows(grants: Grant[], need: Need): boolean {
  const [permission, env] = need.split('@') as [string, string | undefined];
  return grants.some((g) => {
    const perms = SPEC_ROLES[g.role] ?? [];
    if (!perms.includes('admin') && !perms.includes(permission)) return false;
    if (g.env) return g.env === env;
    // An administrator granted everywhere reaches protected environments too.
    return env === undefined || !PROTECTED.has(env) || perms.includes('admin');
  });
}

function routerRefusal(need: Need): { reply: RegExp; audit: string } {
  const [permission, env] = need.split('@');
  const where = env ? ` in ${env}` : '';
  const escaped = `${permission} permission${where}`.replace(/\./g, '\\.');
  return { reply: new RegExp(`^You need the ${escaped} to (run|use) `), audit: `Refused: needs the ${permission} permission${where}.` };
}

interface Subject {
  label: string;
  actor: Actor;
  grants: Grant[];
}

interface Installation {
  ops: TestOps;
  router: Router;
}

async function install(config: Config): Promise<Installation> {
  const ops = await createTestOps({ config });
  installDeployments({ ops });
  const router = new Router(ops, new CommandRegistry(COMMANDS, ACTIONS));
  const seeder: Actor = { platform: 'shell', userId: 'seeder', displayName: 'Seeder' };
  for (const line of SEED) {
    const answer = await router.handleCommand({ actor: seeder, place: { channel: 'shell:ops' }, text: line });
    if (answer.failed) throw new Error(`seeding "${line}" failed: ${answer.message.text}`);
  }
  return { ops, router };
}

const EVERYTHING = { limit: 1_000_000 };
const opened: TestOps[] = [];
afterAll(async () => {
  for (const ops of opened) {
    await ops.deployRunner.whenIdle();
    await ops.close();
  }
});

/** Runs every line and button as the subject, each against freshly seeded records, and reports mismatches. */
async function check(config: Config, subject: Subject): Promise<string[]> {
  const problems: string[] = [];
  const steps: [string, Need, (r: Router) => Promise<Reply>][] = [
    ...COMMAND_LINES.map(([line, need]): [string, Need, (r: Router) => Promise<Reply>] => [
      line,
      need,
      (r) => r.handleCommand({ actor: subject.actor, place: { channel: 'shell:ops' }, text: line }),
    ]),
    // Rows for buttons a feature has not registered yet wait; the first test keeps the table complete.
    ...BUTTONS.filter(([action]) => ACTIONS.some((a) => a.name === action)).map(([action, value, need]): [string, Need, (r: Router) => Promise<Reply>] => [
      `[${action} ${value}]`,
      need,
      (r) => r.handleAction({ actor: subject.actor, place: { channel: 'shell:ops' }, action, value }),
    ]),
  ];
  const { ops, router } = await install(config);
  opened.push(ops);
  for (const [what, need, run] of steps) {
    const before = (await ops.store.queryAudit(EVERYTHING)).length;
    const answer = await run(router);
    const text = answer.message.text ?? '';
    const after = await ops.store.queryAudit(EVERYTHING);
    const refusals = after.slice(0, after.length - before).filter((e) => e.outcome === 'refused');
    const expected = routerRefusal(need);
    const refusedByRouter = expected.reply.test(text);
    if (allows(subject.grants, need)) {
      if (/^You need the /.test(text)) problems.push(`${subject.label}: "${what}" was refused: ${text}`);
    } else if (!refusedByRouter) {
      problems.push(`${subject.label}: "${what}" should be refused for lack of ${need}, got: ${text}`);
    } else if (!refusals.some((e) => e.summary === expected.audit && e.actor.userId === subject.actor.userId)) {
      problems.push(`${subject.label}: "${what}" was refused without the audit line "${expected.audit}"`);
    }
  }
  return problems;
}

function shellSubject(name: string, roles: string[]): Subject {
  return { label: name, actor: { platform: 'shell', userId: name, displayName: name }, grants: roles.map(parseGrant) };
}

describe('the permission matrix', () => {
  it('lists every registered command and button', () => {
    const covered = new Set(COMMAND_LINES.map(([line]) => COMMANDS.filter((c) => line === c.name || line.startsWith(`${c.name} `)).sort((a, b) => b.name.length - a.name.length)[0]?.name));
    expect(COMMANDS.map((c) => c.name).filter((name) => !covered.has(name))).toEqual([]);
    expect(ACTIONS.map((a) => a.name).filter((name) => !BUTTONS.some(([action]) => action === name))).toEqual([]);
  });

  describe('a config-file installation', () => {
    const subjects: Subject[] = [
      ...Object.entries(ROLE_PEOPLE)
        .filter(([name]) => name !== 'seeder')
        .map(([name, roles]) => shellSubject(name, roles)),
      // Unknown people are viewers.
      { label: 'an unknown Slack user', actor: { platform: 'slack', userId: 'U0NOBODY', displayName: 'nobody' }, grants: [{ role: 'viewer' }] },
      {
        label: 'an unknown Slack user in the approver group',
        actor: { platform: 'slack', userId: 'U0GROUPED', displayName: 'grouped', groups: [APPROVER_GROUP] },
        grants: [{ role: 'approver', env: 'production' }],
      },
    ];
    for (const subject of subjects) {
      it(`${subject.label}: each line and button allowed or refused as the config says`, async () => {
        expect(await check(await configFileInstallation(), subject)).toEqual([]);
      });
    }
  });

  describe('the built-in demo team', () => {
    const subjects: Subject[] = [
      shellSubject('alice', ['author', 'deployer', 'deployer@production']),
      shellSubject('bob', ['approver', 'approver@production', 'admin']),
      { label: 'carol (unknown)', actor: { platform: 'shell', userId: 'carol', displayName: 'Carol' }, grants: [{ role: 'viewer' }] },
    ];
    for (const subject of subjects) {
      it(`${subject.label}: each line and button allowed or refused as the demo defines`, async () => {
        expect(await check(await demoInstallation(), subject)).toEqual([]);
      });
    }
  });
});
