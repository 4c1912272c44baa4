import { afterEach, describe, expect, it } from 'vitest';
import type { Field } from '../../bot/model.js';
import { oncallConfig, removeDir, startWorld, textOf, type OncallWorld } from './world.js';

let world: OncallWorld;
afterEach(async () => {
  await world.stop();
  await removeDir(world.dir);
});

function config(): Record<string, unknown> {
  const c = oncallConfig();
  (c.oncall as Record<string, unknown>).coverageRequired = ['production'];
  (c.services as Record<string, unknown>).billing = {};
  return c;
}

const fieldsOf = (fields: Field[] | undefined) => (fields ?? []).map((f) => `${f.label} | ${String(f.value)}`);

describe('readiness requires on-call coverage', () => {
  it('names the first gap in the next 14 days, and a deploy to production is refused while it exists', async () => {
    world = await startWorld({ config: config() });
    const web = await world.say('maria', 'readiness web production');
    expect(web.message.tone).toBe('warning');
    expect(fieldsOf(web.message.fields)).toContain('production: on call has a gap | ✗ nobody is on call for web from 2026-03-04 17:00 CET to 2026-03-05 09:00 CET (web)');

    const refused = await world.say('alice', 'deploy web 1.0.0 to production');
    expect(refused.failed).toBe(true);
    expect(textOf(refused)).toContain(
      'web cannot ship to production yet: production needs on-call coverage for the next 14 days, and nobody is on call for web from 2026-03-04 17:00 CET to 2026-03-05 09:00 CET (web). Fill it with an override or a schedule (type readiness web production).',
    );
  });

  it('a service covered around the clock is ready; one with no schedule is not', async () => {
    world = await startWorld({ config: config() });
    const api = await world.say('maria', 'readiness api production');
    expect(api.message.tone).toBe('success');
    expect(fieldsOf(api.message.fields)).toContain('production: on call covered | ✓ someone is on call for api at every moment of the next 14 days (api)');
    const billing = await world.say('maria', 'readiness billing production');
    expect(fieldsOf(billing.message.fields)).toContain('production: on call has a gap | ✗ no on-call schedule covers billing');
    // Staging does not require coverage: nothing is said about it there.
    expect(fieldsOf((await world.say('maria', 'readiness billing staging')).message.fields).some((f) => f.includes('on call'))).toBe(false);
  });

  it('an override that fills the gap makes it ready', async () => {
    const c = config();
    ((c.oncall as Record<string, unknown>).coverageDays as unknown) = 1;
    world = await startWorld({ config: c });
    await world.say('alice', 'oncall override @carol --from "2026-03-04 17:00" --until "2026-03-05 09:00" --schedule web --reason cover');
    const web = await world.say('maria', 'readiness web production');
    expect(fieldsOf(web.message.fields)).toContain('production: on call covered | ✓ someone is on call for web at every moment of the next 1 day (web)');
  });
});
