import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discordMentions } from '../../adapters/chat/discord/mentions.js';
import { renderMessage, TONE_COLOURS, type DiscordMessage } from '../../adapters/chat/discord/render.js';
import { alertGroupMessage } from '../../bot/alerts/message.js';
import { loadConfig } from '../../bin/config.js';
import { decisionMessage } from '../../bot/decisions/message.js';
import { approvalMessage, deploymentMessage } from '../../bot/deployments/message.js';
import type { Button, Field, OpsMessage } from '../../bot/model.js';
import { People } from '../../bot/people.js';
import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DecisionRecord } from '../../data/records/decision.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import { BOB, discordConfig } from './support.js';

const AT = '2026-01-05T09:00:00.000Z';
const UNIX = Date.parse(AT) / 1000;
const ONCALL_ROLE = '1310000000000000402';

const base = discordConfig({ token: 't' });
const config = {
  ...base,
  groups: { [`discord:${ONCALL_ROLE}`]: ['oncall'] },
  alerts: { ...loadConfig({}).alerts, severities: { critical: { tone: 'danger' as const, mention: ['role:oncall', 'bob', 'carol'] } } },
};
const render = (m: OpsMessage) => renderMessage(m, { mention: discordMentions(new People(config), config) });

type Component = { type: number; style?: number; label?: string; custom_id?: string; url?: string; disabled?: boolean; options?: unknown[] };

function components(out: DiscordMessage): Component[][] {
  return out.components.map((row) => row.components as Component[]);
}

