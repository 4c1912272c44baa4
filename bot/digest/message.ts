import type { BudgetRecord } from '../../data/records/budget.js';
import { money } from '../budget/projection.js';
import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { Field, OpsMessage } from '../model.js';
import { formatDuration, formatTime } from '../time.js';
import type { EnvDeployCounts, IncidentCounts } from './activity.js';
import type { Digest } from './compute.js';
import type { ChangeFailureRate, DeploymentFrequency, LeadTime, RecoveryTime } from './dora.js';

/** Long lists are cut here; the count says how many there are. */
const LIST_MAX = 5;

/** The digest as one message: activity of the period, what is ahead, then the DORA figures. */
export function digestMessage(digest: Digest, tz: string): OpsMessage {
  const { window: w, dora } = digest;
  const envs = digest.options.environments.join(', ');
  const fields: Field[] = [
    { label: 'Deployments', value: deploymentsText(digest.deployments) },
    { label: 'Incidents', value: incidentsText(digest.incidents) },
    { label: 'Open alert groups', value: alertsText(digest.alertGroups) },
    { label: 'Upcoming maintenance', value: listText(digest.maintenance.map((m) => `${m.id} ${m.target} from ${formatTime(new Date(m.startsAt), tz)} to ${formatTime(new Date(m.endsAt), tz)}`), 'None scheduled.') },
    { label: 'Upcoming reminders', value: listText(digest.reminders.map((r) => `${r.id} ${r.text} at ${formatTime(new Date(r.nextAt!), tz)}`), 'None due.') },
    { label: 'Deployment frequency', value: frequencyText(dora.frequency, envs), short: true },
    { label: 'Lead time for changes', value: leadTimeText(dora.leadTime), short: true },
    { label: 'Change failure rate', value: failureText(dora.changeFailure), short: true },
    { label: 'Failed deployment recovery time', value: recoveryText(dora.recovery), short: true },
  ];
  if (digest.budgets.length > 0) fields.push({ label: 'Budgets', value: digest.budgets.map(budgetLine).join('\n') });
  if (digest.doraByService.length > 0) fields.push({ label: 'DORA by service', value: digest.doraByService.map(serviceLine).join('\n') });
  const hours = digest.options.failureWindowMs / 3_600_000;
  return {
    title: TITLES[w.period],
    text: `From ${formatTime(w.from, tz)} to ${formatTime(w.to, tz)}.`,
    fields,
    tone: 'info',
    context: [`DORA figures count changes to ${envs}; a change failed when its health check failed, a rollback of it ran, or an incident on its service was declared within ${hours}h of it (one incident blames one change).`],
    time: { at: w.to.toISOString(), style: 'datetime' },
  };
}

/** One line per budget (a service's, or the whole team's): where its month stands at the last check. */
function budgetLine(b: BudgetRecord): string {
  const who = b.service ?? 'all services';
  if (!b.last) return `${who} (${b.id}): not checked yet; limit ${money(b.monthlyLimit, b.currency)}`;
  if (b.last.state === 'unknown') return `${who} (${b.id}): unknown, ${b.last.detail}`;
  return `${who} (${b.id}): ${b.last.detail}`;
}

function deploymentsText(counts: EnvDeployCounts[]): string {
  if (counts.length === 0) return 'None ended.';
  return counts
    .map((c) => `${c.env}: ${c.ended} ended · ${c.succeeded} succeeded · ${c.failed} failed${c.halted ? ` · ${c.halted} halted` : ''} · ${plural(c.rollbacks, 'rollback')}`)
    .join('\n');
}

function incidentsText(c: IncidentCounts): string {
  const part = (ids: string[], what: string) => `${ids.length} ${what}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
  return [part(c.opened, 'opened'), part(c.resolved, 'resolved'), part(c.stillOpen, 'still open')].join(' · ');
}

function alertsText(groups: AlertGroupRecord[]): string {
  const line = (g: AlertGroupRecord) => `${g.id} ${g.title}${[g.service, g.severity].filter(Boolean).length ? ` (${[g.service, g.severity].filter(Boolean).join(', ')})` : ''}`;
  return listText(groups.map(line), 'None firing.');
}

function listText(lines: string[], none: string): string {
  if (lines.length === 0) return none;
  const more = lines.length > LIST_MAX ? [`…and ${lines.length - LIST_MAX} more`] : [];
  return [...lines.slice(0, LIST_MAX), ...more].join('\n');
}

function frequencyText(f: DeploymentFrequency, envs: string): string {
  return `${plural(f.count, `successful deployment`)} to ${envs} (${round(f.perDay)} a day)`;
}

function leadTimeText(l: LeadTime): string {
  if (l.medianMs === undefined) return l.of === 0 ? 'No successful deployments.' : 'No deployment had a commit time.';
  return `median ${formatDuration(l.medianMs)}, over ${l.measured} of ${plural(l.of, 'deployment')} with a commit time`;
}

function failureText(c: ChangeFailureRate): string {
  if (c.rate === undefined) return 'No deployments.';
  const causes = c.failed.map((f) => `${f.id} ${f.cause}`).join('; ');
  return `${Math.round(c.rate * 100)}% (${c.failed.length} of ${plural(c.total, 'deployment')})${causes ? `: ${causes}` : ''}`;
}

function recoveryText(t: RecoveryTime): string {
  if (t.medianMs === undefined) return 'No failed deployment recovered.';
  return `median ${formatDuration(t.medianMs)}, over ${plural(t.count, 'recovered failure')}`;
}

function serviceLine(s: Digest['doraByService'][number]): string {
  const lead = s.leadTime.medianMs === undefined ? 'lead time unknown' : `lead time ${formatDuration(s.leadTime.medianMs)}`;
  const rate = s.changeFailure.rate === undefined ? 'no changes' : `${Math.round(s.changeFailure.rate * 100)}% failed (${s.changeFailure.failed.length} of ${s.changeFailure.total})`;
  const recovery = s.recovery.medianMs === undefined ? '' : ` · recovered in ${formatDuration(s.recovery.medianMs)}`;
  return `${s.service}: ${plural(s.frequency.count, 'deployment')} · ${lead} · ${rate}${recovery}`;
}

const TITLES: Record<Digest['window']['period'], string> = { day: 'Daily digest', week: 'Weekly digest', month: 'Monthly digest' };

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
