import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpsMessage } from '../../bot/model.js';
import { advance, fireAlert, messageText, removeDir, startWorld, textOf, threadLines, type OncallWorld } from './world.js';

const MINUTE = 60_000;
const worlds: OncallWorld[] = [];
const dirs: string[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.stop();
  vi.useRealTimers();
  for (const d of dirs.splice(0)) await removeDir(d);
});

async function world(options: Parameters<typeof startWorld>[0] = {}): Promise<OncallWorld> {
  const w = await startWorld({ schedule: true, ...options });
  worlds.push(w);
  if (!dirs.includes(w.dir)) dirs.push(w.dir);
  return w;
}

async function pages(w: OncallWorld): Promise<{ channel: string; key: string; message: OpsMessage }[]> {
  return (await w.outbox()).filter((m) => m.key.startsWith('oncall-page:')).map((m) => ({ channel: m.channel, key: m.key, message: m.message as OpsMessage }));
}

describe('an escalation policy', () => {
  it('runs each step in turn: the primary by DM, the secondary, then the channel, and repeats', async () => {
    const w = await world();
    const group = await fireAlert(w, 'api');
    expect(await threadLines(w, group)).toEqual(['Escalation step 1/3, round 1/2: paged alice, primary on call for api, by direct message.']);
    const [page] = await pages(w);
    expect(page!.channel).toBe('slack:@U0ALICE');
    expect(page!.message.title).toBe('Paging you: HighErrorRate on api (prod)');
    expect(page!.message.buttons?.map((b) => b.label)).toEqual(['Acknowledge', 'Escalate now']);

    await advance(w, 5 * MINUTE);
    await advance(w, 10 * MINUTE);
    await advance(w, 10 * MINUTE);
    expect(await threadLines(w, group)).toEqual([
      'Escalation step 1/3, round 1/2: paged alice, primary on call for api, by direct message.',
      'Escalation step 2/3, round 1/2: paged bob, secondary on call for api, by direct message.',
      'Escalation step 3/3, round 1/2: called the channel.',
      'Escalation step 1/3, round 2/2: paged alice, primary on call for api, by direct message.',
    ]);
    // bob is on Discord only: his page is a DM there too (the sender opens the DM channel), not a mention.
    expect((await pages(w)).map((p) => p.channel)).toEqual(['slack:@U0ALICE', 'discord:@80351110224678912', 'slack:@U0ALICE']);
    const bobLine = (await w.outbox()).find((m) => messageText(m).includes('paged bob'))!;
    expect((bobLine.message as OpsMessage).mentions ?? []).toEqual([]);
    const channelCall = (await w.outbox()).find((m) => messageText(m).includes('called the channel'))!;
    expect((channelCall.message as OpsMessage).mentions).toEqual([{ person: 'alice' }, { person: 'bob' }]);

    await advance(w, 60 * MINUTE);
    const lines = await threadLines(w, group);
    expect(lines.slice(4)).toEqual([
      'Escalation step 2/3, round 2/2: paged bob, secondary on call for api, by direct message.',
      'Escalation step 3/3, round 2/2: called the channel.\nEscalation finished: 2 rounds and still nobody has acknowledged ALG-1.',
    ]);
    const audit = await w.app.ops.store.queryAudit({ target: group });
    expect(audit.filter((e) => e.action === 'oncall.escalate')).toHaveLength(6);
    expect(await w.app.ops.store.inspect((tx) => tx.scan('job', { where: (j) => j.type === 'oncall.escalate' }))).toEqual([]);
  });

  it('pages whoever an override puts on call', async () => {
    const w = await world();
    await w.say('alice', 'oncall override @carol --until "2026-03-05 09:00" --schedule api --reason dentist');
    const group = await fireAlert(w, 'api');
    expect(await threadLines(w, group)).toEqual(['Escalation step 1/3, round 1/2: paged carol, primary on call for api, by direct message.']);
    expect((await pages(w)).map((p) => p.channel)).toEqual(['shell:@carol']);
  });

  it('stops when someone acknowledges mid-escalation', async () => {
    const w = await world();
    const group = await fireAlert(w, 'api');
    await advance(w, 5 * MINUTE);
    expect(textOf(await w.press('alice', 'alerts.ack', group))).toBe('alice acknowledged ALG-1: HighErrorRate on api (prod)');
    await advance(w, 2 * 60 * MINUTE);
    expect(await threadLines(w, group)).toEqual([
      'Escalation step 1/3, round 1/2: paged alice, primary on call for api, by direct message.',
      'Escalation step 2/3, round 1/2: paged bob, secondary on call for api, by direct message.',
      'Acknowledged by alice.\nEscalation stopped after 2 steps.',
    ]);
    expect(await w.app.ops.store.read((tx) => tx.get('escalation', group))).toMatchObject({ status: 'stopped', stoppedBy: 'acknowledged by alice' });
    expect(await w.app.ops.store.inspect((tx) => tx.scan('job', { where: (j) => j.type === 'oncall.escalate' }))).toEqual([]);
  });

  it('"Escalate now" fires the waiting step at once and says who asked', async () => {
    const w = await world();
    const group = await fireAlert(w, 'api');
    expect(textOf(await w.press('alice', 'oncall.escalate-now', group))).toBe('alice escalated ALG-1: the next step goes out now.');
    await w.app.ops.scheduler.whenIdle();
    expect((await threadLines(w, group))[1]).toBe('Escalated now by alice. Escalation step 2/3, round 1/2: paged bob, secondary on call for api, by direct message.');
    // The wait of the step that was hurried starts again from now.
    await advance(w, 10 * MINUTE);
    expect(await threadLines(w, group)).toHaveLength(3);
    const audit = await w.app.ops.store.queryAudit({ target: group });
    expect(audit.map((e) => e.action)).toContain('oncall.escalate-now');
  });

  it('refuses "Escalate now" on an alert that has no escalation, saying why', async () => {
    const w = await world();
    const group = await fireAlert(w, 'web');
    const answer = await w.press('alice', 'oncall.escalate-now', group);
    expect(answer.failed).toBe(true);
    expect(textOf(answer)).toContain('ALG-1 has no escalation; only alerts an escalation policy covers escalate.');
  });

  it('after a restart between two steps, the next step fires once, late, and says so', async () => {
    const first = await world();
    const group = await fireAlert(first, 'api');
    await first.stop();
    worlds.splice(worlds.indexOf(first), 1);
    first.clock.advance(30 * MINUTE);
    const second = await world({ dir: first.dir, clock: first.clock });
    await second.app.ops.scheduler.whenIdle();
    const lines = await threadLines(second, group);
    expect(lines).toEqual([
      'Escalation step 1/3, round 1/2: paged alice, primary on call for api, by direct message.',
      'Escalation step 2/3, round 1/2: paged bob, secondary on call for api, by direct message. Late: it was due at 2026-03-04 11:05 CET and dayops was not running then.',
    ]);
    // The next wait counts from the late step.
    await advance(second, 9 * MINUTE);
    expect(await threadLines(second, group)).toHaveLength(2);
    await advance(second, MINUTE);
    expect(await threadLines(second, group)).toHaveLength(3);
  });
});
