import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpsMessage } from '../../bot/model.js';
import { advance, fireAlert, removeDir, startWorld, type OncallWorld } from './world.js';

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

async function handoffs(w: OncallWorld, schedule: string): Promise<{ channel: string; message: OpsMessage }[]> {
  return (await w.outbox()).filter((m) => m.key.startsWith(`oncall-handoff:${schedule}:`)).map((m) => ({ channel: m.channel, message: m.message as OpsMessage }));
}

describe('handoff summaries', () => {
  it('at the handoff, the channel gets what happened in the shift that ended and who is on call now', async () => {
    const w = await startWorld({ schedule: true });
    worlds.push(w);
    await w.app.ops.scheduler.whenIdle();
    const group = await fireAlert(w, 'api');
    await w.say('alice', `ack ${group}`);
    await w.say('alice', 'oncall override @carol --from "2026-03-06 09:00" --until "2026-03-06 18:00" --schedule api --reason dentist');
    // Monday 9 March, 09:00 Berlin: alice hands over to bob.
    await advance(w, Date.parse('2026-03-09T08:00:00Z') - w.clock.now().getTime() + 1000);
    const [summary] = await handoffs(w, 'api');
    expect(summary!.channel).toBe('shell:ops');
    expect(summary!.message.title).toBe('Handoff: api primary, alice → bob');
    expect(summary!.message.mentions).toEqual([{ person: 'bob' }]);
    expect(summary!.message.text!.split('\n')).toEqual([
      'The shift of alice, Mon 02 Mar 09:00 → Mon 09 Mar 09:00:',
      'Alerts (1):',
      '• ALG-1 HighErrorRate on api (prod): acknowledged by alice, still firing',
      'Incidents: none.',
      'Deploys: none.',
      'Overrides (1):',
      '• OVR-1 carol primary, Fri 06 Mar 09:00 → Fri 06 Mar 18:00 (dentist)',
      'On call now: primary bob until Mon 16 Mar 09:00; secondary carol until Mon 16 Mar 09:00.',
    ]);
    // The next one is waiting, a week on.
    const jobs = await w.app.ops.store.inspect((tx) => tx.scan('job', { where: (j) => j.type === 'oncall.handoff' && j.payload.schedule === 'api' }));
    expect(jobs.map((j) => j.dueAt)).toEqual(['2026-03-16T08:00:00.000Z']);
  });

  it('a handoff missed while dayops was down is summarised once, late', async () => {
    const first = await startWorld({ schedule: true });
    await first.app.ops.scheduler.whenIdle();
    await first.stop();
    first.clock.set('2026-03-09T12:00:00Z');
    const second = await startWorld({ schedule: true, dir: first.dir, clock: first.clock });
    worlds.push(second);
    await second.app.ops.scheduler.whenIdle();
    const summaries = await handoffs(second, 'api');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.message.context).toEqual(['Late: the handoff was at 2026-03-09 09:00 CET and dayops was not running then.']);
  });
});
