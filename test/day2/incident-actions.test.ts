import { describe, expect, it } from 'vitest';
import { fieldOf, startDay2, textOf, type Day2 } from './app.js';

/** Two good deploys of api to staging (DEP-1 1.0.0, then DEP-2 1.1.0), and a qa that waits for approval. */
async function deployedTwice(): Promise<Day2> {
  const w = await startDay2((c) => {
    c.environments.qa = { ...c.environments.staging!, approvals: 1 };
  });
  for (const version of ['1.0.0', '1.1.0']) {
    expect((await w.say('alice', `deploy api ${version} to staging`)).failed).toBeFalsy();
    await w.idle();
  }
  return w;
}

const buttons = (w: Day2, key: string) =>
  (w.latest(key)?.buttons ?? []).map((b) => (b.kind === 'action' ? [b.label, b.disabled ?? 'enabled'] : [b.label]));

describe("the incident's Roll back and Halt buttons", () => {
  it('roll back exactly the deployment they name, in the incident thread, on the timeline and in the postmortem', async () => {
    const w = await deployedTwice();
    // A critical alert fires and an incident is declared from it: deploys stop, rollbacks do not.
    await w.alert('generic', { title: 'CheckoutErrors', labels: { service: 'api', env: 'staging', severity: 'critical' }, description: '5xx at 12%' });
    expect(textOf(await w.press('alice', 'incident.declare-from-alert', 'ALG-1'))).toBe('alice declared INC-1 (SEV1) from ALG-1: CheckoutErrors on api (staging)');
    expect(textOf(await w.say('alice', 'deploy api 1.2.0 to staging'))).toMatch(/^A critical alert fires for api in staging: ALG-1/);
    await w.idle();
    expect(fieldOf(w.latest('alert-group:ALG-1'), 'Incident')).toBe('INC-1, coordinated in its thread');
    expect(buttons(w, 'incident:INC-1')).toEqual([
      ['Roll back DEP-2', 'enabled'],
      ['Roll back DEP-1', 'DEP-1 no longer runs in staging: DEP-2 (1.1.0) came after it.'],
    ]);
    // A stale or forged press of the disabled one is refused with the same reason.
    const stale = await w.press('alice', 'incident.rollback', 'INC-1 DEP-1');
    expect(stale.failed).toBe(true);
    expect(textOf(stale)).toBe('DEP-1 no longer runs in staging: DEP-2 (1.1.0) came after it.');

    w.clock.advance(7_000);
    const pressed = await w.press('alice', 'incident.rollback', 'INC-1 DEP-2');
    expect(textOf(pressed)).toBe('DEP-3: rolling api in staging back to 1.0.0 (replaces DEP-2), from INC-1.');
    w.clock.advance(5_000);
    await w.idle();
    const d3 = await w.app.ops.store.read((tx) => tx.get('deployment', 'DEP-3'));
    expect(d3).toMatchObject({ state: 'succeeded', version: '1.0.0', rollbackOf: 'DEP-2', incident: 'INC-1', requestedFrom: { channel: 'shell:incidents', thread: 'incident:INC-1' } });
    // The rollback's message is in the incident's thread, not at the top of the incidents channel.
    expect(w.threadOf('incident:INC-1').map((p) => p.key)).toContain('deployment:DEP-3');
    expect(w.shell.posts.filter((p) => p.key === 'deployment:DEP-3' && !p.threadRef)).toEqual([]);

    expect(buttons(w, 'incident:INC-1')).toEqual([
      ['Roll back DEP-2', 'DEP-2 was already rolled back by DEP-3 (succeeded).'],
      ['Roll back DEP-1', 'DEP-1 no longer runs in staging: DEP-3 (1.0.0) came after it.'],
    ]);
    expect(String(fieldOf(w.latest('incident:INC-1'), 'Deployments in the last hours'))).toMatch(/^• DEP-3 api 1\.0\.0 to staging: succeeded \(rollback of DEP-2\)\n/);
    // The deployment's own Rollback button follows the same rule.
    expect(textOf(await w.press('alice', 'deploy.rollback', 'DEP-2'))).toBe('DEP-2 was already rolled back by DEP-3 (succeeded).');

    const postmortem = textOf(await w.say('bob', 'incident postmortem INC-1'));
    expect(postmortem).toContain('| 2026-11-21 22:25:07 UTC | alice | Deployment: Rolled back DEP-2 (api 1.1.0 in staging) to 1.0.0 as DEP-3 |');
    expect(postmortem).toMatch(/\| 2026-11-21 22:25:\d\d UTC \| dayops \| Deployment: DEP-3 \(rollback of DEP-2\) succeeded/);
    expect(postmortem).toContain('- DEP-3: api 1.0.0 to staging, succeeded at ');
    expect(postmortem).toContain('(rollback of DEP-2)');
    expect(postmortem).toContain('## Linked alerts\n\n- ALG-1: CheckoutErrors on api (staging) (firing, api)');

    // A later incident no longer offers to roll back what was rolled back.
    await w.say('alice', 'incident resolve INC-1 --summary rolled back');
    await w.say('alice', 'incident declare Checkout slow again --sev 3 --service api');
    await w.idle();
    expect(buttons(w, 'incident:INC-2')).toEqual([
      ['Roll back DEP-2', 'DEP-2 was already rolled back by DEP-3 (succeeded).'],
      ['Roll back DEP-1', 'DEP-1 no longer runs in staging: DEP-3 (1.0.0) came after it.'],
    ]);
  });

  it('halt a deployment still under way, and the incident says so', async () => {
    const w = await deployedTwice();
    await w.say('alice', 'deploy api 1.2.0 to qa');
    await w.say('bob', 'incident declare Errors after the qa deploy --sev 3 --service api');
    expect(buttons(w, 'incident:INC-1')[0]).toEqual(['Halt DEP-3', 'enabled']);
    w.clock.advance(3_000);
    expect(textOf(await w.press('bob', 'incident.halt', 'INC-1 DEP-3'))).toBe('DEP-3 halted.');
    await w.idle();
    expect((await w.app.ops.store.read((tx) => tx.get('deployment', 'DEP-3')))?.state).toBe('halted');
    expect(buttons(w, 'incident:INC-1').map(([label]) => label)).not.toContain('Halt DEP-3');
    const postmortem = textOf(await w.say('bob', 'incident postmortem INC-1'));
    expect(postmortem).toContain('| 2026-11-21 22:25:03 UTC | bob | Deployment: Halted DEP-3 (api 1.2.0 to qa) |');
    expect(postmortem).toContain('- DEP-3: api 1.2.0 to qa, halted at ');
  });

  it('need the permission the halt and rollback commands need, where the deployment is', async () => {
    const w = await deployedTwice();
    await w.say('alice', 'incident declare Checkout returns 502 --sev 2 --service api');
    const refused = await w.press('carol', 'incident.rollback', 'INC-1 DEP-2');
    expect(textOf(refused)).toMatch(/^You need the deploy permission in staging to use the incident\.rollback button/);
    expect(await w.app.ops.store.read((tx) => tx.get('deployment', 'DEP-3'))).toBeUndefined();
  });
});
