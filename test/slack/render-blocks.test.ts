import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackMentions } from '../../adapters/chat/slack/mentions.js';
import { renderBlocks, type SlackMessage } from '../../adapters/chat/slack/render.js';
import { alertGroupMessage } from '../../bot/alerts/message.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { decisionMessage } from '../../bot/decisions/message.js';
import { approvalMessage, deploymentMessage } from '../../bot/deployments/message.js';
import type { Button, Field, OpsMessage } from '../../bot/model.js';
import { People } from '../../bot/people.js';
import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DecisionRecord } from '../../data/records/decision.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import { slackConfig } from './support.js';

const AT = '2026-01-05T09:00:00.000Z';
const UNIX = Date.parse(AT) / 1000;

function configWith(change: Partial<Config>): Config {
  return { ...slackConfig(), ...change };
}

const config = configWith({
  groups: { 'slack:S0ONCALL1': ['oncall'] },
  alerts: { ...loadConfig({}).alerts, severities: { critical: { tone: 'danger', mention: ['role:oncall', 'bob', 'carol'] } } },
});
const options = { tz: 'UTC', mention: slackMentions(new People(config), config) };
const render = (m: OpsMessage) => renderBlocks(m, options);

type AnyBlock = { type: string; text?: { type: string; text: string }; fields?: { text: string }[]; elements?: Record<string, unknown>[] };

function blocksOf(out: SlackMessage): AnyBlock[] {
  return out.blocks as AnyBlock[];
}

function ofType(out: SlackMessage, type: string): AnyBlock[] {
  return blocksOf(out).filter((b) => b.type === type);
}

/** Every documented limit the renderer promises to stay within. */
function expectWithinLimits(out: SlackMessage): void {
  const blocks = blocksOf(out);
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(out.text.length).toBeGreaterThan(0);
  expect(out.text.length).toBeLessThanOrEqual(4000);
  const actionIds = new Set<string>();
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    if (b.fields) {
      expect(b.fields.length).toBeLessThanOrEqual(10);
      for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (b.type === 'context') expect(b.elements!.length).toBeLessThanOrEqual(10);
    if (b.type === 'actions') {
      expect(b.elements!.length).toBeLessThanOrEqual(25);
      for (const e of b.elements!) {
        const id = e.action_id as string;
        expect(actionIds.has(id)).toBe(false);
        actionIds.add(id);
        if (e.type === 'button') expect((e.text as { text: string }).text.length).toBeLessThanOrEqual(75);
      }
    }
  }
}

const decision: DecisionRecord = {
  id: 'D-7',
  title: 'Nightly PostgreSQL backups',
  category: 'database',
  service: 'api',
  context: 'We lose <1 day> of data & sleep badly',
  options: ['pgBackRest', 'managed snapshots'],
  status: 'proposed',
  owner: 'alice',
  decisionMakers: [],
  createdAt: AT,
  updatedAt: AT,
  channel: 'slack:C0OPSPROD01',
  history: [{ status: 'proposed', by: 'alice', at: AT }],
};

const who = { person: 'alice', platform: 'slack', userId: 'U0AB12CD34E', displayName: 'Alice' };

