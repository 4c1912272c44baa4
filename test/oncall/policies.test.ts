import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { fireAlert, oncallConfig, removeDir, startWorld, threadLines, type OncallWorld } from './world.js';

const worlds: OncallWorld[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.stop();
    await removeDir(w.dir);
  }
  vi.useRealTimers();
});

const step = (notify: string) => ({ steps: [{ notify, wait: '5m' }] });

/** api and web escalate by their schedules' policy; a payments route, web's own policy and a default say otherwise. */
function policiesConfig(): Record<string, unknown> {
  const base = oncallConfig() as { oncall: Record<string, unknown>; services: Record<string, unknown> };
  const schedules = base.oncall.schedules as Record<string, Record<string, unknown>>;
  return {
    ...base,
    services: { ...base.services, batch: {} },
    alerts: { routes: [{ name: 'payments', match: ['team=payments'], channel: 'shell:payments', policy: 'payments' }] },
    oncall: {
      ...base.oncall,
      schedules: {
        ...schedules,
        web: { ...schedules.web, policy: 'critical' },
        pay: { routes: ['payments'], layers: [{ people: ['carol'], shift: 'weekly', start: '2026-03-02' }] },
      },
      policies: { ...(base.oncall.policies as object), payments: step('primary'), 'web-day': step('person:maria'), fallback: step('channel') },
      services: { web: { policy: 'web-day' } },
      defaultPolicy: 'fallback',
    },
  };
}

async function world(): Promise<OncallWorld> {
  const w = await startWorld({ schedule: true, config: policiesConfig() });
  worlds.push(w);
  return w;
}

/** The first line of each thread message (a one-step policy also says it finished). */
const firstLines = async (w: OncallWorld, group: string) => (await threadLines(w, group)).map((l) => l.split('\n')[0]);
const policyOf = (w: OncallWorld, group: string) => w.app.ops.store.read(async (tx) => (await tx.get('escalation', group))?.policy);

describe('which escalation policy an alert gets', () => {
  it("takes its alert route's policy first, and pages the schedule that covers the route", async () => {
    const w = await world();
    // An api alert of the payments team: the route's policy, on the schedule covering the route, not api's.
    const group = await fireAlert(w, 'api', 'critical', { team: 'payments' });
    expect(await policyOf(w, group)).toBe('payments');
    expect(await firstLines(w, group)).toEqual(['Escalation step 1/1: paged carol, primary on call for pay, by direct message.']);
  });

  it("then the service's own policy, then its schedule's, then the default", async () => {
    const w = await world();
    const web = await fireAlert(w, 'web');
    expect(await policyOf(w, web)).toBe('web-day');
    expect(await firstLines(w, web)).toEqual(['Escalation step 1/1: paged maria by direct message.']);
    const api = await fireAlert(w, 'api');
    expect(await policyOf(w, api)).toBe('critical');
    const batch = await fireAlert(w, 'batch');
    expect(await policyOf(w, batch)).toBe('fallback');
    expect(await firstLines(w, batch)).toEqual(['Escalation step 1/1: called the channel.']);
  });
});

type Editable = {
  alerts: { routes: { name?: string; policy?: string; match: string[]; channel: string }[] };
  oncall: { schedules: Record<string, { routes?: string[] }>; services: Record<string, { policy: string }> };
};

describe('the config of policies', () => {
  const problems = async (edit: (config: Editable) => void): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'dayops-policies-'));
    try {
      const config = policiesConfig() as Editable;
      edit(config);
      await writeFile(join(dir, 'c.json'), JSON.stringify(config));
      try {
        loadConfig({ DAYOPS_CONFIG: join(dir, 'c.json'), DAYOPS_DATA_DIR: join(dir, 'data') });
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    } finally {
      await removeDir(dir);
    }
  };

  it('names each bad reference with its path', async () => {
    expect(await problems(() => undefined)).toBe('accepted');
    expect(await problems((c) => (c.alerts.routes[0]!.policy = 'nope'))).toMatch(/alerts\.routes\.0\.policy.*no policy named nope/);
    expect(await problems((c) => (c.oncall.schedules.pay!.routes = ['billing']))).toMatch(/oncall\.schedules\.pay\.routes\.0.*no alert route named billing/);
    expect(await problems((c) => (c.oncall.services = { shop: { policy: 'critical' } }))).toMatch(/oncall\.services\.shop.*not one of the services/);
    expect(await problems((c) => (c.oncall.services.web!.policy = 'nope'))).toMatch(/oncall\.services\.web\.policy.*no policy named nope/);
    expect(await problems((c) => c.alerts.routes.push({ name: 'payments', match: [], channel: 'shell:x' }))).toMatch(/alerts\.routes\.1\.name.*already named payments/);
  });
});
