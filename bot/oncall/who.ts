import type { OncallOverrideRecord } from '../../data/records/oncall.js';
import type { ReadTx } from '../../data/store.js';
import { restrictionEdges, withinRestrictions } from './restrictions.js';
import type { Schedule } from './schedules.js';

export interface OnCall {
  person: string;
  /** The override that put them there, if one did. */
  override?: string;
}

/** A stretch of time with one answer to "who is on call at this level" (none is a gap). */
export interface Segment {
  start: Date;
  end: Date;
  onCall?: OnCall;
}

/** Overrides still in force for a schedule (not cancelled), oldest first. */
export async function overridesOf(tx: ReadTx, schedule: string): Promise<OncallOverrideRecord[]> {
  const list = await tx.list('oncallOverride', { where: (o) => o.schedule === schedule && !o.cancelledBy });
  return list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Who is on call for `level` at `at`: the newest override covering it, else the last layer of
 * that level whose rotation has started and whose restrictions allow the time.
 */
export function whoAt(schedule: Schedule, level: string, at: Date, overrides: readonly OncallOverrideRecord[]): OnCall | undefined {
  const t = at.toISOString();
  for (let i = overrides.length - 1; i >= 0; i--) {
    const o = overrides[i]!;
    if (o.level === level && o.from <= t && t < o.until) return { person: o.person, override: o.id };
  }
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i]!;
    if (layer.level !== level || !withinRestrictions(layer.restrictions, schedule.timezone, at)) continue;
    const shift = layer.rotation.shiftAt(at);
    if (shift) return { person: shift.person };
  }
  return undefined;
}

/** Who is on call at `level` over [from, to), as adjacent segments, gaps included. */
export function timeline(schedule: Schedule, level: string, from: Date, to: Date, overrides: readonly OncallOverrideRecord[]): Segment[] {
  const points = new Set<number>([from.getTime(), to.getTime()]);
  const add = (d: Date) => d > from && d < to && points.add(d.getTime());
  for (const layer of schedule.layers.filter((l) => l.level === level)) {
    for (const shift of layer.rotation.shiftsBetween(from, to)) add(shift.start);
    for (const edge of restrictionEdges(layer.restrictions, schedule.timezone, from, to)) add(edge);
  }
  for (const o of overrides.filter((x) => x.level === level)) {
    add(new Date(o.from));
    add(new Date(o.until));
  }
  const sorted = [...points].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = new Date(sorted[i]!);
    const onCall = whoAt(schedule, level, start, overrides);
    const last = segments.at(-1);
    if (last && same(last.onCall, onCall)) last.end = new Date(sorted[i + 1]!);
    else segments.push({ start, end: new Date(sorted[i + 1]!), ...(onCall ? { onCall } : {}) });
  }
  return segments;
}

function same(a: OnCall | undefined, b: OnCall | undefined): boolean {
  return a?.person === b?.person && a?.override === b?.override;
}

/** When the current answer for `level` changes, looking at most `horizonDays` ahead. */
export function currentSegment(schedule: Schedule, level: string, at: Date, overrides: readonly OncallOverrideRecord[], horizonDays = 60): Segment {
  const to = new Date(at.getTime() + horizonDays * 86_400_000);
  return timeline(schedule, level, at, to, overrides)[0]!;
}
