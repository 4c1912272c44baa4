import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { MaintenanceRecord } from '../../data/records/maintenance.js';
import type { LabelMatcher } from '../../data/records/silence.js';
import type { Tx } from '../../data/store.js';
import type { CommandContext } from '../command.js';
import { badInput } from '../errors.js';
import { formatId } from '../ids.js';
import type { OpsMessage } from '../model.js';
import type { Ops } from '../ops.js';
import { formatDuration, formatTime } from '../time.js';
import { JOB_TYPES, maintenanceEndJobId, maintenanceMessageKey, maintenanceStartJobId } from './keys.js';
import { formatMatcher, matchesAll, parseMatchers } from './matchers.js';
import { muteGroup, unmuteGroups } from './publish.js';
import { whoOf } from './who.js';

export interface NewMaintenance {
  /** A service name or label matchers. */
  target: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** `api` means the service label is api; anything with an operator is read as matchers. */
export function maintenanceMatchers(ops: Ops, target: string): LabelMatcher[] {
  if (/[=~]/.test(target)) return parseMatchers(target);
  return [{ name: ops.config.alerts.labels.service, value: target.trim(), isRegex: false, isEqual: true }];
}

/** Where a window is announced: the service's channel when it names one, else the alerts channel. */
function channelFor(ops: Ops, matchers: LabelMatcher[]): string {
  const service = matchers.find((m) => m.name === ops.config.alerts.labels.service && m.isEqual && !m.isRegex)?.value;
  return (service && ops.config.services[service]?.channel) || ops.config.channels.alerts;
}

/**
 * Records a window with jobs for its start and end (so it survives restarts), creating the
 * matching Alertmanager silence first when one is configured.
 */
export async function createMaintenance(ctx: CommandContext<unknown>, input: NewMaintenance): Promise<MaintenanceRecord> {
  if (input.endsAt.getTime() <= input.startsAt.getTime()) throw badInput('The window must end after it starts.');
  if (input.endsAt.getTime() <= ctx.now.getTime()) throw badInput('That window is already over.');
  const { ops } = ctx;
  const matchers = maintenanceMatchers(ops, input.target);
  const who = whoOf(ctx);
  const api = ops.alertBackend;
  const silenceId = api
    ? await api.createSilence({ matchers, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), createdBy: `dayops (${who})`, comment: `Maintenance: ${input.reason}` })
    : undefined;
  try {
    return await recordMaintenance(ctx, input, matchers, who, silenceId);
  } catch (err) {
    if (api && silenceId) await api.expireSilence(silenceId).catch(() => undefined);
    throw err;
  }
}

function recordMaintenance(ctx: CommandContext<unknown>, input: NewMaintenance, matchers: LabelMatcher[], who: string, silenceId: string | undefined): Promise<MaintenanceRecord> {
  const { ops } = ctx;
  return ctx.transact(async (tx) => {
    const startsNow = input.startsAt.getTime() <= ctx.now.getTime();
    const window: MaintenanceRecord = {
      id: formatId('maintenance', await tx.nextNumber('maintenance')),
      target: input.target,
      matchers,
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt.toISOString(),
      reason: input.reason,
      createdBy: who,
      channel: channelFor(ops, matchers),
      state: startsNow ? 'active' : 'scheduled',
      muted: [],
      ...(silenceId ? { alertmanagerSilenceId: silenceId } : {}),
    };
    await tx.put('maintenance', window);
    if (startsNow) await announceStart(ops, tx, window);
    else await ops.scheduler.schedule(tx, { id: maintenanceStartJobId(window.id), type: JOB_TYPES.maintenanceStart, at: input.startsAt, payload: { maintenance: window.id } });
    await ops.scheduler.schedule(tx, { id: maintenanceEndJobId(window.id), type: JOB_TYPES.maintenanceEnd, at: input.endsAt, payload: { maintenance: window.id } });
    tx.audit(ctx.auditEvent('alerts.maintenance', window.id, `maintenance for ${describe(window)} from ${window.startsAt} to ${window.endsAt}: ${window.reason}`));
    return window;
  });
}

