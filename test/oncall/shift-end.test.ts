import { afterEach, describe, expect, it } from 'vitest';
import { oncallConfig, removeDir, startWorld, textOf, type OncallWorld } from './world.js';

let world: OncallWorld;
afterEach(async () => {
  await world.app.ops.deployRunner.whenIdle();
  await world.stop();
  await removeDir(world.dir);
});

function config(): Record<string, unknown> {
  const c = oncallConfig();
  c.services = { api: { channel: 'shell:api', engine: { type: 'script', command: 'true', graceSeconds: 1 } }, web: {} };
  return c;
}

describe('a production deploy at the end of the requester\'s shift', () => {
  it('asks for --confirm in the last 30 minutes, and goes with it', async () => {
    world = await startWorld({ config: config() });
    // Monday 9 March 08:45 in Berlin: alice hands over at 09:00.
    world.clock.set('2026-03-09T07:45:00Z');
    const asked = await world.say('alice', 'deploy api 1.0.0 to production');
    expect(asked.failed).toBe(true);
    expect(textOf(asked)).toContain(
      'Your api primary shift ends at 2026-03-09 09:00 CET (in 15 minutes), so someone else will be on call if this deploy breaks. Deploy anyway with --confirm, or after handing over.',
    );
    expect(await world.app.ops.store.inspect((tx) => tx.scan('deployment'))).toEqual([]);
    expect(textOf(await world.say('alice', 'deploy api 1.0.0 to production --confirm'))).toMatch(/^DEP-1: api 1\.0\.0 → production/);
  });

  it('is not asked earlier in the shift, nor for staging', async () => {
    world = await startWorld({ config: config() });
    world.clock.set('2026-03-09T07:00:00Z');
    expect(textOf(await world.say('alice', 'deploy api 1.0.0 to production'))).toMatch(/^DEP-1: /);
    await world.app.ops.deployRunner.whenIdle();
    world.clock.set('2026-03-09T07:50:00Z');
    expect(textOf(await world.say('alice', 'deploy api 1.0.1 to staging'))).toMatch(/^DEP-2: /);
  });
});
