import type { ReadTx } from '../../data/store.js';
import { badInput, notFound } from '../errors.js';
import type { Ops } from '../ops.js';
import { allSchedules, levelsOf, schedulesFor, type Schedule } from './schedules.js';
import { overridesOf, timeline, whoAt, type Segment } from './who.js';

/** The schedules `oncall <name>` means: the schedule of that name, or those covering that service. */
export async function schedulesNamed(ops: Pick<Ops, 'config'>, tx: ReadTx, name: string | undefined): Promise<Schedule[]> {
  const all = await allSchedules(ops, tx);
  if (all.length === 0) throw notFound('No on-call schedules yet: make one with oncall schedule create, add them under oncall.schedules in the config (docs/oncall.md), or import one with dayops oncall import --ical.');
  if (!name) return all;
  const byName = all.filter((s) => s.name === name);
  const found = byName.length > 0 ? byName : schedulesFor(all, name);
  if (found.length === 0) throw notFound(`No on-call schedule is named ${name} or covers a service named ${name}; schedules: ${all.map((s) => s.name).join(', ')}.`);
  return found;
}

/** The one schedule a change means: named, or the only one there is. */
export async function scheduleForChange(ops: Pick<Ops, 'config'>, tx: ReadTx, name: string | undefined): Promise<Schedule> {
  const all = await allSchedules(ops, tx);
  if (name) {
    const found = await schedulesNamed(ops, tx, name);
    if (found.length > 1) throw badInput(`${name} is covered by ${found.map((s) => s.name).join(' and ')}; name one with --schedule.`);
    return found[0]!;
  }
  if (all.length === 1) return all[0]!;
  if (all.length === 0) throw notFound('No on-call schedules yet; see docs/oncall.md.');
  throw badInput(`There are ${all.length} schedules (${all.map((s) => s.name).join(', ')}); say which with --schedule.`);
}

export interface PersonShift extends Segment {
  schedule: Schedule;
  level: string;
}

/** A person's stretches on call from `from` for `days`, across every schedule and level, soonest first. */
export async function shiftsOf(ops: Pick<Ops, 'config'>, tx: ReadTx, person: string, from: Date, days: number): Promise<PersonShift[]> {
  const to = new Date(from.getTime() + days * 86_400_000);
  const out: PersonShift[] = [];
  for (const schedule of await allSchedules(ops, tx)) {
    const overrides = await overridesOf(tx, schedule.name);
    for (const level of levelsOf(schedule)) {
      for (const s of timeline(schedule, level, from, to, overrides)) if (s.onCall?.person === person) out.push({ ...s, schedule, level });
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Who is on call at `level` for the service now, across its schedules (the first that has someone). */
export async function onCallForService(ops: Pick<Ops, 'config'>, tx: ReadTx, service: string, level: string, at: Date): Promise<{ person: string; schedule: Schedule } | undefined> {
  for (const schedule of schedulesFor(await allSchedules(ops, tx), service)) {
    const found = whoAt(schedule, level, at, await overridesOf(tx, schedule.name));
    if (found) return { person: found.person, schedule };
  }
  return undefined;
}
