import { writeFile } from 'node:fs/promises';
import type { IncidentRecord, TimelineEntry } from '../../data/records/incident.js';
import type { ReadTx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { formatDuration, formatTime } from '../time.js';
import { getIncident } from './find.js';
import { actionItems, isOverdue } from '../actions/find.js';
import type { ActionItemRecord } from '../../data/records/action-item.js';

const PREFIX: Partial<Record<TimelineEntry['kind'], string>> = { update: 'Status update: ', note: 'Note: ', deployment: 'Deployment: ' };

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The postmortem skeleton: what dayops knows, in Markdown, with the parts people write left open. */
export async function postmortemMarkdown(ops: Ops, tx: ReadTx, id: string): Promise<string> {
  const i = await getIncident(tx, id);
  const tz = ops.config.timezone;
  const at = (iso: string) => formatTime(new Date(iso), tz);
  const second = (iso: string) => formatTime(new Date(iso), tz, { seconds: true });
  const groups = await Promise.all(i.alertGroups.map((g) => tx.get('alertGroup', g)));
  const items = await actionItems(tx, (a) => a.incident === i.id);
  return [
    `# ${i.id}: ${i.title}`,
    '',
    ...facts(i, at),
    '',
    '## Summary',
    '',
    i.summary ?? '_To be written._',
    '',
    '## Impact',
    '',
    impact(i),
    '',
    '## Timeline',
    '',
    `| Time | Who | What |`,
    '| --- | --- | --- |',
    ...i.timeline.map((e) => `| ${second(e.at)} | ${cell(e.by)} | ${cell(`${PREFIX[e.kind] ?? ''}${e.text}`)} |`),
    '',
    '## Linked alerts',
    '',
    ...list(groups.map((g, n) => (g ? `${g.id}: ${g.title} (${g.status}${g.service ? `, ${g.service}` : ''})` : `${i.alertGroups[n]} (no longer stored)`))),
    '',
    '## Deployments',
    '',
    ...list(i.deployments.map((d) => `${d.id}: ${d.service} ${d.version} to ${d.env}, ${d.state} at ${at(d.at)}${d.rollbackOf ? ` (rollback of ${d.rollbackOf})` : ''}`)),
    '',
    '## Decisions',
    '',
    ...list(i.decisions.map((d) => `${d.id}: ${d.title} (${d.category}${d.service ? `, ${d.service}` : ''})`)),
    '',
    '## Action items',
    '',
    '| Action | Owner | Due | State |',
    '| --- | --- | --- | --- |',
    ...items.map((a) => `| ${a.id}: ${cell(a.title)}${a.blocking ? ' (blocking)' : ''} | ${a.owner} | ${a.due} | ${actionState(a, ops.clock.now(), tz)} |`),
    '',
  ].join('\n');
}

function actionState(a: ActionItemRecord, now: Date, tz: string): string {
  if (a.state === 'done') return `done by ${a.doneBy}${a.doneAt ? ` on ${formatTime(new Date(a.doneAt), tz).slice(0, 10)}` : ''}`;
  return isOverdue(a, now, tz) ? 'open, overdue' : 'open';
}

function facts(i: IncidentRecord, at: (iso: string) => string): string[] {
  const roles = [`commander ${i.roles.commander}`, i.roles.communications && `communications ${i.roles.communications}`, i.roles.scribe && `scribe ${i.roles.scribe}`];
  return [
    `- Severity: SEV${i.severity}`,
    `- Status: ${i.status}`,
    `- Services: ${i.services.length > 0 ? i.services.join(', ') : 'none named'}`,
    `- Declared: ${at(i.declaredAt)} by ${i.declaredBy}`,
    `- Resolved: ${i.resolvedAt ? `${at(i.resolvedAt)} (after ${formatDuration(Date.parse(i.resolvedAt) - Date.parse(i.declaredAt))})` : 'not yet'}`,
    `- Roles: ${roles.filter(Boolean).join(', ')}`,
  ];
}

function impact(i: IncidentRecord): string {
  const where = i.services.length > 0 ? ` on ${i.services.join(', ')}` : '';
  const lasted = i.resolvedAt ? ` for ${formatDuration(Date.parse(i.resolvedAt) - Date.parse(i.declaredAt))} from declaration to resolution` : ', still open';
  return `SEV${i.severity}${where}${lasted}. _Describe who was affected and how._`;
}

function list(items: string[]): string[] {
  return items.length > 0 ? items.map((s) => `- ${s}`) : ['None.'];
}

/** For the CLI `dayops export-postmortem <id> <file>`. */
export async function exportPostmortem(ops: Ops, id: string, file: string): Promise<void> {
  const markdown = await ops.store.read((tx) => postmortemMarkdown(ops, tx, id));
  await writeFile(file, markdown, 'utf8');
}