/** Every documented limit the renderer promises to stay within. */
function expectWithinLimits(out: DiscordMessage): void {
  expect(out.content.length).toBeLessThanOrEqual(2000);
  expect(out.content.length + out.embeds.length + out.components.length).toBeGreaterThan(0);
  expect(out.embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of out.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
      total += f.name.length + f.value.length;
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  expect(out.components.length).toBeLessThanOrEqual(5);
  const ids = new Set<string>();
  for (const row of components(out)) {
    expect(row.length).toBeLessThanOrEqual(5);
    for (const c of row) {
      if (c.label !== undefined) expect(c.label.length).toBeLessThanOrEqual(80);
      if (c.custom_id === undefined) continue;
      expect(c.custom_id.length).toBeLessThanOrEqual(100);
      expect(ids.has(c.custom_id)).toBe(false);
      ids.add(c.custom_id);
    }
  }
}

const decision: DecisionRecord = {
  id: 'D-7',
  title: 'Nightly PostgreSQL backups',
  category: 'database',
  service: 'api',
  context: 'We lose *1 day* of data_and sleep badly',
  options: ['pgBackRest', 'managed snapshots'],
  status: 'proposed',
  owner: 'alice',
  decisionMakers: [],
  createdAt: AT,
  updatedAt: AT,
  channel: 'discord:1310000000000000200',
  history: [{ status: 'proposed', by: 'alice', at: AT }],
};

const deployment: DeploymentRecord = {
  id: 'DEP-12',
  service: 'checkout',
  env: 'production',
  version: 'v2.8.1',
  requester: { person: 'alice', platform: 'discord', userId: '1310000000000000300', displayName: 'Alice' },
  requestedFrom: { channel: 'discord:1310000000000000200' },
  state: 'running',
  history: [{ state: 'running', at: AT }],
  approvals: [],
  approvalsRequired: 1,
  logTail: [],
  notes: 0,
  createdAt: AT,
  updatedAt: AT,
};

const alertGroup: AlertGroupRecord = {
  id: 'ALG-9',
  source: 'alertmanager',
  groupKey: '{}:{alertname="HighErrorRate"}',
  groupLabels: { alertname: 'HighErrorRate' },
  title: 'HighErrorRate checkout',
  channels: ['discord:1310000000000000200'],
  service: 'checkout',
  env: 'production',
  severity: 'critical',
  status: 'firing',
  alerts: {
    a1: {
      fingerprint: 'a1',
      status: 'firing',
      labels: { alertname: 'HighErrorRate', instance: 'checkout-1' },
      annotations: { summary: 'Error rate above 5%' },
      startsAt: AT,
      links: [{ label: 'Runbook', url: 'https://runbooks.example.com/errors' }],
      updatedAt: AT,
    },
  },
  truncatedAlerts: 0,
  openedAt: AT,
  updatedAt: AT,
  renotified: 0,
  lines: 0,
};

describe('renderMessage: the messages features produce', () => {
  it('renders a proposed decision: embed with tone colour, escaped text, inline fields, buttons, footer and time', () => {
    const out = render(decisionMessage(decision));
    expectWithinLimits(out);
    const [embed] = out.embeds;
    expect(embed?.title).toBe('D-7 · Nightly PostgreSQL backups');
    expect(embed?.color).toBe(TONE_COLOURS.info);
    expect(embed?.description).toBe('We lose \\*1 day\\* of data\\_and sleep badly');
    expect(embed?.fields?.filter((f) => f.inline).map((f) => [f.name, f.value])).toEqual([
      ['Status', 'proposed'],
      ['Category', 'database'],
      ['Service', 'api'],
      ['Owner', 'alice'],
    ]);
    expect(embed?.timestamp).toBe(AT);
    expect(components(out)).toEqual([
      [
        { type: 2, style: 1, label: 'Accept', custom_id: 'decision.accept|D-7' },
        { type: 2, style: 4, label: 'Reject', custom_id: 'decision.reject|D-7' },
      ],
    ]);
    expect(out.allowed_mentions).toEqual({ parse: [] });
  });

  it('renders an accepted decision without Accept and Reject, in the success colour', () => {
    const out = render(decisionMessage({ ...decision, status: 'accepted', decisionMakers: ['bob'] }));
    expectWithinLimits(out);
    expect(JSON.stringify(out.components)).not.toMatch(/decision\.(accept|reject)/);
    expect(out.embeds[0]?.color).toBe(TONE_COLOURS.success);
  });

  it('renders a running deployment with its Halt button', () => {
    const out = render(deploymentMessage(deployment));
    expectWithinLimits(out);
    expect(components(out)[0]?.[0]).toMatchObject({ style: 4, label: 'Halt', custom_id: 'deploy.halt|DEP-12' });
  });

  it('renders an approval request with the expiry as Discord timestamps', () => {
    const out = render(approvalMessage({ ...deployment, state: 'awaiting_approval', expiresAt: '2026-01-05T10:00:00.000Z' }));
    expectWithinLimits(out);
    expect(out.embeds[0]?.title).toContain('Approval needed: DEP-12');
    expect(out.embeds[0]?.color).toBe(TONE_COLOURS.warning);
    const expires = out.embeds[0]?.fields?.find((f) => f.name === 'Expires');
    expect(expires?.value).toBe(`<t:${UNIX + 3600}:f> (<t:${UNIX + 3600}:R>)`);
    expect(components(out)[0]?.map((c) => c.custom_id)).toEqual(['deploy.approve|DEP-12', 'deploy.deny|DEP-12']);
  });

  it('renders a firing alert group with role and person mentions Discord notifies, and only those allowed to ping', () => {
    const out = render(alertGroupMessage(alertGroup, config));
    expectWithinLimits(out);
    expect(out.embeds[0]?.color).toBe(TONE_COLOURS.danger);
    // carol is not a person in the config: she stays plain text.
    expect(out.content).toBe(`<@&${ONCALL_ROLE}> <@${BOB}> @carol`);
    expect(out.allowed_mentions).toEqual({ parse: [], users: [BOB], roles: [ONCALL_ROLE] });
  });

  it('renders a resolved alert group with its links as link buttons', () => {
    const out = render(alertGroupMessage({ ...alertGroup, status: 'resolved', resolvedAt: AT }, config));
    expectWithinLimits(out);
    expect(components(out)[0]?.[0]).toEqual({ type: 2, style: 5, label: 'Runbook', url: 'https://runbooks.example.com/errors' });
  });

  it('renders a choice list as a string select in its own row, and a text-only reply as plain content', () => {
    const choice: Button = { kind: 'choice', label: 'Severity', action: 'incident.severity', options: [{ label: 'SEV1', value: 'sev1' }, { label: 'SEV2', value: 'sev2' }] };
    const out = render({ text: 'Set the severity', buttons: [{ kind: 'action', label: 'Ack', action: 'alert.ack', value: 'ALG-1' }, choice] });
    expect(components(out)).toEqual([
      [{ type: 2, style: 2, label: 'Ack', custom_id: 'alert.ack|ALG-1' }],
      [{ type: 3, custom_id: 'incident.severity|', placeholder: 'Severity', options: [{ label: 'SEV1', value: 'sev1' }, { label: 'SEV2', value: 'sev2' }] }],
    ]);
    expect(render({ text: 'Nothing is firing.' })).toEqual({ content: 'Nothing is firing.', embeds: [], components: [], allowed_mentions: { parse: [] } });
    expect(render({}).content.length).toBeGreaterThan(0);
  });
});

describe('renderMessage: Discord limits', () => {
  it('cuts long titles and text with a visible marker, and clips labels', () => {
    const out = render({ title: 'T'.repeat(300), text: 'x'.repeat(5000), buttons: [{ kind: 'action', label: 'L'.repeat(100), action: 'a.b', value: '1' }] });
    expectWithinLimits(out);
    expect(out.embeds[0]?.title).toMatch(/… \(truncated\)$/);
    expect(out.embeds[0]?.description).toHaveLength(4096);
    expect(components(out)[0]?.[0]?.label).toHaveLength(80);
    expect(render({ text: 'y'.repeat(3000) }).content).toMatch(/^y+… \(truncated\)$/);
  });

  it('keeps 24 of too many fields and says how many are not shown', () => {
    const fields: Field[] = Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: String(i), short: true }));
    const out = render({ title: 'Many', fields });
    expectWithinLimits(out);
    expect(out.embeds[0]?.fields).toHaveLength(25);
    expect(out.embeds[0]?.fields?.[24]).toEqual({ name: '… (truncated)', value: '6 more fields are not shown', inline: false });
  });

  it('keeps the embed within 6,000 characters by cutting the description, then fields', () => {
    const fields: Field[] = Array.from({ length: 10 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(1000) }));
    const out = render({ title: 'Big', text: 'd'.repeat(4000), fields });
    expectWithinLimits(out);
    expect(out.embeds[0]?.description).toMatch(/… \(truncated\)$/);
    expect(out.embeds[0]?.fields?.at(-1)?.name).toBe('… (truncated)');
  });

  it('puts five buttons in a row, five rows at most, unique custom_ids, and says how many buttons are not shown', () => {
    const buttons: Button[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'action', label: `B${i}`, action: 'deploy.approve', value: 'DEP-1' }));
    const out = render({ text: 'Pick', buttons });
    expectWithinLimits(out);
    expect(components(out).map((r) => r.length)).toEqual([5, 5, 5, 5, 5]);
    expect(components(out)[0]?.slice(0, 2).map((c) => c.custom_id)).toEqual(['deploy.approve|DEP-1', 'deploy.approve~1|DEP-1']);
    expect(out.content).toContain('… (truncated): 5 more buttons are not shown');
  });

  it('greys out a button whose value does not fit in a custom_id instead of failing', () => {
    const out = render({ buttons: [{ kind: 'action', label: 'Go', action: 'a.b', value: 'v'.repeat(200) }] });
    expect(components(out)[0]?.[0]).toMatchObject({ disabled: true, label: 'Go' });
  });

  it('never throws and always stays within the limits, whatever the message', () => {
    const text = fc.string({ maxLength: 3000 });
    const button = fc.oneof(
      fc.record({ kind: fc.constant('action' as const), label: text, action: fc.constantFrom('a.b', 'c.d'), value: fc.string({ maxLength: 150 }) }),
      fc.record({ kind: fc.constant('link' as const), label: text, url: fc.constant('https://example.com') }),
      fc.record({
        kind: fc.constant('choice' as const),
        label: text,
        action: fc.constant('e.f'),
        options: fc.array(fc.record({ label: text, value: fc.string({ maxLength: 120 }) }), { maxLength: 30 }),
      }),
    );
    const message = fc.record(
      {
        title: text,
        text: fc.string({ maxLength: 8000 }),
        tone: fc.constantFrom('neutral' as const, 'info' as const, 'danger' as const),
        fields: fc.array(fc.record({ label: text, value: text, short: fc.boolean() }), { maxLength: 40 }),
        buttons: fc.array(button, { maxLength: 40 }),
        context: fc.array(text, { maxLength: 15 }),
        mentions: fc.array(fc.record({ person: fc.constantFrom('alice', 'bob', 'nobody') }), { maxLength: 5 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(message, (m) => expectWithinLimits(render(m))), { numRuns: 150 });
  });
});
