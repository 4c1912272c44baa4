import type { OncallOverrideRecord } from '../../data/records/oncall.js';
import type { Tx } from '../../data/store.js';
import { badInput } from '../errors.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import type { Schedule } from './schedules.js';
import { levelsOf } from './schedules.js';
import { overridesOf, whoAt } from './who.js';

export interface NewOverride {
  schedule: Schedule;
  level: string;
  person: string;
  from: Date;
  until: Date;
  reason: string;
  by: string;
  swap?: string;
}

/** Stores an override after checking it names a real person, level and a forward span; returns it with whom it replaces. */
export async function createOverride(ops: Ops, tx: Tx, input: NewOverride, now: Date): Promise<{ override: OncallOverrideRecord; replaces?: string }> {
  const { schedule, level, person, from, until } = input;
  if (!ops.people.exists(person)) throw badInput(`${person} is not one of the people dayops knows; people: ${ops.people.names().join(', ')}.`);
  if (!levelsOf(schedule).includes(level)) throw badInput(`${schedule.name} has no ${level} level; it has ${levelsOf(schedule).join(', ')}.`);
  if (until <= from) throw badInput('The override ends before it starts; --until must be after --from.');
  if (until <= now) throw badInput('That override would already be over; --until must be in the future.');
  if (until.getTime() - from.getTime() > 90 * 86_400_000) throw badInput('An override lasts at most 90 days; change the schedule itself for longer.');
  const replaces = whoAt(schedule, level, from, await overridesOf(tx, schedule.name))?.person;
  const override: OncallOverrideRecord = {
    id: formatId('oncallOverride', await tx.nextNumber('oncallOverride')),
    schedule: schedule.name,
    level,
    person,
    from: from.toISOString(),
    until: until.toISOString(),
    reason: input.reason,
    createdBy: input.by,
    createdAt: now.toISOString(),
    ...(input.swap ? { swap: input.swap } : {}),
  };
  await tx.put('oncallOverride', override);
  return { override, ...(replaces && replaces !== person ? { replaces } : {}) };
}