const deployment: DeploymentRecord = {
  id: 'DEP-12',
  service: 'checkout',
  env: 'production',
  version: 'v2.8.1',
  requester: who,
  requestedFrom: { channel: 'slack:C0OPSPROD01' },
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
  channels: ['slack:C0ALERTS01'],
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

describe('renderBlocks: the messages features produce', () => {
  it('renders a proposed decision: header, people’s text as plain_text, short fields side by side, buttons, dated context', () => {
    const out = render(decisionMessage(decision));
    expectWithinLimits(out);
    const [header] = ofType(out, 'header');
    expect(header?.text).toEqual({ type: 'plain_text', text: ':information_source: D-7 · Nightly PostgreSQL backups', emoji: true });
    expect(blocksOf(out)[1]?.text).toEqual({ type: 'plain_text', text: 'We lose <1 day> of data & sleep badly', emoji: true });
    const fieldSection = blocksOf(out).find((b) => b.fields);
    expect(fieldSection?.fields?.map((f) => f.text)).toEqual(['Status\nproposed', 'Category\ndatabase', 'Service\napi', 'Owner\nalice']);
    expect(fieldSection?.fields?.every((f) => (f as { type?: string }).type === 'plain_text')).toBe(true);
    expect(blocksOf(out).some((b) => b.text?.text === 'Options\n• pgBackRest\n• managed snapshots')).toBe(true);
    const [actions] = ofType(out, 'actions');
    expect(actions?.elements).toEqual([
      { type: 'button', action_id: 'decision.accept', text: { type: 'plain_text', text: 'Accept', emoji: true }, value: 'D-7', style: 'primary' },
      { type: 'button', action_id: 'decision.reject', text: { type: 'plain_text', text: 'Reject', emoji: true }, value: 'D-7', style: 'danger' },
    ]);
    const [context] = ofType(out, 'context');
    expect(context?.elements?.[0]).toEqual({ type: 'mrkdwn', text: `<!date^${UNIX}^{date_short_pretty} {time}|2026-01-05 09:00 UTC>` });
    expect(out.text).toContain('D-7 · Nightly PostgreSQL backups');
  });

  it('renders an accepted decision with only the Day-2 duty button, and none once the duty exists', () => {
    const accepted = { ...decision, status: 'accepted' as const, decisionMakers: ['bob'] };
    const out = render(decisionMessage(accepted));
    expectWithinLimits(out);
    expect(ofType(out, 'actions')[0]?.elements?.map((e) => e.action_id)).toEqual(['duty.create']);
    expect(ofType(out, 'header')[0]?.text?.text).toMatch(/^:white_check_mark: /);
    expect(ofType(render(decisionMessage({ ...accepted, duty: 'REM-3' })), 'actions')).toHaveLength(0);
  });

  it('renders a running deployment with a Halt button carrying its confirm dialog', () => {
    const out = render(deploymentMessage(deployment));
    expectWithinLimits(out);
    const halt = ofType(out, 'actions')[0]?.elements?.[0];
    expect(halt).toMatchObject({ action_id: 'deploy.halt', value: 'DEP-12', style: 'danger' });
    expect(halt?.confirm).toEqual({
      title: { type: 'plain_text', text: 'Halt this deployment?' },
      text: { type: 'plain_text', text: 'The engine is told to stop at once; what it has done so far stays done.' },
      confirm: { type: 'plain_text', text: 'Halt' },
      deny: { type: 'plain_text', text: 'Keep going' },
      style: 'danger',
    });
  });

  it('renders an approval request with the expiry as a relative Slack date', () => {
    const out = render(approvalMessage({ ...deployment, state: 'awaiting_approval', expiresAt: '2026-01-05T10:00:00.000Z' }));
    expectWithinLimits(out);
    expect(ofType(out, 'header')[0]?.text?.text).toContain('Approval needed: DEP-12');
    const expires = blocksOf(out).flatMap((b) => b.fields ?? []).find((f) => f.text.startsWith('*Expires*'));
    expect(expires?.text).toBe(`*Expires*\n<!date^${UNIX + 3600}^{date_short_pretty} {time} ({ago})|2026-01-05 10:00 UTC>`);
    expect(ofType(out, 'actions')[0]?.elements?.map((e) => e.action_id)).toEqual(['deploy.approve', 'deploy.deny']);
  });

  it('renders a firing alert group with role and person mentions Slack notifies, and a plain fallback', () => {
    const out = render(alertGroupMessage(alertGroup, config));
    expectWithinLimits(out);
    expect(ofType(out, 'header')[0]?.text?.text).toBe(':rotating_light: FIRING HighErrorRate checkout');
    // carol is not a person in the config: she stays plain text.
    expect(blocksOf(out).some((b) => b.text?.text === '<!subteam^S0ONCALL1> <@U0CD56EF78G> @carol')).toBe(true);
    expect(out.text).toContain('<!subteam^S0ONCALL1>');
  });

  it('renders a resolved alert group with its links as link buttons', () => {
    const out = render(alertGroupMessage({ ...alertGroup, status: 'resolved', resolvedAt: AT }, config));
    expectWithinLimits(out);
    const link = ofType(out, 'actions')[0]?.elements?.[0];
    expect(link).toMatchObject({ type: 'button', url: 'https://runbooks.example.com/errors' });
    expect(String(link?.action_id)).toMatch(/^open-link~/);
  });

  it('renders a choice list as a static_select, and a text-only reply as one section', () => {
    const choice: Button = { kind: 'choice', label: 'Severity', action: 'incident.severity', options: [{ label: 'SEV1', value: 'sev1' }, { label: 'SEV2', value: 'sev2' }] };
    const out = render({ text: 'Set the severity', buttons: [choice] });
    expect(ofType(out, 'actions')[0]?.elements?.[0]).toEqual({
      type: 'static_select',
      action_id: 'incident.severity',
      placeholder: { type: 'plain_text', text: 'Severity', emoji: true },
      options: [
        { text: { type: 'plain_text', text: 'SEV1', emoji: true }, value: 'sev1' },
        { text: { type: 'plain_text', text: 'SEV2', emoji: true }, value: 'sev2' },
      ],
    });
    const plain = render({ text: 'Nothing is firing.' });
    expect(plain).toEqual({ text: 'Nothing is firing.', blocks: [{ type: 'section', text: { type: 'plain_text', text: 'Nothing is firing.', emoji: true } }] });
  });
});

describe('renderBlocks: Slack limits', () => {
  it('cuts long text, titles and labels with a visible marker', () => {
    const out = render({ title: 'T'.repeat(300), text: 'x'.repeat(5000), buttons: [{ kind: 'action', label: 'L'.repeat(100), action: 'a.b', value: '1' }] });
    expectWithinLimits(out);
    expect(ofType(out, 'header')[0]?.text?.text).toMatch(/… \(truncated\)$/);
    expect(blocksOf(out)[1]?.text?.text).toHaveLength(3000);
    expect(blocksOf(out)[1]?.text?.text).toMatch(/… \(truncated\)$/);
  });

  it('puts at most 10 fields in a section and 25 elements in an actions block, with unique action ids', () => {
    const fields: Field[] = Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: String(i), short: true }));
    const buttons: Button[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'action', label: `B${i}`, action: 'deploy.approve', value: `DEP-${i}` }));
    const out = render({ fields, buttons });
    expectWithinLimits(out);
    expect(blocksOf(out).filter((b) => b.fields).map((b) => b.fields!.length)).toEqual([10, 2]);
    expect(ofType(out, 'actions').map((b) => b.elements!.length)).toEqual([25, 5]);
    expect(ofType(out, 'actions')[0]?.elements?.slice(0, 2).map((e) => e.action_id)).toEqual(['deploy.approve', 'deploy.approve~1']);
  });

  it('keeps 49 of too many blocks and says the rest was cut', () => {
    const fields: Field[] = Array.from({ length: 80 }, (_, i) => ({ label: `Field ${i}`, value: 'long' }));
    const out = render({ title: 'Many', fields });
    expectWithinLimits(out);
    expect(out.blocks).toHaveLength(50);
    const last = blocksOf(out)[49];
    expect(last?.type).toBe('context');
    expect(String(last?.elements?.[0]?.text)).toContain('… (truncated)');
  });

  it('never throws and always stays within the limits, whatever the message', () => {
    const text = fc.string({ maxLength: 4000 });
    const button = fc.oneof(
      fc.record({ kind: fc.constant('action' as const), label: text, action: fc.constantFrom('a.b', 'c.d'), value: fc.string({ maxLength: 3000 }) }),
      fc.record({ kind: fc.constant('link' as const), label: text, url: fc.constant('https://example.com') }),
    );
    const message = fc.record(
      {
        title: text,
        text: fc.string({ maxLength: 8000 }),
        fields: fc.array(fc.record({ label: text, value: text, short: fc.boolean() }), { maxLength: 70 }),
        buttons: fc.array(button, { maxLength: 60 }),
        context: fc.array(text, { maxLength: 15 }),
        mentions: fc.array(fc.record({ person: fc.constantFrom('alice', 'bob', 'nobody') }), { maxLength: 5 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(message, (m) => expectWithinLimits(render(m))), { numRuns: 150 });
  });
});
