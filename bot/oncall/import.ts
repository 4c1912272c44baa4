import type { Tx } from '../../data/store.js';
import { badInput, conflict } from '../errors.js';
import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import { scheduleSchema } from './config-schema.js';
import { ensureHandoffs } from './handoff.js';
import { scheduleFromIcal, type ImportResult } from './ical-import.js';

export interface ImportInput {
  name: string;
  ical: string;
  level?: string;
  services?: string[];
  tz?: string;
}

/** Stores a schedule read from an iCalendar file (replacing one imported before under that name). */
export async function importIcalSchedule(ops: Ops, tx: Tx, input: ImportInput, now: Date): Promise<ImportResult> {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(input.name)) throw badInput(`"${input.name}" cannot name a schedule: use lower-case letters, digits and -.`);
  if (ops.config.oncall.schedules[input.name]) throw conflict(`The config file defines a schedule named ${input.name}; import under another name or change the file.`);
  const people = ops.config.people.map((p) => ({ name: p.name, ...(p.displayName ? { displayName: p.displayName } : {}) }));
  const result = scheduleFromIcal(input.ical, { people, tz: input.tz ?? ops.config.timezone, ...(input.level ? { level: input.level } : {}), ...(input.services ? { services: input.services } : {}) });
  const definition = scheduleSchema.parse(result.schedule);
  await tx.put('oncallSchedule', { id: input.name, definition, createdBy: 'dayops oncall import', createdAt: now.toISOString() });
  await ensureHandoffs(ops, tx, now);
  const layer = definition.layers[0]!;
  tx.audit(systemDoer(now).audit('oncall.import', input.name, `imported ${input.name} from iCalendar: ${layer.people.join(', ')}, ${layer.shift} from ${layer.start} ${layer.handoff} ${definition.timezone}`));
  return result;
}
