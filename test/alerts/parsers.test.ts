import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAlertmanager } from '../../adapters/alerts/alertmanager.js';
import { parseGeneric } from '../../adapters/alerts/generic.js';
import { parseGrafana } from '../../adapters/alerts/grafana.js';

const fixture = (path: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
const NOW = new Date('2026-11-21T23:00:00Z');

describe('parseAlertmanager', () => {
  it('reads a firing v4 group into neutral alerts with the group key and links', () => {
    const result = parseAlertmanager(fixture('alertmanager/firing-group.json'));
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    const batch = result.value;
    expect(batch.source).toBe('alertmanager');
    expect(batch.groupKey).toBe('{}/{env="prod"}:{alertname="HighErrorRate", service="checkout"}');
    expect(batch.groupLabels).toEqual({ alertname: 'HighErrorRate', service: 'checkout' });
    expect(batch.alerts.map((a) => [a.fingerprint, a.status])).toEqual([
      ['5e1f0c8a3b2d4e6f', 'firing'],
      ['a7c3d9e1f4b60258', 'firing'],
    ]);
    const first = batch.alerts[0]!;
    expect(first.endsAt).toBeUndefined();
    expect(first.labels.instance).toBe('checkout-7d9f8b6c5-2kq4x:8080');
    expect(first.links.map((l) => l.label)).toEqual(['Source', 'Runbook']);
  });

  it('keeps the end time of a resolved alert and treats the zero time as still firing', () => {
    const result = parseAlertmanager(fixture('alertmanager/partially-resolved.json'));
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    expect(result.value.alerts.map((a) => a.endsAt)).toEqual(['2026-11-21T22:36:05.123Z', undefined]);
  });

  it('explains what is wrong with a payload of another version or with missing fields', () => {
    const bad = { ...(fixture('alertmanager/firing-group.json') as object), version: '3', groupKey: undefined };
    const result = parseAlertmanager(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons.some((r) => r.startsWith('version:') && r.includes('version "4"'))).toBe(true);
    expect(result.reasons.some((r) => r.startsWith('groupKey:'))).toBe(true);
  });

  it('refuses an alert without a fingerprint, naming where it is', () => {
    const payload = fixture('alertmanager/firing-group.json') as { alerts: Record<string, unknown>[] };
    delete payload.alerts[1]!.fingerprint;
    const result = parseAlertmanager(payload);
    expect(result.ok ? [] : result.reasons).toEqual([expect.stringMatching(/^alerts\.1\.fingerprint: /)]);
  });
});

describe('parseGrafana', () => {
  it('reads the contact point payload with its links, values and a title without the count', () => {
    const result = parseGrafana(fixture('grafana/firing.json'));
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    const [alert] = result.value.alerts;
    expect(result.value.source).toBe('grafana');
    expect(result.value.title).toBe('[FIRING:1] Checkout p99 latency Payments (checkout prod critical)');
    expect(alert!.fingerprint).toBe('9b2e61f0c4a7d835');
    expect(alert!.annotations.values).toBe('A=2.412, C=1');
    expect(alert!.links.map((l) => l.label)).toEqual(['Source', 'Dashboard', 'Panel', 'Silence in Grafana', 'Runbook']);
  });

  it('reads the resolved payload with its end time', () => {
    const result = parseGrafana(fixture('grafana/resolved.json'));
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    expect(result.value.alerts[0]).toMatchObject({ status: 'resolved', endsAt: '2026-11-21T22:48:00Z' });
  });

  it('makes a stable fingerprint from the labels when Grafana sends none', () => {
    const payload = fixture('grafana/firing.json') as { alerts: Record<string, unknown>[] };
    delete payload.alerts[0]!.fingerprint;
    const a = parseGrafana(payload);
    const b = parseGrafana(structuredClone(payload));
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(a.value.alerts[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(a.value.alerts[0]!.fingerprint).toBe(b.value.alerts[0]!.fingerprint);
  });
});

describe('parseGeneric', () => {
  it('reads a single alert, grouping by its title and stamping the time it arrived', () => {
    const result = parseGeneric({ title: 'DiskAlmostFull', labels: { service: 'api' }, description: 'disk 93% full' }, NOW);
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    const [alert] = result.value.alerts;
    expect(result.value.groupKey).toBe('DiskAlmostFull');
    expect(alert).toMatchObject({
      status: 'firing',
      startsAt: NOW.toISOString(),
      labels: { alertname: 'DiskAlmostFull', service: 'api' },
      annotations: { summary: 'DiskAlmostFull', description: 'disk 93% full' },
    });
  });

  it('reads a group of alerts with ids and a resolved one', () => {
    const result = parseGeneric(
      { group: 'backups', alerts: [{ id: 'b1', title: 'Backup late' }, { id: 'b2', title: 'Backup failed', status: 'resolved' }] },
      NOW,
    );
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    expect(result.value.alerts.map((a) => [a.groupKey, a.fingerprint, a.status, a.endsAt])).toEqual([
      ['backups', 'b1', 'firing', undefined],
      ['backups', 'b2', 'resolved', NOW.toISOString()],
    ]);
  });

  it('refuses unknown fields and a missing title with reasons', () => {
    const result = parseGeneric({ alerts: [{ labels: {} }], colour: 'red' }, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reasons.length).toBeGreaterThan(0);
  });
});

describe('payloads captured from the real Alertmanager 0.25', () => {
  it('parses the firing and the resolved delivery of the same group', () => {
    const firing = parseAlertmanager(fixture('alertmanager/captured-firing.json'));
    const resolved = parseAlertmanager(fixture('alertmanager/captured-resolved.json'));
    if (!firing.ok || !resolved.ok) throw new Error('captured payloads must parse');
    expect(firing.value.groupKey).toBe('{}:{alertname="HighErrorRate", service="checkout"}');
    expect(resolved.value.groupKey).toBe(firing.value.groupKey);
    expect(firing.value.alerts.map((a) => [a.status, a.endsAt])).toEqual([
      ['firing', undefined],
      ['firing', undefined],
    ]);
    expect(resolved.value.alerts.every((a) => a.status === 'resolved' && a.endsAt !== undefined)).toBe(true);
    expect(resolved.value.alerts.map((a) => a.fingerprint).sort()).toEqual(firing.value.alerts.map((a) => a.fingerprint).sort());
  });
});