export async function startMaintenance(ops: Ops, tx: Tx, id: string): Promise<void> {
  const window = await tx.get('maintenance', id);
  if (!window || window.state !== 'scheduled') return;
  const active: MaintenanceRecord = { ...window, state: 'active' };
  await tx.put('maintenance', active);
  await announceStart(ops, tx, active);
}

/** Announces the window and mutes the matching groups that were already firing when it started. */
async function announceStart(ops: Ops, tx: Tx, window: MaintenanceRecord): Promise<void> {
  await ops.outbox.post(tx, { channel: window.channel, key: maintenanceMessageKey(window.id), message: startMessage(window) });
  const firing = (await tx.query('alertGroup.open', { status: 'firing' })).filter((g) => !g.mutedBy && coveredBy(g, window.matchers));
  const until = formatTime(new Date(window.endsAt), ops.config.timezone);
  for (const group of firing) {
    await muteGroup(ops, tx, group, window.id, `Muted by maintenance ${window.id} (${window.reason}) until ${until}: no re-notifying, and changes show here when it ends.`);
  }
  if (firing.length > 0) await tx.put('maintenance', { ...window, muted: [...window.muted, ...firing.map((g) => g.id)] });
}

/** A window covers a group when all its firing alerts match, as a silence does. */
function coveredBy(group: AlertGroupRecord, matchers: LabelMatcher[]): boolean {
  const firing = Object.values(group.alerts).filter((a) => a.status === 'firing');
  return firing.length > 0 && firing.every((a) => matchesAll(matchers, a.labels));
}

/**
 * Ends the window: the announcement says so, its thread lists what was muted, and groups that
 * are still firing are posted now, since nobody has seen them.
 */
export async function endMaintenance(ops: Ops, tx: Tx, id: string): Promise<void> {
  const window = await tx.get('maintenance', id);
  if (!window || window.state === 'ended') return;
  const wasAnnounced = window.state === 'active';
  const ended: MaintenanceRecord = { ...window, state: 'ended' };
  await tx.put('maintenance', ended, { closed: true });
  await ops.scheduler.cancel(tx, maintenanceStartJobId(id));
  const muted = [];
  for (const groupId of window.muted) {
    const group = await tx.get('alertGroup', groupId);
    if (group) muted.push(group);
  }
  const key = maintenanceMessageKey(id);
  const summary = endSummary(muted.map((g) => `${g.id} ${g.title}: ${g.status}`));
  if (wasAnnounced) {
    await ops.outbox.edit(tx, key, { ...startMessage(window), title: `Maintenance ${id} has ended`, text: `${window.reason}\nIt is over: matching alerts are posted again.`, tone: 'success' });
    await ops.outbox.post(tx, { channel: window.channel, key: `${key}:end`, thread: key, message: { text: summary } });
  } else {
    await ops.outbox.post(tx, { channel: window.channel, key, message: { title: `Maintenance ${id} has ended`, text: summary, tone: 'success' } });
  }
  await unmuteGroups(ops, tx, id, ops.clock.now(), window.muted);
}

function startMessage(w: MaintenanceRecord): OpsMessage {
  return {
    title: `Maintenance ${w.id} for ${describe(w)}`,
    text: `${w.reason}\nMatching alerts are recorded but not posted until it ends; groups already firing are muted.`,
    tone: 'info',
    fields: [
      { label: 'From', value: { at: w.startsAt, style: 'datetime' }, short: true },
      { label: 'Until', value: { at: w.endsAt, style: 'datetime' }, short: true },
      { label: 'Length', value: formatDuration(Date.parse(w.endsAt) - Date.parse(w.startsAt)), short: true },
    ],
    context: [`${w.id} · by ${w.createdBy}${w.alertmanagerSilenceId ? ` · Alertmanager silence ${w.alertmanagerSilenceId}` : ''}`],
  };
}

function endSummary(lines: string[]): string {
  if (lines.length === 0) return 'No alerts were muted during the window.';
  return [`Muted during the window (${lines.length}):`, ...lines.map((l) => `• ${l}`), 'Groups still firing are posted now.'].join('\n');
}

function describe(w: MaintenanceRecord): string {
  return /[=~]/.test(w.target) ? w.matchers.map(formatMatcher).join(', ') : w.target;
}
