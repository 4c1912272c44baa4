import { describe, expect, it } from 'vitest';
import { fixture, startAlerts } from './support.js';

type Payload = Record<string, unknown> & { alerts: Record<string, unknown>[] };

describe('alert groups', () => {
  it('changes nothing and sends nothing when the same delivery comes twice (an HA pair)', async () => {
    const h = await startAlerts();
    await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.idle();
    const second = await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    expect(await second.json()).toEqual({ status: 'ok', groups: [{ id: 'ALG-1', changed: false }] });
    await h.idle();
    expect(h.sender.calls).toEqual(['post:alert-group:ALG-1']);
    const audit = await h.ops.store.queryAudit({ target: 'ALG-1' });
    expect(audit).toHaveLength(1);
  });

  it('edits the one message in place and writes each change into its thread, then closes the group', async () => {
    const h = await startAlerts();
    await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.idle();
    await h.send('alertmanager', fixture('alertmanager/partially-resolved.json'));
    await h.idle();
    const thread1 = h.sender.posts.find((p) => p.key === 'alert-group:ALG-1:line:1');
    expect(thread1?.threadRef).toBe('1');
    expect(thread1?.message.text).toBe('Resolved: checkout-7d9f8b6c5-2kq4x:8080 (Error rate is 7.3% on checkout-7d9f8b6c5-2kq4x.)');
    const edited = h.versions('alert-group:ALG-1').at(-1)!;
    expect(edited.fields).toContainEqual({ label: 'Alerts', value: '1 firing, 1 resolved', short: true });

    await h.send('alertmanager', fixture('alertmanager/resolved-group.json'));
    await h.idle();
    const final = h.versions('alert-group:ALG-1').at(-1)!;
    expect(final.title).toBe('RESOLVED HighErrorRate on checkout (prod)');
    expect(final.tone).toBe('success');
    expect(final.buttons?.some((b) => b.kind === 'action')).toBe(false);
    expect(h.sender.posts.filter((p) => p.key === 'alert-group:ALG-1')).toHaveLength(1);
    const open = await h.ops.store.inspect((tx) => tx.scan('alertGroup'));
    const all = await h.ops.store.inspect((tx) => tx.scan('alertGroup', { state: 'all' }));
    expect(open).toEqual([]);
    expect(all.map((g) => [g.id, g.status])).toEqual([['ALG-1', 'resolved']]);
  });

  it('opens a new group when the same group key fires again after it closed', async () => {
    const h = await startAlerts();
    await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.send('alertmanager', fixture('alertmanager/resolved-group.json'));
    const again = fixture<Payload>('alertmanager/firing-group.json');
    for (const a of again.alerts) a.startsAt = '2026-11-21T23:30:00Z';
    const res = await h.send('alertmanager', again);
    expect(await res.json()).toEqual({ status: 'ok', groups: [{ id: 'ALG-2', changed: true }] });
  });

  it('notes a re-fire in an open group but ignores a stale firing copy of a resolved alert', async () => {
    const h = await startAlerts();
    await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.send('alertmanager', fixture('alertmanager/partially-resolved.json'));
    const stale = await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    expect(await stale.json()).toEqual({ status: 'ok', groups: [{ id: 'ALG-1', changed: false }] });
    const refire = fixture<Payload>('alertmanager/firing-group.json');
    refire.alerts[0]!.startsAt = '2026-11-21T22:50:00Z';
    await h.send('alertmanager', refire);
    await h.idle();
    const lines = h.sender.posts.filter((p) => p.key.includes(':line:')).map((p) => p.message.text);
    expect(lines).toEqual([
      'Resolved: checkout-7d9f8b6c5-2kq4x:8080 (Error rate is 7.3% on checkout-7d9f8b6c5-2kq4x.)',
      'Firing again: checkout-7d9f8b6c5-2kq4x:8080 (Error rate is 7.3% on checkout-7d9f8b6c5-2kq4x.)',
    ]);
  });

  it('ignores resolved alerts of a group it never saw firing', async () => {
    const h = await startAlerts();
    const res = await h.send('alertmanager', fixture('alertmanager/resolved-group.json'));
    expect(await res.json()).toEqual({ status: 'ok', groups: [] });
    await h.idle();
    expect(h.sender.calls).toEqual([]);
  });

  it('routes by label matchers: first match, continue, the service channel, then the default', async () => {
    const h = await startAlerts({
      alerts: {
        routes: [
          { match: ['severity=critical', 'env=~prod|production'], channel: 'shell:pager', continue: true },
          { match: ['service!=checkout'], channel: 'shell:other' },
          { match: ['service=checkout'], channel: 'shell:checkout' },
          { match: [], channel: 'shell:never' },
        ],
      },
      services: { web: { channel: 'shell:web-team' } },
    });
    await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.send('generic', { title: 'Slow', labels: { service: 'web', severity: 'warning' } });
    await h.idle();
    const groups = await h.ops.store.inspect((tx) => tx.scan('alertGroup'));
    expect(groups.map((g) => [g.id, g.channels])).toEqual([
      ['ALG-1', ['shell:pager', 'shell:checkout']],
      ['ALG-2', ['shell:other']],
    ]);
    expect(h.sender.posts.map((p) => [p.channelId, p.key])).toEqual([
      ['pager', 'alert-group:ALG-1'],
      ['checkout', 'alert-group:ALG-1|shell:checkout'],
      ['other', 'alert-group:ALG-2'],
    ]);
  });

  it('without routes, uses the service channel and then channels.alerts', async () => {
    const h = await startAlerts({ services: { web: { channel: 'shell:web-team' } } });
    await h.send('generic', { title: 'Slow', labels: { service: 'web' } });
    await h.send('generic', { title: 'Odd', labels: { service: 'api' } });
    const groups = await h.ops.store.inspect((tx) => tx.scan('alertGroup'));
    expect(groups.map((g) => g.channels[0])).toEqual(['shell:web-team', 'shell:alerts']);
  });

  it('takes service, env and severity from the labels the config names, and sets tone and mentions', async () => {
    const h = await startAlerts({
      alerts: {
        labels: { service: 'app', env: 'stage', severity: 'level' },
        severities: { p1: { tone: 'danger', mention: ['bob', 'role:oncall'] } },
      },
    });
    await h.send('generic', { title: 'Down', labels: { app: 'billing', stage: 'production', level: 'p1' } });
    await h.idle();
    const group = await h.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(group).toMatchObject({ service: 'billing', env: 'production', severity: 'p1' });
    expect(h.sender.posts[0]!.message).toMatchObject({ tone: 'danger', mentions: [{ person: 'bob' }, { role: 'oncall' }] });
  });
});

describe('alert groups from captured Alertmanager deliveries', () => {
  it('opens on the captured firing delivery and closes on the captured resolved one', async () => {
    const h = await startAlerts();
    await h.send('alertmanager', fixture('alertmanager/captured-firing.json'));
    await h.send('alertmanager', fixture('alertmanager/captured-firing.json'));
    await h.send('alertmanager', fixture('alertmanager/captured-resolved.json'));
    await h.idle();
    expect(h.sender.calls.filter((c) => c.startsWith('post:alert-group:ALG-1') && !c.includes(':line:'))).toEqual(['post:alert-group:ALG-1']);
    expect(h.versions('alert-group:ALG-1').at(-1)?.title).toBe('RESOLVED HighErrorRate on checkout (prod)');
  });
});
