import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubGateEngine } from '../../adapters/github/gate-engine.js';
import type { AuditEvent } from '../../data/store.js';
import { ALERT_TOKEN, BOB, CAROL, fixture, deploymentStatus, FakeGitHub, mswServer, protectionRule, RUN_ID, startGitHubWorld, until, workflowRun, type GitHubWorld } from './support.js';

let world: GitHubWorld;
let github: FakeGitHub;
const worlds: GitHubWorld[] = [];

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mswServer.close());
beforeEach(async () => {
  github = new FakeGitHub();
  github.install();
  world = await startGitHubWorld();
  worlds.push(world);
});
afterEach(async () => {
  for (const w of worlds.splice(0).reverse()) await w.close();
  mswServer.resetHandlers();
});

const now = () => world.clock.now();

async function audit(w = world): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  await w.app.ops.store.exportAudit((line) => void out.push(JSON.parse(line) as AuditEvent));
  return out;
}

async function deployments(w = world) {
  return w.app.ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }));
}

async function state(id: string, w = world) {
  return (await w.deployment(id))?.state;
}

/** Waits for the n-th callback GitHub received. */
async function callback(n = 1) {
  await until(() => github.callbacks.length >= n);
  return github.callbacks[n - 1]!;
}

describe('POST /webhooks/github: who may call it', () => {
  it.each([
    ['a signature made with another secret', { secret: 'not-the-secret' }, 'X-Hub-Signature-256 does not match'],
    ['a malformed signature', { signature: 'sha256=zz' }, 'X-Hub-Signature-256 does not match'],
    ['no signature', { signature: '' }, 'X-Hub-Signature-256 header is missing'],
  ])('refuses %s with 401 and records nothing', async (_name, options, message) => {
    const answer = await world.deliver('deployment_protection_rule', protectionRule(now()), options);
    expect(answer.status).toBe(401);
    expect(String(answer.body.message)).toContain(message);
    expect(await deployments()).toEqual([]);
    expect(github.callbacks).toEqual([]);
  });

  it('refuses a replayed delivery: the same X-GitHub-Delivery is acted on once', async () => {
    const payload = protectionRule(now());
    const first = await world.deliver('deployment_protection_rule', payload, { delivery: 'd-1' });
    const again = await world.deliver('deployment_protection_rule', payload, { delivery: 'd-1' });
    expect(first).toMatchObject({ status: 202, body: { deployment: 'DEP-1', state: 'awaiting_approval' } });
    expect(again).toMatchObject({ status: 409, body: { error: 'replayed' } });
    expect(await deployments()).toHaveLength(1);
    expect((await audit()).find((e) => e.action === 'github.deployment_protection_rule')).toMatchObject({ outcome: 'refused', target: 'd-1', platform: 'github' });
  });

  it('refuses a stale delivery (an event older than github.maxDeliveryAge)', async () => {
    const answer = await world.deliver('deployment_protection_rule', protectionRule(new Date(now().getTime() - 2 * 86_400_000)));
    expect(answer).toMatchObject({ status: 400, body: { error: 'stale' } });
    expect(await deployments()).toEqual([]);
  });

  it('answers a body it cannot read with 400 and the reason', async () => {
    const answer = await world.deliver('deployment_protection_rule', { action: 'requested' });
    expect(answer.status).toBe(400);
    expect(String(answer.body.message)).toContain('environment');
  });
});

