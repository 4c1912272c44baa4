import { describe, expect, it } from 'vitest';
import { until } from '../deployments/support.js';
import { FakeSender } from '../support/fake-sender.js';
import { ALICE, BOB, DEPLOYS, INCIDENTS, mattermostConfig, OPS, startWorld, type World } from './support.js';

const deployment = (w: World, id: string) => w.app.ops.store.read((tx) => tx.get('deployment', id));
const incident = (w: World, id: string) => w.app.ops.store.read((tx) => tx.get('incident', id));

/** The post dayops made for the message with this outbox key. */
async function postOf(w: World, key: string): Promise<string> {
  await until(async () => Boolean((await w.app.ops.store.read((tx) => tx.get('post', key)))?.ref));
  return (await w.app.ops.store.read((tx) => tx.get('post', key)))!.ref;
}

describe('/ops on Mattermost', () => {
  it('answers the slash command in its HTTP response, for the asker alone when the reply is private', async () => {
    const w = await startWorld();
    const res = await w.slash('whoami');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; text: string; props: { attachments: { fields?: { value: string }[] }[] } };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.props.attachments)).toContain(`mattermost ${ALICE}`);
    expect(JSON.stringify(body.props.attachments)).toContain('alice');
  });

  it('refuses a request without the command token, and does nothing', async () => {
    const w = await startWorld();
    const res = await w.slash('decide Forged decision', { token: 'not-the-token' });
    expect(res.status).toBe(401);
    await w.app.settle();
    expect(await w.app.ops.store.inspect((tx) => tx.scan('decision'))).toEqual([]);
  });

  it('answers "Working on it…" at once and the reply through response_url when the command takes longer', async () => {
    const w = await startWorld((mm) => mattermostConfig(mm, (c) => (c.mattermost = { threadReplies: true, answerWithinMs: 0 })));
    const res = await w.slash('decide Use PostgreSQL for billing', { triggerId: 'slow1' });
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: 'Working on it…' });
    await w.mm.until(() => w.mm.responses.length > 0);
    expect(JSON.stringify(w.mm.responses[0])).toContain('D-1');
  });
});

describe('Mattermost buttons', () => {
  it('a press with the context dayops signed approves; a forged or unsigned press is refused and changes nothing', async () => {
    const w = await startWorld((mm) => mattermostConfig(mm, (c) => (c.environments.production!.approvalChannel = `mattermost:${DEPLOYS}`)));
    const asked = await (await w.slash('deploy api 1.4.2 to production')).json();
    expect(JSON.stringify(asked)).toContain('DEP-1');
    const approval = await postOf(w, 'deployment-approval:DEP-1');
    expect(w.mm.posts.get(approval)?.channel_id).toBe(DEPLOYS);
    const button = w.mm.posts.get(approval)!.props.attachments![0]!.actions!.find((a) => a.name === 'Approve')!;
    expect(button.integration.url).toMatch(/\/mattermost\/actions$/);

    // Forged: another deployment's id under the same signature, and a context with no signature at all.
    const forged = await w.press(approval, 'Approve', BOB, { ...button.integration.context, value: 'DEP-2' });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { ephemeral_text: string }).ephemeral_text).toMatch(/did not make this button/);
    expect((await w.press(approval, 'Approve', BOB, { action: 'deploy.approve', value: 'DEP-1', key: 'deployment-approval:DEP-1' })).status).toBe(403);
    expect((await deployment(w, 'DEP-1'))?.state).toBe('awaiting_approval');

    expect((await w.press(approval, 'Approve', BOB)).status).toBe(200);
    await until(async () => (await deployment(w, 'DEP-1'))?.state !== 'awaiting_approval');
    expect((await deployment(w, 'DEP-1'))?.approvals).toEqual([expect.objectContaining({ person: 'bob', platform: 'mattermost' })]);
  });

  it('edits the approval in place once approved, and refuses a context copied onto another post', async () => {
    const w = await startWorld((mm) => mattermostConfig(mm, (c) => (c.environments.production!.approvalChannel = `mattermost:${DEPLOYS}`)));
    await w.slash('deploy api 1.4.2 to production');
    const approval = await postOf(w, 'deployment-approval:DEP-1');
    const context = w.mm.posts.get(approval)!.props.attachments![0]!.actions!.find((a) => a.name === 'Approve')!.integration.context;
    const copy = w.mm.postAsUser(BOB, 'bob', DEPLOYS, '', 'a post of someone else');
    copy.props = w.mm.posts.get(approval)!.props;
    expect((await w.press(copy.id, 'Approve', BOB, context)).status).toBe(403);
    expect((await deployment(w, 'DEP-1'))?.state).toBe('awaiting_approval');

    const res = await w.press(approval, 'Approve', BOB);
    expect(res.status).toBe(200);
    await until(async () => (await deployment(w, 'DEP-1'))?.state === 'succeeded');
    await w.app.settle();
    const edited = w.mm.posts.get(approval)!;
    expect(edited.edits).toBeGreaterThan(0);
    expect(w.mm.calls.some((c) => c.method === 'PUT' && c.path === `/api/v4/posts/${approval}/patch`)).toBe(true);
    expect(edited.props.attachments![0]!.actions ?? []).toEqual([]);
  });
});

