import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { advance, latest, startWorld, tempDir, textOf, type World } from '../reminders/support.js';
import { argoConfig, argoServer, findingThread, FIVE_MIN, outOfSync, SHA_A, SHA_B, synced, syncedBy } from './support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let dir: { dir: string; remove(): Promise<void> };
let clock: ManualClock;
let world: World;
beforeEach(async () => {
  dir = await tempDir();
  clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  world = await startWorld(dir.dir, clock, argoConfig());
});
afterEach(async () => {
  await world.stop();
  await dir.remove();
});

const check = (w: World) => w.ops.store.read((tx) => tx.get('driftCheck', 'engine|api|staging'));
const group = (w: World, id: string) => w.ops.store.read((tx) => tx.get('alertGroup', id));
const deployment = (w: World, id: string) => w.ops.store.read((tx) => tx.get('deployment', id));

/** dayops deploys SHA_A to staging through Argo CD, as `deploy` does. */
async function deployA(w: World): Promise<void> {
  expect(textOf(await w.say('alice', `deploy api ${SHA_A} to staging`))).toMatch(/DEP-1/);
  await w.ops.activity.whenIdle(10_000);
  await w.app.settle();
  expect((await deployment(w, 'DEP-1'))!.state).toBe('succeeded');
}

async function restart(): Promise<World> {
  await world.stop();
  world = await startWorld(dir.dir, clock, argoConfig());
  return world;
}