describe('the gate: refusals are answered at once', () => {
  it('rejects an unknown repository with how to map it, and audits it', async () => {
    expect((await world.deliver('deployment_protection_rule', protectionRule(now(), { repository: 'Codertocat/unknown' }))).status).toBe(202);
    const { body, auth } = await callback();
    expect(auth).toBe('token ghs_FAKEinstallationtoken');
    expect(body).toMatchObject({ environment_name: 'production', state: 'rejected' });
    expect(String(body.comment)).toContain('github.repositories["Codertocat/unknown"]');
    expect((await audit()).find((e) => e.action === 'github.gate.unmapped')).toMatchObject({ outcome: 'refused', target: 'Codertocat/unknown:production' });
    expect(await deployments()).toEqual([]);
  });

  it('rejects a GitHub environment with no dayops environment, naming the ones there are', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now(), { environment: 'qa' }));
    expect(String((await callback()).body.comment)).toContain('environments.qa = <one of staging, production>');
  });

  it('rejects a GitHub user dayops does not know: they have no deploy permission', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now(), { sender: 'mallory' }));
    const { body } = await callback();
    expect(body.state).toBe('rejected');
    expect(String(body.comment)).toContain('add github: [mallory]');
    expect((await audit()).find((e) => e.action === 'deployment.request')).toMatchObject({ outcome: 'refused', platform: 'github', actor: { userId: 'mallory' } });
  });

  it.each([
    ['the line is halted', 'halt production --reason bad release', 'The line is halted in production'],
    ['the environment is locked', 'lock production --reason migration', 'production is locked by Bob'],
    ['the environment is frozen', 'freeze production --until "2030-01-01 00:00" --reason sale', 'production is frozen until'],
  ])('rejects with the reason when %s', async (_name, command, reason) => {
    expect(await world.say(BOB, command)).not.toMatch(/^(You|There|Unknown)/);
    const answer = await world.deliver('deployment_protection_rule', protectionRule(now()));
    expect(answer, JSON.stringify(answer)).toMatchObject({ status: 202, body: { state: 'rejected' } });
    const { body } = await callback();
    expect(body.state).toBe('rejected');
    expect(String(body.comment)).toContain(reason);
    expect(await deployments()).toEqual([]);
  });

  it('rejects while a critical alert fires for the service there', async () => {
    const alert = JSON.stringify(fixture('alertmanager/firing-group')).replaceAll('"checkout"', '"api"').replaceAll('"prod"', '"production"');
    const posted = await fetch(`${world.url}/webhooks/alertmanager`, { method: 'POST', headers: { authorization: `Bearer ${ALERT_TOKEN}`, 'content-type': 'application/json' }, body: alert });
    expect(posted.status).toBeLessThan(300);
    await world.deliver('deployment_protection_rule', protectionRule(now()));
    expect(String((await callback()).body.comment)).toContain('A critical alert fires for api in production');
  });

  it('rejects while another deployment of the service is in flight there', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now()));
    await world.deliver('deployment_protection_rule', protectionRule(now(), { deploymentId: 145988747 }));
    expect(String((await callback()).body.comment)).toContain('api is already being deployed to production by DEP-1');
  });

  it('rejects while production needs on-call coverage that has a gap', async () => {
    const w = await startGitHubWorld({ config: (c) => void Object.assign(c, { oncall: { coverageRequired: ['production'] } }) });
    worlds.push(w);
    await w.deliver('deployment_protection_rule', protectionRule(now()));
    expect(String((await callback()).body.comment)).toContain('production needs on-call coverage');
  });

  it('rejects while a required Day-0 decision is missing (readiness)', async () => {
    const w = await startGitHubWorld({ config: (c) => void (c.environments.production.requiredCategories = ['database'] as never[]) });
    worlds.push(w);
    await w.deliver('deployment_protection_rule', protectionRule(now()));
    expect(String((await callback()).body.comment)).toContain('needs an accepted decision for database');
  });
});

