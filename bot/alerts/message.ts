import type { AlertGroupRecord, AlertState } from '../../data/records/alert-group.js';
import type { Config } from '../config/schema.js';
import { formatDuration } from '../time.js';
import type { Button, Field, Mention, OpsMessage, Tone } from '../model.js';

/** The action the incidents feature implements; the button is shown from day one. */
export const DECLARE_INCIDENT_ACTION = 'incident.declare-from-alert';
/** Opens a storm group's full card in the digest's thread. */
export const SHOW_GROUP_ACTION = 'alerts.show';

const MAX_LISTED = 10;

/** The group's living message: what fires, what resolved, who acknowledged, what to press. */
export function alertGroupMessage(group: AlertGroupRecord, config: Config): OpsMessage {
  const alerts = Object.values(group.alerts);
  const firing = alerts.filter((a) => a.status === 'firing');
  const open = group.status === 'firing';
  const mentions = open ? severityMentions(config, group.severity) : [];
  return {
    title: `${open ? 'FIRING' : 'RESOLVED'} ${group.title}`,
    text: [...detailLines(firing[0] ?? alerts[0], alerts.length === 1), ...alertLines(alerts)].filter(Boolean).join('\n'),
    tone: open ? toneOf(config, group.severity) : 'success',
    fields: [
      ...(group.severity ? [{ label: 'Severity', value: group.severity, short: true }] : []),
      ...(group.service ? [{ label: 'Service', value: group.service, short: true }] : []),
      ...(group.env ? [{ label: 'Environment', value: group.env, short: true }] : []),
      { label: 'Alerts', value: countText(alerts.length - firing.length, firing.length, group.truncatedAlerts), short: true },
      ...(group.incident ? [{ label: 'Incident', value: `${group.incident}, coordinated in its thread`, short: true }] : []),
      ...statusFields(group),
    ],
    ...(mentions.length > 0 ? { mentions } : {}),
    buttons: open ? groupButtons(group, config) : linkButtons(alerts),
    context: contextLines(group),
    time: { at: open ? group.openedAt : (group.resolvedAt ?? group.updatedAt), style: 'relative' },
  };
}

/**
 * What the source said about the alert: its summary, and for a group of one also its
 * description and query values (a larger group lists those per alert below).
 */
function detailLines(alert: AlertState | undefined, single: boolean): string[] {
  if (!alert) return [];
  const { summary, description, message, values } = alert.annotations;
  const head = summary ?? description ?? message ?? '';
  if (!single) return [head];
  const more = [description, message].filter((t): t is string => Boolean(t) && t !== head);
  return [head, ...more, ...(values ? [`Values: ${values}`] : [])];
}

/** Times as time values, so each platform shows them in the reader's or the team's zone. */
function statusFields(group: AlertGroupRecord): Field[] {
  const fields: Field[] = [];
  if (group.acknowledged) fields.push({ label: `Acknowledged by ${group.acknowledged.by}`, value: { at: group.acknowledged.at, style: 'datetime' }, short: true });
  if (group.silence && group.silenceEndsAt) fields.push({ label: `Silenced (${group.silence}) until`, value: { at: group.silenceEndsAt, style: 'datetime' }, short: true });
  return fields;
}

/** One line per alert, firing first, so a glance shows which instances are still bad. */
function alertLines(alerts: AlertState[]): string[] {
  if (alerts.length <= 1) return [];
  const sorted = [...alerts].sort((a, b) => (a.status === b.status ? a.startsAt.localeCompare(b.startsAt) : a.status === 'firing' ? -1 : 1));
  const lines = sorted.slice(0, MAX_LISTED).map((a) => `${a.status === 'firing' ? '• firing' : '• resolved'}: ${describeAlert(a)}`);
  if (sorted.length > MAX_LISTED) lines.push(`… and ${sorted.length - MAX_LISTED} more`);
  return lines;
}

export function describeAlert(a: AlertState): string {
  const who = a.labels.instance ?? a.labels.pod ?? a.labels.alertname ?? a.fingerprint;
  const detail = a.annotations.description ?? a.annotations.values;
  return detail ? `${who} (${detail})` : who;
}

function countText(resolved: number, firing: number, truncated: number): string {
  const parts = [`${firing} firing`];
  if (resolved > 0) parts.push(`${resolved} resolved`);
  if (truncated > 0) parts.push(`${truncated} more not sent by the source`);
  return parts.join(', ');
}

