import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { LabelMatcher, SilenceRecord } from '../../data/records/silence.js';
import type { ReadTx, Tx } from '../../data/store.js';
import type { CommandContext } from '../command.js';
import { illegalTransition, notFound } from '../errors.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import { formatDuration, formatTime } from '../time.js';
import { commonLabels } from './facets.js';
import { JOB_TYPES, renotifyJobId, silenceEndJobId } from './keys.js';
import { formatMatcher, matchesAll } from './matchers.js';
import { unmuteGroups, updateGroup } from './publish.js';
import { whoOf } from './who.js';

export interface NewSilence {
  matchers: LabelMatcher[];
  durationMs: number;
  reason?: string;
  /** The group whose Silence button was pressed. */
  group?: string;
}

/** The matchers that cover exactly one group: its group labels, else what all its alerts share. */
export function groupMatchers(group: AlertGroupRecord): LabelMatcher[] {
  const labels = Object.keys(group.groupLabels).length > 0 ? group.groupLabels : commonLabels(Object.values(group.alerts));
  return Object.entries(labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

/**
 * Records a silence, creating it in Alertmanager first when one is configured (a network call
 * must not hold the store's transaction). If recording fails, the Alertmanager silence is expired.
 */
export async function createSilence(ctx: CommandContext<unknown>, input: NewSilence): Promise<SilenceRecord> {
  const who = whoOf(ctx);
  const startsAt = ctx.now.toISOString();
  const endsAt = new Date(ctx.now.getTime() + input.durationMs).toISOString();
  const comment = `Silenced from ${ctx.place.channel} by ${who}${input.reason ? `: ${input.reason}` : ''}${input.group ? ` (${input.group})` : ''}`;
  const api = ctx.ops.alertBackend;
  const createdBy = `dayops (${who})`;
  const amId = api ? await api.createSilence({ matchers: input.matchers, startsAt, endsAt, createdBy, comment }) : undefined;
  try {
    return await ctx.transact(async (tx) => {
      const silence: SilenceRecord = {
        id: formatId('silence', await tx.nextNumber('silence')),
        matchers: input.matchers,
        startsAt,
        endsAt,
        createdBy: who,
        comment,
        ...(amId ? { alertmanagerId: amId } : {}),
        ...(input.group ? { group: input.group } : {}),
      };
      await tx.put('silence', silence);
      await ctx.ops.scheduler.schedule(tx, { id: silenceEndJobId(silence.id), type: JOB_TYPES.silenceEnd, at: new Date(endsAt), payload: { silence: silence.id } });
      tx.audit(ctx.auditEvent('alerts.silence', silence.id, `silenced ${silence.matchers.map(formatMatcher).join(', ')} for ${formatDuration(input.durationMs)}`));
      await markGroups(ctx.ops, tx, silence, input.group, `Silenced for ${formatDuration(input.durationMs)} by ${who} (${silence.id}), until ${formatTime(new Date(endsAt), ctx.ops.config.timezone)}.`);
      return silence;
    });
  } catch (err) {
    if (api && amId) await api.expireSilence(amId).catch(() => undefined);
    throw err;
  }
}

/** Open groups the silence covers get it shown on their message; re-notifying stops. */
async function markGroups(ops: Ops, tx: Tx, silence: SilenceRecord, buttonGroup: string | undefined, line: string): Promise<void> {
  const open = await tx.query('alertGroup.open', {});
  const covered = open.filter((g) => g.id === buttonGroup || (!g.silence && coveredBy(g, silence.matchers)));
  for (const group of covered) {
    await ops.scheduler.cancel(tx, renotifyJobId(group.id));
    await updateGroup(ops, tx, { ...group, silence: silence.id, silenceEndsAt: silence.endsAt }, [line]);
  }
}

function coveredBy(group: AlertGroupRecord, matchers: LabelMatcher[]): boolean {
  const firing = Object.values(group.alerts).filter((a) => a.status === 'firing');
  return firing.length > 0 && firing.every((a) => matchesAll(matchers, a.labels));
}

/** `unsilence`: expires it in Alertmanager first, then here. */
export async function endSilenceFromChat(ctx: CommandContext<unknown>, id: string): Promise<SilenceRecord> {
  const silence = await ctx.ops.store.read((tx) => tx.get('silence', id));
  if (!silence) throw notFound(`There is no silence ${id}; \`silences\` lists the active ones.`);
  if (silence.expiredAt || Date.parse(silence.endsAt) <= ctx.now.getTime()) throw illegalTransition(`${id} has already ended.`);
  const api = ctx.ops.alertBackend;
  if (api && silence.alertmanagerId) await api.expireSilence(silence.alertmanagerId);
  return ctx.transact(async (tx) => {
    const ended = await endSilence(ctx.ops, tx, id, ctx.now, whoOf(ctx));
    tx.audit(ctx.auditEvent('alerts.unsilence', id, `ended ${id} early`));
    return ended;
  });
}

/** Ends a silence (early, by someone, or at its time) and clears it from the groups it covered. */
export async function endSilence(ops: Ops, tx: Tx, id: string, now: Date, by?: string): Promise<SilenceRecord> {
  const silence = await tx.get('silence', id);
  if (!silence) throw notFound(`There is no silence ${id}.`);
  const ended: SilenceRecord = { ...silence, expiredAt: now.toISOString(), ...(by ? { expiredBy: by } : {}) };
  await tx.put('silence', ended, { closed: true });
  await ops.scheduler.cancel(tx, silenceEndJobId(id));
  const groups = await tx.query('alertGroup.bySilence', { silence: id });
  for (const group of groups) {
    const { silence: _gone, silenceEndsAt: _until, ...rest } = group;
    await updateGroup(ops, tx, rest, [by ? `Silence ${id} ended early by ${by}.` : `Silence ${id} ended.`]);
  }
  await unmuteGroups(ops, tx, id, now);
  return ended;
}

/** Silences in force now, soonest to end first. */
export async function activeSilences(tx: ReadTx, now: Date): Promise<SilenceRecord[]> {
  const all = await tx.list('silence', { where: (s) => !s.expiredAt && Date.parse(s.endsAt) > now.getTime() });
  return all.sort((a, b) => a.endsAt.localeCompare(b.endsAt));
}
