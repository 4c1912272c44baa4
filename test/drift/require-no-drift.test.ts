import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { advance, startWorld, tempDir, textOf, type World } from '../reminders/support.js';
import { argoConfig, argoServer, FIVE_MIN, SHA_A, SHA_B, syncedBy } from './support.js';

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
  world = await startWorld(dir.dir, clock, argoConfig((c) => (c.environments.staging = { ...c.environments.staging!, requireNoDrift: true })));
});
afterEach(async () => {
  await world.stop();
  await dir.remove();
});

describe('requireNoDrift', () => {
  it('refuses a deploy while a finding is open, naming it; Sync passes; readiness shows it; after Accept deploys pass again', async () => {
    const argo = argoServer(server);
    argo.live = syncedBy(SHA_B, 'mallory');
    await advance(world, clock, FIVE_MIN);

    const refused = await world.say('alice', `deploy api ${SHA_A} to staging`);
    expect(refused.failed).toBe(true);
    expect(refused.message.text).toBe('staging requires no drift, and ALG-1 is open: Drift on api (staging). Sync or Accept it first (type drift to see it).');
    const ready = await world.say('alice', 'readiness api staging');
    expect(ready.message.tone).toBe('warning');
    expect(ready.message.fields).toContainEqual({ label: 'staging: 1 drift finding open', value: '✗ ALG-1 Drift on api (staging) (Sync or Accept it)' });
    expect((await world.ops.store.queryAudit({ limit: 1 }))[0]).toMatchObject({ action: 'deployment.request', outcome: 'refused' });

    await world.say('alice', 'drift accept ALG-1 --reason hotfix');
    expect((await world.say('alice', 'readiness api staging')).message.fields).toContainEqual({ label: 'staging: no drift', value: '✓ no open drift finding' });
    expect(textOf(await world.say('alice', `deploy api ${SHA_A} to staging`))).toMatch(/DEP-2/);
  });

  it('the Sync of the open finding itself is let through', async () => {
    const argo = argoServer(server);
    argo.live = syncedBy(SHA_B, 'mallory');
    await advance(world, clock, FIVE_MIN);
    await world.say('alice', 'drift accept ALG-1 --reason baseline');
    argo.live = syncedBy('c0ffee0000000000000000000000000000000000', 'mallory');
    await advance(world, clock, FIVE_MIN);
    const answer = await world.press('alice', 'drift.sync', 'ALG-2');
    expect(textOf(answer)).toBe(`DEP-2: syncing api in staging back to ${SHA_B} for ALG-2 (queued).`);
  });
});
