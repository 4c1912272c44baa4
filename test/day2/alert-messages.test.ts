import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldOf, startDay2, textOf } from './app.js';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Critical prod alerts page in Slack and continue to the checkout team's channel. */
const ROUTES = [
  { match: ['severity=critical'], channel: 'slack:C0PAGER', continue: true },
  { match: ['service=checkout'], channel: 'shell:checkout', continue: false },
];

describe('routed copies of a group', () => {
  it('every channel gets the same living message and the same thread history', async () => {
    const w = await startDay2((c) => {
      c.alerts.routes = ROUTES;
    });
    await w.alert('alertmanager', fixture('alertmanager/firing-group.json'));
    await w.press('bob', 'alerts.ack', 'ALG-1');
    await w.alert('alertmanager', fixture('alertmanager/partially-resolved.json'));
    await w.idle();
    const first = w.threadOf('alert-group:ALG-1').map((p) => [p.channelId, p.message.text]);
    const copy = w.threadOf('alert-group:ALG-1|shell:checkout').map((p) => [p.channelId, p.message.text]);
    expect(first.map(([channel]) => channel)).toEqual(['C0PAGER', 'C0PAGER']);
    expect(copy.map(([channel]) => channel)).toEqual(['checkout', 'checkout']);
    expect(copy.map(([, text]) => text)).toEqual(first.map(([, text]) => text));
    expect(first[0]![1]).toBe('Acknowledged by bob.');
    // Both copies carry the same latest content.
    expect(w.latest('alert-group:ALG-1|shell:checkout')).toEqual(w.latest('alert-group:ALG-1'));
  });
});

describe('what a message carries', () => {
  it("a single generic alert shows its description; Grafana's values and every link it sent", async () => {
    const w = await startDay2();
    await w.alert('generic', { title: 'Backup late', labels: { service: 'api', severity: 'warning' }, description: 'no backup since 26h', annotations: { summary: 'db backup is late' } });
    await w.alert('grafana', fixture('grafana/firing.json'));
    await w.idle();
    expect(w.latest('alert-group:ALG-1')?.text).toBe('db backup is late\nno backup since 26h');
    const grafana = w.latest('alert-group:ALG-2')!;
    expect(grafana.text).toBe('checkout p99 latency is 2.4s (threshold 1.5s)\np99 latency for checkout has been above 1.5s for 5 minutes.\nValues: A=2.412, C=1');
    expect(grafana.buttons?.filter((b) => b.kind === 'link').map((b) => b.label)).toEqual(['Source', 'Dashboard', 'Panel', 'Silence in Grafana', 'Runbook']);
  });

  it('acknowledgement and silence times are time values, and replies speak the team time zone', async () => {
    const w = await startDay2((c) => {
      c.timezone = 'Europe/Berlin';
    });
    await w.alert('alertmanager', fixture('alertmanager/firing-group.json'));
    await w.press('bob', 'alerts.ack', 'ALG-1');
    const silenced = await w.say('bob', 'silence service=checkout --for 2h --reason db failover');
    await w.idle();
    // 22:25 UTC is 23:25 in Berlin; two hours later it is 01:25 on the next day there.
    expect(textOf(silenced)).toBe('SIL-1 silences service="checkout" until 2026-11-22 01:25 CET.');
    const message = w.latest('alert-group:ALG-1')!;
    expect(fieldOf(message, 'Acknowledged by bob')).toEqual({ at: '2026-11-21T22:25:00.000Z', style: 'datetime' });
    expect(fieldOf(message, 'Silenced (SIL-1) until')).toEqual({ at: '2026-11-22T00:25:00.000Z', style: 'datetime' });
    expect(JSON.stringify(message.context)).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(w.threadOf('alert-group:ALG-1').map((p) => p.message.text)).toContain('Silenced for 2h by bob (SIL-1), until 2026-11-22 01:25 CET.');
  });
});

describe('an alert and its incident', () => {
  it('the group message names the incident declared from it, in every copy, and offers no second declaration', async () => {
    const w = await startDay2((c) => {
      c.alerts.routes = ROUTES;
    });
    await w.alert('alertmanager', fixture('alertmanager/firing-group.json'));
    const declared = await w.press('bob', 'incident.declare-from-alert', 'ALG-1');
    await w.idle();
    expect(textOf(declared)).toMatch(/^bob declared INC-1 \(SEV1\) from ALG-1: /);
    for (const key of ['alert-group:ALG-1', 'alert-group:ALG-1|shell:checkout']) {
      const message = w.latest(key)!;
      expect(fieldOf(message, 'Incident')).toBe('INC-1, coordinated in its thread');
      expect(message.buttons?.map((b) => b.label)).not.toContain('Declare incident');
      expect(w.threadOf(key).map((p) => p.message.text)).toEqual(['bob declared INC-1 for this alert.']);
    }
    expect(fieldOf(w.latest('incident:INC-1'), 'Alert groups')).toBe('ALG-1');
  });
});
