import type { ReadTx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { formatTime } from '../time.js';
import { allSchedules, levelsOf, schedulesFor } from './schedules.js';
import { overridesOf, timeline } from './who.js';

const DAY = 86_400_000;

export interface Coverage {
  required: boolean;
  /** The first stretch in the window with nobody on call for the service, if any. */
  gap?: { start: Date; end: Date };
  /** What a person reads: covered, or where the gap is. */
  sentence: string;
}

/**
 * Whether someone is on call for a service (the first level of any schedule covering it) at every
 * moment of the next `oncall.coverageDays`, for an environment listed in `oncall.coverageRequired`.
 */
export async function oncallCoverage(ops: Pick<Ops, 'config'>, tx: ReadTx, service: string, env: string, now: Date): Promise<Coverage> {
  const { coverageRequired, coverageDays } = ops.config.oncall;
  const required = coverageRequired.includes(env);
  const schedules = schedulesFor(await allSchedules(ops, tx), service);
  const days = `${coverageDays} day${coverageDays === 1 ? '' : 's'}`;
  if (schedules.length === 0) return { required, gap: { start: now, end: new Date(now.getTime() + coverageDays * DAY) }, sentence: `no on-call schedule covers ${service}` };
  const to = new Date(now.getTime() + coverageDays * DAY);
  const gapsPerSchedule = [];
  for (const schedule of schedules) {
    const segments = timeline(schedule, levelsOf(schedule)[0]!, now, to, await overridesOf(tx, schedule.name));
    gapsPerSchedule.push(segments.filter((s) => !s.onCall));
  }
  const gap = firstCommonGap(gapsPerSchedule);
  const tz = schedules[0]!.timezone;
  if (!gap) return { required, sentence: `someone is on call for ${service} at every moment of the next ${days} (${schedules.map((s) => s.name).join(', ')})` };
  return { required, gap, sentence: `nobody is on call for ${service} from ${formatTime(gap.start, tz)} to ${formatTime(gap.end, tz)} (${schedules.map((s) => s.name).join(', ')})` };
}

/** The earliest stretch that is a gap in every schedule at once. */
function firstCommonGap(gapLists: { start: Date; end: Date }[][]): { start: Date; end: Date } | undefined {
  let common = gapLists[0]!.map((g) => ({ start: g.start.getTime(), end: g.end.getTime() }));
  for (const list of gapLists.slice(1)) {
    const next: { start: number; end: number }[] = [];
    for (const a of common) {
      for (const b of list) {
        const start = Math.max(a.start, b.start.getTime());
        const end = Math.min(a.end, b.end.getTime());
        if (start < end) next.push({ start, end });
      }
    }
    common = next;
  }
  const first = common.sort((a, b) => a.start - b.start)[0];
  return first ? { start: new Date(first.start), end: new Date(first.end) } : undefined;
}

/** The deploy gate: refused while an environment that requires coverage has a gap for the service. */
export async function coverageRefusal(ops: Pick<Ops, 'config'>, tx: ReadTx, service: string, env: string, now: Date): Promise<string | undefined> {
  if (!ops.config.oncall.coverageRequired.includes(env)) return undefined;
  const coverage = await oncallCoverage(ops, tx, service, env, now);
  if (!coverage.gap) return undefined;
  return `${service} cannot ship to ${env} yet: ${env} needs on-call coverage for the next ${ops.config.oncall.coverageDays} days, and ${coverage.sentence}. Fill it with an override or a schedule (type readiness ${service} ${env}).`;
}