describe('the gate: the usual approvals, then GitHub is told', () => {
  it('posts the approval with buttons, takes two approvals from Slack and Discord, approves at GitHub and follows the job to success', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now()));
    const d = await world.deployment('DEP-1');
    expect(d).toMatchObject({ service: 'api', env: 'production', state: 'awaiting_approval', requester: { person: 'alice', platform: 'github', userId: 'Codertocat' } });
    expect(d?.reason).toContain(`https://github.com/Codertocat/Hello-World/actions/runs/${RUN_ID}`);
    await until(() => world.discord.posts.some((p) => p.key === 'deployment-approval:DEP-1'));
    const approval = world.discord.posts.find((p) => p.key === 'deployment-approval:DEP-1')!;
    expect(approval.message.buttons?.map((b) => b.label)).toEqual(['Approve', 'Deny']);

    expect(await world.press(BOB, 'deploy.approve', 'DEP-1')).toContain('1 of 2');
    expect(await state('DEP-1')).toBe('awaiting_approval');
    expect(github.callbacks).toEqual([]);
    expect(await world.press(CAROL, 'deploy.approve', 'DEP-1')).toContain('2 of 2');

    const { body } = await callback();
    expect(body).toEqual({ environment_name: 'production', state: 'approved', comment: expect.stringContaining('approved by bob, carol (2 of 2)') });
    expect(String(body.comment)).toContain('https://dayops.example.com/api/deployments/DEP-1');
    await until(async () => (await state('DEP-1')) === 'running');

    expect((await world.deliver('deployment_status', deploymentStatus(now(), 'success'))).body).toMatchObject({ deployments: ['DEP-1'] });
    await until(async () => (await state('DEP-1')) === 'succeeded');
    expect((await world.deployment('DEP-1'))?.result).toContain('GitHub reports the deployment succeeded');
    expect((await world.deployment('DEP-1'))?.runUrl).toContain(`https://github.com/Codertocat/Hello-World/actions/runs/${RUN_ID}`);
    // It is deploy history like any other: listed, and in an incident's "what changed".
    expect(await world.say(BOB, 'deploys api production')).toContain('DEP-1');
    await world.say(BOB, 'incident declare Checkout returns 502 --sev 2 --service api');
    await until(() => world.slack.posts.some((p) => p.channelId === 'C0INC' && JSON.stringify(p.message).includes('DEP-1')));
    expect((await audit()).some((e) => e.action === 'github.callback' && e.target === 'DEP-1')).toBe(true);
  });

  it('answers "approved" at once where the environment needs no approval, and a failed job fails the deployment', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now(), { environment: 'github-pages' }));
    const { body } = await callback();
    expect(body).toMatchObject({ environment_name: 'github-pages', state: 'approved', comment: expect.stringContaining('no approval needed in staging') });
    await until(async () => (await state('DEP-1')) === 'running');
    await world.deliver('workflow_run', workflowRun(now(), 'failure'));
    await until(async () => (await state('DEP-1')) === 'failed');
  });

  it('ends a deployment this process does not follow (another replica does) when its final event arrives here', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now(), { environment: 'github-pages' }));
    await until(async () => (await state('DEP-1')) === 'running');
    (world.app.ops.engines.get('github-gate') as GitHubGateEngine).close();
    expect((await world.deliver('workflow_run', workflowRun(now(), 'success'))).body).toMatchObject({ deployments: ['DEP-1'] });
    expect(await state('DEP-1')).toBe('succeeded');
  });

  it('asks again when the job is re-run (a new GitHub deployment in the same run), and answers again', async () => {
    await world.say(BOB, 'halt production --reason incident');
    await world.deliver('deployment_protection_rule', protectionRule(now()));
    expect((await callback(1)).body.state).toBe('rejected');
    await world.say(BOB, 'resume production');
    expect((await world.deliver('deployment_protection_rule', protectionRule(now(), { deploymentId: 145988747 }))).body).toMatchObject({ deployment: 'DEP-1' });
    await world.press(BOB, 'deploy.deny', 'DEP-1');
    expect((await callback(2)).body).toMatchObject({ state: 'rejected', comment: expect.stringContaining('denied by bob') });
  });

  it('keeps the requester, mapped through their GitHub login, from approving their own deployment', async () => {
    const w = await startGitHubWorld({ config: (c) => void c.people[0]!.roles.push('approver@production') });
    worlds.push(w);
    await w.deliver('deployment_protection_rule', protectionRule(now()));
    const alice = { platform: 'slack' as const, userId: 'U0ALICE', displayName: 'Alice' };
    expect(await w.press(alice, 'deploy.approve', 'DEP-1')).toContain('someone else must approve');
    expect(await state('DEP-1', w)).toBe('awaiting_approval');
  });

  it('answers "rejected" when an approver denies it', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now()));
    await world.press(BOB, 'deploy.deny', 'DEP-1');
    const { body } = await callback();
    expect(body).toMatchObject({ state: 'rejected', comment: expect.stringContaining('denied by bob') });
  });

  it('answers "rejected" when nobody approves in time', async () => {
    const w = await startGitHubWorld({ config: (c) => void Object.assign(c.environments.production, { approvalExpiry: '1s' }) });
    worlds.push(w);
    await w.deliver('deployment_protection_rule', protectionRule(now()));
    const { body } = await callback();
    expect(body).toMatchObject({ state: 'rejected', comment: expect.stringContaining('expired: nobody approved it in time') });
    expect(await state('DEP-1', w)).toBe('expired');
  });

  it('answers "rejected" when the line is halted while it waits', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now()));
    await world.say(BOB, 'halt production --reason incident');
    const { body } = await callback();
    expect(body).toMatchObject({ state: 'rejected', comment: expect.stringContaining('halted: the line in production was halted by bob: incident') });
  });

  it('halting a running gated deployment from chat cancels the workflow run', async () => {
    await world.deliver('deployment_protection_rule', protectionRule(now(), { environment: 'github-pages' }));
    await callback();
    await until(async () => (await state('DEP-1')) === 'running');
    expect(await world.say(BOB, 'halt DEP-1 --reason wrong branch')).toContain('halted');
    await until(() => github.cancels.length === 1);
    expect(github.cancels[0]).toBe('token ghs_FAKEinstallationtoken');
    expect(await state('DEP-1')).toBe('halted');
    await world.app.ops.deployRunner.whenIdle();
  });
});