describe('drift from Argo CD', () => {
  it('is in sync while Argo CD runs what dayops deployed; another revision is a finding with Sync and Accept', async () => {
    const argo = argoServer(server);
    await deployA(world);
    await advance(world, clock, FIVE_MIN);
    expect(await check(world)).toMatchObject({ state: 'in-sync', live: SHA_A });
    expect(textOf(await world.say('alice', 'drift'))).toBe('No drift: every check agrees with what dayops deployed.');

    argo.live = syncedBy(SHA_B, 'mallory');
    await advance(world, clock, FIVE_MIN);
    expect(await check(world)).toMatchObject({ state: 'drift', live: SHA_B, group: 'ALG-1' });
    const g = await group(world, 'ALG-1');
    expect(g).toMatchObject({ source: 'drift', service: 'api', env: 'staging', status: 'firing', title: 'Drift on api (staging)' });
    const message = await latest(world.ops, 'alert-group:ALG-1');
    expect(message!.text).toBe(`Argo CD runs api ${SHA_B.slice(0, 12)} in staging by mallory, but dayops last deployed ${SHA_A} (DEP-1).`);
    expect(message!.buttons!.slice(0, 2)).toEqual([
      { kind: 'action', label: 'Sync', action: 'drift.sync', value: 'ALG-1', style: 'primary' },
      { kind: 'action', label: 'Accept', action: 'drift.accept', value: 'ALG-1' },
    ]);
    expect(textOf(await world.say('alice', 'drift api'))).toBe(`Drift for api\nALG-1 api in staging: ${message!.text}`);

    // The same drift read again is no news; nothing new in the thread.
    await advance(world, clock, FIVE_MIN);
    expect(await findingThread(world.ops, 'ALG-1')).toEqual([]);
  });

  it('OutOfSync at the recorded revision is drift too', async () => {
    const argo = argoServer(server);
    await deployA(world);
    argo.live = outOfSync();
    await advance(world, clock, FIVE_MIN);
    expect(await check(world)).toMatchObject({ state: 'drift', group: 'ALG-1' });
    expect((await latest(world.ops, 'alert-group:ALG-1'))!.text).toBe(
      `Argo CD says api in staging is OutOfSync with ${SHA_A.slice(0, 12)}, the revision DEP-1 deployed: the live state was changed outside dayops.`,
    );
  });

  it('an Argo CD that does not answer is unknown, never in sync, and leaves an open finding open', async () => {
    const argo = argoServer(server);
    await deployA(world);
    argo.live = 'down';
    await advance(world, clock, FIVE_MIN);
    expect(await check(world)).toMatchObject({ state: 'unknown' });
    expect((await check(world))!.detail).toMatch(/^Argo CD could not be read: Argo CD did not answer/);
    expect(textOf(await world.say('alice', 'drift'))).toMatch(/^Drift\napi in staging: unknown; Argo CD could not be read/);

    argo.live = syncedBy(SHA_B, 'mallory');
    await advance(world, clock, FIVE_MIN);
    argo.live = 503;
    await advance(world, clock, FIVE_MIN);
    expect(await group(world, 'ALG-1')).toMatchObject({ status: 'firing' });
    expect(await findingThread(world.ops, 'ALG-1')).toEqual(['Drift state unknown: Argo CD could not be read: Argo CD answered 503: upstream connect error']);
    expect((await latest(world.ops, 'alert-group:ALG-1'))!.title).toBe('FIRING Drift on api (staging)');
  });

  it('Accept after a restart records the live version as a deploy made outside dayops, audited, and the finding resolves', async () => {
    const argo = argoServer(server);
    await deployA(world);
    argo.live = syncedBy(SHA_B, 'mallory');
    await advance(world, clock, FIVE_MIN);
    const w = await restart();

    const answer = await w.say('alice', 'drift accept ALG-1 --reason hotfix by hand during the outage');
    expect(textOf(answer)).toBe(`ALG-1 accepted: api ${SHA_B} in staging is recorded as DEP-2, deployed outside dayops (hotfix by hand during the outage).`);
    expect(await deployment(w, 'DEP-2')).toMatchObject({ version: SHA_B, state: 'succeeded', external: true, requester: { person: 'alice' }, reason: 'accepted drift ALG-1: hotfix by hand during the outage' });
    expect(await group(w, 'ALG-1')).toMatchObject({ status: 'resolved', resolvedBy: 'alice' });
    expect(await findingThread(w.ops, 'ALG-1')).toEqual([`Accepted by alice: hotfix by hand during the outage. Recorded as DEP-2, api ${SHA_B} deployed outside dayops.`]);
    const audit = await w.ops.store.queryAudit({ target: 'ALG-1' });
    expect(audit.map((e) => [e.action, e.actor.person ?? e.actor.userId])).toContainEqual(['drift.accept', 'alice']);
    expect((await w.ops.store.queryAudit({ target: 'DEP-2' })).map((e) => e.action)).toEqual(['deployment.external']);

    // The next poll reads SHA_B, which is now what dayops has on record: in sync, no new finding.
    await advance(w, clock, FIVE_MIN);
    expect(await check(w)).toMatchObject({ state: 'in-sync', live: SHA_B });
    expect(await w.ops.store.inspect((tx) => tx.scan('alertGroup'))).toEqual([]);
  });

  it('Sync after a restart deploys the recorded version again through the policy; the finding resolves once Argo CD agrees', async () => {
    const argo = argoServer(server);
    await deployA(world);
    argo.live = syncedBy(SHA_B, 'mallory');
    await advance(world, clock, FIVE_MIN);
    const w = await restart();

    argo.live = synced();
    const answer = await w.press('alice', 'drift.sync', 'ALG-1');
    expect(textOf(answer)).toBe(`DEP-2: syncing api in staging back to ${SHA_A} for ALG-1 (queued).`);
    await w.ops.activity.whenIdle(10_000);
    await w.app.settle();
    expect(await deployment(w, 'DEP-2')).toMatchObject({ version: SHA_A, state: 'succeeded', reason: `sync of drift ALG-1: back to ${SHA_A} (DEP-1)` });
    expect(argo.syncs).toHaveLength(2);
    expect(await group(w, 'ALG-1')).toMatchObject({ status: 'firing' });

    await advance(w, clock, FIVE_MIN);
    expect(await group(w, 'ALG-1')).toMatchObject({ status: 'resolved' });
    expect(await findingThread(w.ops, 'ALG-1')).toEqual([
      `alice asked to sync: DEP-2 deploys ${SHA_A} again (queued).`,
      `In sync again: Argo CD runs ${SHA_A.slice(0, 12)}, as DEP-2 deployed.`,
    ]);
  });

  it('Sync and Accept need deploy in the environment; a finding that is not drift is refused', async () => {
    argoServer(server).live = syncedBy(SHA_B, 'mallory');
    await advance(world, clock, FIVE_MIN);
    expect((await latest(world.ops, 'alert-group:ALG-1'))!.buttons!.map((b) => b.label)).not.toContain('Sync');
    const refused = await world.press('carol', 'drift.accept', 'ALG-1');
    expect(refused.failed).toBe(true);
    expect(refused.message.text).toMatch(/deploy permission in staging/);
    expect((await world.press('alice', 'drift.sync', 'ALG-1')).message.text).toBe('dayops has never deployed api to staging, so there is no recorded version to sync to; Accept what runs instead.');
    expect((await world.press('alice', 'drift.accept', 'ALG-9')).message.text).toMatch(/There is no alert group ALG-9/);
  });
});
