import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installDeployments } from '../../bot/deployments/install.js';
import type { Actor } from '../../bot/model.js';
import { testConfig, until } from '../deployments/support.js';
import { FakeSender } from '../support/fake-sender.js';
import { BOB, buttonPress, discordConfig, FakeDiscordApi, httpSecrets, keyPair, listenMsw, mswServer, signedPost, startHarness, ALICE, type Harness, type KeyPair } from './support.js';

const APPROVALS = '1310000000000000250';
const SLACK_CHANNEL = 'C0DEPLOYS01';
const ALICE_SLACK = 'U0AB12CD34E';
const EPHEMERAL = 64;

let h: Harness;
let api: FakeDiscordApi;
let slack: FakeSender;
let keys: KeyPair;

beforeAll(() => {
  listenMsw();
  keys = keyPair();
});
afterAll(() => mswServer.close());
beforeEach(async () => {
  api = new FakeDiscordApi();
  api.install();
  slack = new FakeSender('slack');
  // alice may approve in production too, so only "the requester cannot approve" stands in her way.
  const base = testConfig((config) => {
    config.environments.production!.approvalChannel = `discord:${APPROVALS}`;
    config.people = config.people.map((p) => (p.name === 'alice' ? { ...p, identities: { ...p.identities, slack: [ALICE_SLACK] }, roles: [...p.roles, 'approver@production'] } : p));
  });
  h = await startHarness(discordConfig(httpSecrets(keys), base), {}, (ops) => {
    installDeployments({ ops });
    ops.outbox.registerSender(slack);
  });
});
afterEach(async () => {
  await h.ops.deployRunner.whenIdle();
  await h.close();
  mswServer.resetHandlers();
});

async function press(userId: string, messageId: string, id: string) {
  const res = await signedPost(h.interactionsUrl, JSON.stringify(buttonPress('deploy.approve|DEP-1', messageId, userId, id)), keys.privateKey);
  return (await res.json()) as { type: number; data?: { flags?: number } };
}

describe('a deployment requested in Slack, approved in Discord', () => {
  it('shows the approval in the Discord channel, refuses the requester under her linked Discord id, and reports the approval back to Slack', async () => {
    const aliceInSlack: Actor = { platform: 'slack', userId: ALICE_SLACK, displayName: 'alice' };
    const requested = await h.router.handleCommand({ actor: aliceInSlack, place: { channel: `slack:${SLACK_CHANNEL}` }, text: 'deploy api 1.4.2 to production' });
    expect(requested.failed).toBeUndefined();
    await h.settle();

    // The summary stays where it was asked for; the approval request goes to Discord.
    expect(slack.postedKeys(SLACK_CHANNEL)).toEqual(['deployment:DEP-1']);
    const [approval] = api.callsOf('POST', new RegExp(`^/channels/${APPROVALS}/messages$`));
    const rows = approval?.body?.components as { components: { custom_id: string }[] }[];
    expect(rows[0]?.components.map((c) => c.custom_id)).toEqual(['deploy.approve|DEP-1', 'deploy.deny|DEP-1']);
    const approvalRef = (await h.ops.store.read((tx) => tx.get('post', 'deployment-approval:DEP-1')))!.ref;

    // alice in Discord is alice in Slack: she cannot approve her own deployment.
    const own = await press(ALICE, approvalRef, '1310000000000005001');
    expect(own).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(JSON.stringify(own.data)).toContain('someone else must approve');
    expect((await h.ops.store.read((tx) => tx.get('deployment', 'DEP-1')))?.state).toBe('awaiting_approval');

    // bob approves from Discord.
    expect(await press(BOB, approvalRef, '1310000000000005002')).toEqual({ type: 6 });
    await h.settle();
    await until(async () => (await h.ops.store.read((tx) => tx.get('deployment', 'DEP-1')))?.state === 'succeeded');
    await h.ops.deployRunner.whenIdle();
    await h.settle();

    const d = await h.ops.store.read((tx) => tx.get('deployment', 'DEP-1'));
    expect(d?.approvals).toEqual([expect.objectContaining({ person: 'bob', platform: 'discord', userId: BOB })]);
    // The result goes back to Slack: the summary is edited and the thread tells who approved.
    const notes = slack.posts.filter((p) => p.key.startsWith('deployment:DEP-1:note:')).map((p) => p.message.text);
    expect(notes[0]).toMatch(/^Approved by bob/);
    expect(slack.edits.some((e) => e.key === 'deployment:DEP-1')).toBe(true);
    // The Discord approval message loses its buttons.
    const edits = api.callsOf('PATCH', new RegExp(`^/channels/${APPROVALS}/messages/${approvalRef}$`));
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.at(-1)?.body?.components).toEqual([]);
    // Only bob's press reached the deployment; alice's refusal is on the audit log.
    const audit: Record<string, unknown>[] = [];
    await h.ops.store.exportAudit((line) => void audit.push(JSON.parse(line) as Record<string, unknown>));
    expect(audit.filter((e) => e.action === 'deployment.approve').map((e) => (e.actor as { person?: string }).person)).toEqual(['bob']);
  });
});