describe('the callback: never lost, and a refusal is recorded', () => {
  it('is retried while GitHub fails, across a restart, until GitHub takes it', async () => {
    github.callbackStatus = 502;
    await world.deliver('deployment_protection_rule', protectionRule(now(), { environment: 'github-pages' }));
    await callback(1);
    const dataDir = world.dataDir;
    const next = await world.restart();
    worlds.push(next);
    expect(next.dataDir).toBe(dataDir);
    github.callbackStatus = 204;
    const before = github.callbacks.length;
    await until(async () => (await audit(next)).some((e) => e.action === 'github.callback'), 20_000);
    expect(github.callbacks.length).toBeGreaterThan(before);
    expect(github.callbacks.at(-1)?.body).toMatchObject({ state: 'approved', environment_name: 'github-pages' });
    await next.deliver('deployment_status', deploymentStatus(next.clock.now(), 'success'));
    await until(async () => (await state('DEP-1', next)) === 'succeeded');
  });

  it('gives up once GitHub itself has stopped waiting (30 days), and records it', async () => {
    github.callbackStatus = 502;
    await world.deliver('deployment_protection_rule', protectionRule(now(), { environment: 'github-pages' }));
    await callback(1);
    world.clock.offsetMs = 31 * 86_400_000;
    await until(async () => (await audit()).some((e) => e.action === 'github.callback.late'), 20_000);
    expect(await world.app.ops.outbox.whenIdle(5000)).toBe(true);
  });

  it('records a callback GitHub refuses (already decided) and does not retry it', async () => {
    github.callbackStatus = 422;
    await world.deliver('deployment_protection_rule', protectionRule(now()));
    await world.press(BOB, 'deploy.deny', 'DEP-1');
    await until(async () => (await audit()).some((e) => e.action === 'github.callback.refused'));
    const refused = (await audit()).find((e) => e.action === 'github.callback.refused');
    expect(refused).toMatchObject({ target: 'DEP-1', outcome: 'refused', summary: expect.stringContaining('No pending deployment requests') });
    expect(await world.app.ops.outbox.whenIdle(5000)).toBe(true);
    expect(github.callbacks).toHaveLength(1);
  });
});

describe('GitHub Deployments for the deploys dayops runs', () => {
  const ALICE = { platform: 'slack' as const, userId: 'U0ALICE', displayName: 'Alice' };

  it('creates the deployment in the repository github.repositories maps to the service, and its statuses to success', async () => {
    expect(await world.say(ALICE, 'deploy api 1.4.2 to staging')).toContain('DEP-1');
    await until(async () => (await state('DEP-1')) === 'succeeded');
    await until(() => github.statuses.some((s) => s.body.state === 'success'));
    expect(github.created).toEqual([expect.objectContaining({ ref: '1.4.2', environment: 'github-pages', auto_merge: false, required_contexts: [], payload: { dayops: 'DEP-1' } })]);
    expect(github.statuses.every((s) => s.id === '9001')).toBe(true);
    expect(github.statuses.at(-1)?.body).toMatchObject({ state: 'success', environment: 'github-pages', log_url: 'https://dayops.example.com/api/deployments/DEP-1' });
  });

  it('says in the thread when GitHub refuses the deployment (a ref it does not have), and the deploy goes on', async () => {
    github.createStatus = 422;
    await world.say(ALICE, 'deploy api 9.9.9 to staging');
    await until(async () => (await state('DEP-1')) === 'succeeded');
    await until(() => world.slack.posts.some((p) => String(p.message.text).includes('GitHub refused to create the GitHub deployment (422): No ref found for: 9.9.9')));
    expect(github.statuses).toEqual([]);
  });
});
