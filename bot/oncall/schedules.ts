import type { ReadTx } from '../../data/store.js';
import { notFound } from '../errors.js';
import type { Ops } from '../ops.js';
import { scheduleSchema, type LayerConfig, type ScheduleConfig } from './config-schema.js';
import { Rotation } from './rotation.js';

export interface Layer extends LayerConfig {
  rotation: Rotation;
}

/** A schedule as the rest of the feature sees it: from the config or from the store, zone resolved. */
export interface Schedule extends Omit<ScheduleConfig, 'layers'> {
  name: string;
  timezone: string;
  source: 'config' | 'chat';
  layers: Layer[];
}

export function toSchedule(name: string, config: ScheduleConfig, teamTz: string, source: Schedule['source']): Schedule {
  const timezone = config.timezone ?? teamTz;
  return { ...config, name, timezone, source, layers: config.layers.map((l) => ({ ...l, rotation: new Rotation(l, timezone) })) };
}

/** The config's schedules, built once per config: every escalation step and handoff asks for them. */
const configSchedules = new WeakMap<Ops['config'], Schedule[]>();

function fromConfigOf(config: Ops['config']): Schedule[] {
  let built = configSchedules.get(config);
  if (!built) {
    built = Object.entries(config.oncall.schedules).map(([name, s]) => toSchedule(name, s, config.timezone, 'config'));
    configSchedules.set(config, built);
  }
  return built;
}

/** Every schedule: the config's first, then those made from chat or imported, by name. */
export async function allSchedules(ops: Pick<Ops, 'config'>, tx: ReadTx): Promise<Schedule[]> {
  const teamTz = ops.config.timezone;
  const fromConfig = fromConfigOf(ops.config);
  const stored = await tx.list('oncallSchedule');
  const fromChat = stored
    .filter((r) => !ops.config.oncall.schedules[r.id])
    .sort((a, b) => a.id.localeCompare(b.id))
    .flatMap((r) => {
      const parsed = scheduleSchema.safeParse(r.definition);
      return parsed.success ? [toSchedule(r.id, parsed.data, teamTz, 'chat')] : [];
    });
  return [...fromConfig, ...fromChat];
}

export async function findSchedule(ops: Pick<Ops, 'config'>, tx: ReadTx, name: string): Promise<Schedule> {
  const all = await allSchedules(ops, tx);
  const found = all.find((s) => s.name === name);
  if (!found) throw notFound(`There is no on-call schedule named ${name}; ${all.length === 0 ? 'none is configured yet' : `there are ${all.map((s) => s.name).join(', ')}`}.`);
  return found;
}

/** The schedules that cover a service: those naming it, else one named like it. */
export function schedulesFor(schedules: readonly Schedule[], service: string): Schedule[] {
  const naming = schedules.filter((s) => s.services.includes(service));
  if (naming.length > 0) return naming;
  return schedules.filter((s) => s.name === service);
}

/** The levels a schedule has, in the order its layers first name them. */
export function levelsOf(schedule: Schedule): string[] {
  return [...new Set(schedule.layers.map((l) => l.level))];
}
