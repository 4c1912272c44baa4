import { afterEach, describe, expect, it } from 'vitest';
import type { OpsMessage } from '../../bot/model.js';
import { removeDir, startWorld, textOf, type OncallWorld } from './world.js';

let world: OncallWorld;
afterEach(async () => {
  await world.stop();
  await removeDir(world.dir);
});

describe('oncall swap', () => {
  it('asks someone to take a shift; their Accept puts them on call for it', async () => {
    world = await startWorld();
    const asked = await world.say('alice', 'oncall swap @carol --shift 2026-03-23 --schedule api --level primary');
    expect(asked.visibility).toBe('public');
    expect(textOf(asked)).toBe('SWP-1: alice asks carol to take a shift\napi primary, 2026-03-23 09:00 CET → 2026-03-30 09:00 CEST.');
    const message: OpsMessage = asked.message;
    expect(message.mentions).toEqual([{ person: 'carol' }]);
    expect(message.buttons?.map((b) => b.kind === 'action' && [b.label, b.action, b.value])).toEqual([
      ['Accept', 'oncall.swap-accept', 'SWP-1'],
      ['Decline', 'oncall.swap-decline', 'SWP-1'],
    ]);

    const stranger = await world.press('bob', 'oncall.swap-accept', 'SWP-1');
    expect(stranger.failed).toBe(true);
    expect(textOf(stranger)).toContain('Only carol can accept SWP-1.');

    expect(textOf(await world.press('carol', 'oncall.swap-accept', 'SWP-1'))).toBe('carol accepted SWP-1 and takes the api primary shift of alice (OVR-1).');
    const table = textOf(await world.say('maria', 'oncall schedule api --weeks 4')).split('\n');
    expect(table).toContain('  Mon 23 Mar 09:00 → Mon 30 Mar 09:00  carol (OVR-1)');
    expect(textOf(await world.press('carol', 'oncall.swap-accept', 'SWP-1'))).toContain('SWP-1 was already accepted.');
    const audit = await world.app.ops.store.queryAudit({ target: 'SWP-1' });
    expect(audit.filter((e) => e.outcome === 'ok').map((e) => e.action).sort()).toEqual(['oncall.swap', 'oncall.swap-accept']);
    expect(audit.filter((e) => e.outcome === 'refused').map((e) => e.actor.userId).sort()).toEqual(['bob', 'carol']);
  });

  it('Decline leaves the shift where it was', async () => {
    world = await startWorld();
    await world.say('alice', 'oncall swap @carol --schedule api');
    expect(textOf(await world.press('carol', 'oncall.swap-decline', 'SWP-1'))).toBe('carol declined SWP-1: alice keeps the shift.');
    expect(textOf(await world.say('maria', 'oncall api'))).toContain('primary: alice until');
    expect(await world.app.ops.store.inspect((tx) => tx.scan('oncallOverride'))).toEqual([]);
  });

  it('refuses a swap of a shift the asker does not hold', async () => {
    world = await startWorld();
    const answer = await world.say('alice', 'oncall swap @carol --shift "2026-03-10 12:00" --schedule api --level primary');
    expect(answer.failed).toBe(true);
    expect(textOf(answer)).toContain('alice is not on call at 2026-03-10 12:00; `oncall next @alice` lists their shifts.');
    expect(textOf(await world.say('alice', 'oncall swap @alice'))).toContain('That shift is already yours');
  });
});
