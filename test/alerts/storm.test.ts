import { describe, expect, it } from 'vitest';
import { chatFor } from './router.js';
import { startOps } from './support.js';

const alert = (n: number, severity = 'critical') => ({ title: `Check${n}`, labels: { service: n % 2 ? 'api' : 'web', severity } });

describe('storm mode', () => {
  it('turns more than the threshold of new groups in a minute into one digest with the groups in its thread', async () => {
    const h = await startOps({ alerts: { stormThreshold: 3 } });
    for (let n = 1; n <= 5; n++) {
      await h.ingest('generic', alert(n, n === 5 ? 'warning' : 'critical'));
      h.ops.clock.advance(5_000);
    }
    await h.idle();
    const top = h.sender.posts.filter((p) => !p.threadRef).map((p) => p.key);
    expect(top).toEqual(['alert-group:ALG-1', 'alert-group:ALG-2', 'alert-group:ALG-3', 'alert-storm:storm-1']);
    const digestRef = String(h.sender.posts.findIndex((p) => p.key === 'alert-storm:storm-1') + 1);
    const inThread = h.sender.posts.filter((p) => p.threadRef === digestRef).map((p) => p.key);
    expect(inThread).toEqual(['alert-group:ALG-4', 'alert-group:ALG-5']);
    const digest = h.versions('alert-storm:storm-1').at(-1)!;
    expect(digest.title).toBe('Alert storm: 2 groups opened, 2 still firing');
    expect(digest.fields).toContainEqual({ label: 'Firing by severity', value: 'critical 1, warning 1', short: true });

    await chatFor(h.ops).press('alerts.resolve', 'ALG-4');
    await h.idle();
    expect(h.versions('alert-storm:storm-1').at(-1)!.title).toBe('Alert storm: 2 groups opened, 1 still firing');
  });

  it('lets a channel calm down: after a quiet minute a new group gets its own message again', async () => {
    const h = await startOps({ alerts: { stormThreshold: 1 } });
    await h.ingest('generic', alert(1));
    await h.ingest('generic', alert(2));
    h.ops.clock.advance(61_000);
    await h.ingest('generic', alert(3));
    await h.idle();
    expect(h.sender.posts.filter((p) => !p.threadRef).map((p) => p.key)).toEqual(['alert-group:ALG-1', 'alert-storm:storm-1', 'alert-group:ALG-3']);
  });

  it('counts channels separately', async () => {
    const h = await startOps({ alerts: { stormThreshold: 1, routes: [{ match: ['service=web'], channel: 'shell:web' }] } });
    await h.ingest('generic', alert(1));
    await h.ingest('generic', alert(2));
    await h.idle();
    expect(h.sender.posts.map((p) => p.key)).toEqual(['alert-group:ALG-1', 'alert-group:ALG-2']);
  });
});
