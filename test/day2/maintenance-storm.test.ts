import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startDay2, textOf } from './app.js';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('a maintenance window that starts while a matching group fires', () => {
  it('mutes it (no re-notify, a line in its thread) and, when it ends, brings it up to date without posting it again', async () => {
    const w = await startDay2();
    await w.alert('alertmanager', fixture('alertmanager/firing-group.json'));
    await w.idle();
    const jobs = () => w.app.ops.store.inspect(async (tx) => (await tx.scan('job')).map((j) => j.id));
    expect(await jobs()).toContain('alerts-renotify:ALG-1');

    const answer = await w.say('bob', 'maintenance checkout --for 1h --reason db failover');
    expect(answer.failed).toBeFalsy();
    await w.idle();
    expect(w.latest('maintenance:MNT-1')?.text).toBe('db failover\nMatching alerts are recorded but not posted until it ends; groups already firing are muted.');
    expect(w.threadOf('alert-group:ALG-1').map((p) => p.message.text)).toEqual([
      'Muted by maintenance MNT-1 (db failover) until 2026-11-21 23:25 UTC: no re-notifying, and changes show here when it ends.',
    ]);
    expect(await jobs()).not.toContain('alerts-renotify:ALG-1');
    // A change while muted is recorded, not posted.
    const editsBefore = w.versions('alert-group:ALG-1').length;
    await w.alert('alertmanager', fixture('alertmanager/partially-resolved.json'));
    await w.idle();
    expect(w.versions('alert-group:ALG-1').length).toBe(editsBefore);

    // The end job comes due while the bot is being redeployed; it fires on start.
    w.clock.advance(61 * 60_000);
    await w.restart();
    await w.idle();
    const ended = w.latest('maintenance:MNT-1')!;
    expect(ended.title).toBe('Maintenance MNT-1 has ended');
    expect(ended.text).toBe('db failover\nIt is over: matching alerts are posted again.');
    expect(ended.text).not.toMatch(/not posted until it ends/);
    expect(w.threadOf('maintenance:MNT-1').map((p) => p.message.text)).toEqual([
      'Muted during the window (1):\n• ALG-1 HighErrorRate on checkout (prod): firing\nGroups still firing are posted now.',
    ]);
    // Posted once, ever; brought up to date by an edit, with a line saying the window is over.
    expect(w.shell.posts.filter((p) => p.key === 'alert-group:ALG-1')).toHaveLength(1);
    expect(w.latest('alert-group:ALG-1')?.fields).toContainEqual({ label: 'Alerts', value: '1 firing, 1 resolved', short: true });
    expect(w.threadOf('alert-group:ALG-1').map((p) => p.message.text).at(-1)).toBe('MNT-1 is over; still firing.');
    expect(await jobs()).toContain('alerts-renotify:ALG-1');
  });
});

describe('storm mode', () => {
  const generic = (n: number) => ({ title: `Check${n}`, labels: { service: 'api', severity: 'critical' }, description: `check ${n} failed` });

  it("puts one line per group in the digest's thread, the full card when someone opens it or the storm ends", async () => {
    const w = await startDay2((c) => {
      c.alerts.stormThreshold = 2;
    });
    for (let n = 1; n <= 6; n++) {
      await w.alert('generic', generic(n));
      w.clock.advance(2_000);
    }
    await w.idle();
    const top = w.shell.posts.filter((p) => !p.threadRef).map((p) => p.key);
    expect(top).toEqual(['alert-group:ALG-1', 'alert-group:ALG-2', 'alert-storm:storm-1']);
    const thread = w.threadOf('alert-storm:storm-1');
    // One call per storm group: its line, nothing else.
    expect(thread.map((p) => p.key)).toEqual(['alert-group:ALG-3', 'alert-group:ALG-4', 'alert-group:ALG-5', 'alert-group:ALG-6']);
    expect(thread[0]!.message).toEqual({
      text: 'ALG-3 · FIRING Check3 on api (critical, 1 firing)',
      tone: 'warning',
      buttons: [{ kind: 'action', label: 'Show', action: 'alerts.show', value: 'ALG-3' }],
    });

    // A viewer may open one: the line becomes the full card, in place.
    const shown = await w.press('carol', 'alerts.show', 'ALG-4');
    expect(textOf(shown)).toBe('ALG-4 shows its full card in the storm\'s thread now.');
    await w.idle();
    expect(w.latest('alert-group:ALG-4')?.title).toBe('FIRING Check4 on api');
    expect(w.latest('alert-group:ALG-3')?.title).toBeUndefined();

    // ALG-6 resolves while listed: its line says so.
    await w.alert('generic', { ...generic(6), status: 'resolved' });
    await w.idle();
    expect(w.latest('alert-group:ALG-6')?.text).toBe('ALG-6 · RESOLVED Check6 on api (critical, 0 firing)');

    // A quiet minute ends the storm on the running server: the lines of groups still firing open.
    await w.advance(61_000);
    for (const id of ['ALG-3', 'ALG-5']) expect(w.latest(`alert-group:${id}`)?.title).toBe(`FIRING Check${id.slice(4)} on api`);
    expect(w.latest('alert-group:ALG-6')?.title).toBeUndefined();
    expect(w.latest('alert-storm:storm-1')?.title).toBe('Alert storm over: 4 groups opened, 3 still firing');
    expect(w.threadOf('alert-storm:storm-1')).toHaveLength(4);
  });
});