describe('Mattermost threads', () => {
  it('posts into the message thread with root_id, and records a person’s thread reply on the incident (WebSocket posted event)', async () => {
    const w = await startWorld();
    await w.mm.until(() => w.mm.authentications === 1);
    await w.slash('incident declare Checkout returns 502 --sev 2 --service api');
    const root = await postOf(w, 'incident:INC-1');
    expect(w.mm.posts.get(root)?.channel_id).toBe(INCIDENTS);
    await w.slash('incident update INC-1 Rolled back; errors falling');
    await w.mm.until(() => w.mm.postsIn(INCIDENTS).some((p) => p.root_id === root && p.props.attachments?.[0]?.text?.includes('Rolled back')));

    w.mm.postAsUser(BOB, 'bob', INCIDENTS, root, 'Customers confirm checkout works');
    await until(async () => ((await incident(w, 'INC-1'))?.timeline ?? []).some((e) => e.kind === 'reply'));
    expect((await incident(w, 'INC-1'))?.timeline.at(-1)).toMatchObject({ kind: 'reply', by: 'bob', text: 'Customers confirm checkout works' });
  });

  it('reconnects after the WebSocket drops, and thread replies keep arriving', async () => {
    const w = await startWorld();
    await w.mm.until(() => w.mm.authentications === 1);
    await w.slash('incident declare Queue backlog --sev 3 --service api');
    const root = await postOf(w, 'incident:INC-1');
    w.mm.dropSockets();
    await w.mm.until(() => w.mm.authentications === 2 && w.mm.connected === 1);
    w.mm.postAsUser(ALICE, 'alice', INCIDENTS, root, 'Backlog draining after the restart');
    await until(async () => ((await incident(w, 'INC-1'))?.timeline ?? []).some((e) => e.kind === 'reply' && e.by === 'alice'));
  });
});

describe('Mattermost rate limits', () => {
  it('a 429 with X-Ratelimit-Reset is retried by the outbox once the reset has passed', async () => {
    const w = await startWorld();
    w.mm.rateLimitNext(/^\/api\/v4\/posts$/, 3);
    await w.slash('incident declare Slow pages --sev 3 --service api');
    await w.mm.until(() => w.mm.calls.some((c) => c.status === 429));
    expect(w.mm.postsIn(INCIDENTS)).toEqual([]);
    await w.app.advance(3000);
    await w.mm.until(() => w.mm.postsIn(INCIDENTS).length > 0);
    const posts = w.mm.calls.filter((c) => c.method === 'POST' && c.path === '/api/v4/posts').map((c) => c.status);
    expect(posts.slice(0, 2)).toEqual([429, 201]);
  });
});

describe('a deployment requested on Slack, approved on Mattermost', () => {
  it('refuses the requester under her linked Mattermost id, takes bob’s approval, and reports it back to Slack', async () => {
    const SLACK_CHANNEL = 'C0DEPLOYS01';
    const ALICE_SLACK = 'U0AB12CD34E';
    const w = await startWorld((mm) =>
      mattermostConfig(mm, (c) => {
        c.environments.production!.approvalChannel = `mattermost:${DEPLOYS}`;
        c.people = c.people.map((p) => (p.name === 'alice' ? { ...p, identities: { ...p.identities, slack: [ALICE_SLACK] }, roles: [...p.roles, 'approver@production'] } : p));
      }),
    );
    const slack = new FakeSender('slack');
    w.app.addSender(slack);
    const requested = await w.app.router.handleCommand({ actor: { platform: 'slack', userId: ALICE_SLACK, displayName: 'alice' }, place: { channel: `slack:${SLACK_CHANNEL}` }, text: 'deploy api 1.4.2 to production' });
    expect(requested.failed).toBeUndefined();
    const approval = await postOf(w, 'deployment-approval:DEP-1');
    expect(w.mm.posts.get(approval)?.channel_id).toBe(DEPLOYS);

    const own = await w.press(approval, 'Approve', ALICE);
    expect(((await own.json()) as { ephemeral_text: string }).ephemeral_text).toContain('someone else must approve');
    expect((await deployment(w, 'DEP-1'))?.state).toBe('awaiting_approval');

    expect((await w.press(approval, 'Approve', BOB)).status).toBe(200);
    await until(async () => (await deployment(w, 'DEP-1'))?.state === 'succeeded');
    await w.app.settle();
    expect((await deployment(w, 'DEP-1'))?.approvals).toEqual([expect.objectContaining({ person: 'bob', platform: 'mattermost', userId: BOB })]);
    expect(slack.posts.filter((p) => p.key.startsWith('deployment:DEP-1:note:')).map((p) => p.message.text)[0]).toMatch(/^Approved by bob/);
    expect(OPS).toHaveLength(26);
  });
});