function groupButtons(group: AlertGroupRecord, config: Config): Button[] {
  const buttons: Button[] = group.source === 'drift' ? driftButtons(group) : [];
  if (!group.acknowledged) buttons.push({ kind: 'action', label: 'Acknowledge', action: 'alerts.ack', value: group.id, style: 'primary' });
  if (!group.silence) {
    buttons.push({
      kind: 'choice',
      label: 'Silence',
      action: 'alerts.silence',
      options: config.alerts.silenceDurations.map((d) => ({ label: `for ${d}`, value: `${group.id} ${d}` })),
    });
  }
  if (group.source === 'generic') {
    buttons.push({ kind: 'action', label: 'Resolve', action: 'alerts.resolve', value: group.id });
  }
  if (!group.incident) buttons.push({ kind: 'action', label: 'Declare incident', action: DECLARE_INCIDENT_ACTION, value: group.id, style: 'danger' });
  return [...buttons, ...linkButtons(Object.values(group.alerts))];
}

/**
 * A drift finding's remedies: Sync back to the recorded version, Accept what runs (engine
 * drift), or Apply the code (an IaC drift check that names an apply runbook).
 */
function driftButtons(group: AlertGroupRecord): Button[] {
  const labels = Object.values(group.alerts).find((a) => a.status === 'firing')?.labels ?? {};
  const buttons: Button[] = [];
  if (labels.drift === 'engine' && labels.recorded) buttons.push({ kind: 'action', label: 'Sync', action: 'drift.sync', value: group.id, style: 'primary' });
  if (labels.drift === 'runbook' && labels.apply) buttons.push({ kind: 'action', label: 'Apply', action: 'drift.apply', value: group.id, style: 'primary' });
  buttons.push({ kind: 'action', label: 'Accept', action: 'drift.accept', value: group.id });
  return buttons;
}

/**
 * Every kind of link the source sent (source, dashboard, panel, silence, runbook), the first
 * alert's of each; the renderers fit them to the platform's limits.
 */
function linkButtons(alerts: AlertState[]): Button[] {
  const seen = new Set<string>();
  const out: Button[] = [];
  for (const link of alerts.flatMap((a) => a.links)) {
    if (seen.has(link.label)) continue;
    seen.add(link.label);
    out.push({ kind: 'link', label: link.label, url: link.url });
  }
  return out;
}

function contextLines(group: AlertGroupRecord): string[] {
  const lines = [`${group.id} · ${group.source}`];
  if (group.silence && !group.silenceEndsAt) lines.push(`Silenced by ${group.silence}`);
  if (group.resolvedBy) lines.push(`Resolved by hand by ${group.resolvedBy}`);
  if (group.status === 'resolved' && group.resolvedAt) {
    lines.push(`Resolved after ${formatDuration(Date.parse(group.resolvedAt) - Date.parse(group.openedAt))}`);
  }
  return lines;
}

export function toneOf(config: Config, severity: string | undefined): Tone {
  return (severity && config.alerts.severities[severity]?.tone) || 'warning';
}

export function severityMentions(config: Config, severity: string | undefined): Mention[] {
  const names = severity ? (config.alerts.severities[severity]?.mention ?? []) : [];
  return toMentions(names);
}

/** `role:oncall` → a role mention; anything else names a person. */
export function toMentions(names: readonly string[]): Mention[] {
  return names.map((n) => (n.startsWith('role:') ? { role: n.slice(5) } : { person: n }));
}

/**
 * A storm group's line in the digest's thread: enough to see what it is, with a button that
 * opens the full card. The line is the group's message, so opening it is an edit in place.
 */
export function alertGroupLine(group: AlertGroupRecord): OpsMessage {
  const firing = Object.values(group.alerts).filter((a) => a.status === 'firing').length;
  const open = group.status === 'firing';
  const facets = [group.severity, `${firing} firing`].filter(Boolean).join(', ');
  return {
    text: `${group.id} · ${open ? 'FIRING' : 'RESOLVED'} ${group.title} (${facets})`,
    tone: open ? 'warning' : 'success',
    buttons: [{ kind: 'action', label: 'Show', action: SHOW_GROUP_ACTION, value: group.id }],
  };
}

/** The message a copy shows: a storm group's first copy is a line until it is opened. */
export function groupMessageFor(group: AlertGroupRecord, config: Config, copy: number): OpsMessage {
  return copy === 0 && group.digest && !group.expanded ? alertGroupLine(group) : alertGroupMessage(group, config);
}
