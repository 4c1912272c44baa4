import { DateTime } from 'luxon';
import type { Tx } from '../../data/store.js';
import { badInput, conflict, notFound } from '../errors.js';
import type { Ops } from '../ops.js';
import { scheduleSchema, type ScheduleConfig } from './config-schema.js';
import { ensureHandoffs, HANDOFF_JOB } from './handoff.js';
import type { LayerSpec } from './layer-spec.js';

/** Words `oncall schedule …` takes as its own, so they cannot name a schedule. */
const RESERVED = new Set(['create', 'delete']);

export interface ChatScheduleInput {
  name: string;
  layers: LayerSpec[];
  timezone?: string;
  services: string[];
  routes: string[];
  policy?: string;
  channel?: string;
  description?: string;
  /** Defaults for layers that do not say: shift, first day, handoff time. */
  shift?: string;
  start?: string;
  handoff?: string;
  /** Replace a schedule made from chat under the same name. */
  replace: boolean;
  by: string;
}

/**
 * Stores a schedule made from chat, checked like one in the config file (people, services, alert
 * routes, policy, zone), and schedules its first handoff. A name the config file uses is refused:
 * the file would win and hide it.
 */
export async function createChatSchedule(ops: Ops, tx: Tx, input: ChatScheduleInput, now: Date): Promise<ScheduleConfig> {
  checkName(ops, input.name);
  const existing = await tx.get('oncallSchedule', input.name);
  if (existing && !input.replace) throw conflict(`A schedule named ${input.name} exists already (made by ${existing.createdBy}); add --replace to replace it, or choose another name.`);
  const definition = parseDefinition(ops, input, now);
  checkReferences(ops, definition);
  await tx.put('oncallSchedule', { id: input.name, definition, createdBy: input.by, createdAt: now.toISOString() });
  if (existing) await cancelHandoffs(ops, tx, input.name);
  await ensureHandoffs(ops, tx, now);
  return definition;
}

/** Removes a schedule made from chat, its waiting handoff, and the overrides on it (they move to history). */
export async function deleteChatSchedule(ops: Ops, tx: Tx, name: string): Promise<{ overrides: number }> {
  if (ops.config.oncall.schedules[name]) throw conflict(`${name} is defined in the config file; remove it there (oncall.schedules.${name}).`);
  if (!(await tx.get('oncallSchedule', name))) throw notFound(`There is no schedule named ${name} made from chat or imported.`);
  await tx.remove('oncallSchedule', name);
  await cancelHandoffs(ops, tx, name);
  const overrides = await tx.list('oncallOverride', { where: (o) => o.schedule === name });
  for (const o of overrides) await tx.put('oncallOverride', o, { closed: true });
  return { overrides: overrides.length };
}

function checkName(ops: Ops, name: string): void {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) throw badInput(`"${name}" cannot name a schedule: use lower-case letters, digits and - (up to 40), starting with a letter.`);
  if (RESERVED.has(name)) throw badInput(`"${name}" is a word of the oncall schedule command; choose another name.`);
  if (ops.config.oncall.schedules[name]) throw conflict(`The config file defines a schedule named ${name}, and it would win; choose another name or change the file.`);
}

function parseDefinition(ops: Ops, input: ChatScheduleInput, now: Date): ScheduleConfig {
  const tz = input.timezone ?? ops.config.timezone;
  const today = DateTime.fromJSDate(now, { zone: tz }).toFormat('yyyy-MM-dd');
  const raw = {
    ...(input.description ? { description: input.description } : {}),
    ...(input.timezone ? { timezone: input.timezone } : {}),
    services: input.services,
    routes: input.routes,
    ...(input.channel ? { channel: input.channel } : {}),
    ...(input.policy ? { policy: input.policy } : {}),
    layers: input.layers.map((l) => ({
      ...(l.level ? { level: l.level } : {}),
      people: l.people,
      shift: l.shift ?? input.shift ?? 'weekly',
      start: l.start ?? input.start ?? today,
      handoff: l.handoff ?? input.handoff ?? '09:00',
      restrictions: l.restrictions,
    })),
  };
  const parsed = scheduleSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${where(i.path)}${i.message}`);
  throw badInput(`The schedule is not valid: ${problems.join('; ')}.`, problems);
}

/** `layers.1.start` → `layer 2, start: `. */
function where(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  const [head, index, ...rest] = path.map(String);
  if (head === 'layers' && index !== undefined) return `layer ${Number(index) + 1}${rest.length > 0 ? `, ${rest.join('.')}` : ''}: `;
  return `${[head, index, ...rest].filter((p) => p !== undefined).join('.')}: `;
}

function checkReferences(ops: Ops, definition: ScheduleConfig): void {
  const problems: string[] = [];
  const people = ops.people.names();
  definition.layers.forEach((layer, i) => {
    for (const person of layer.people) if (!ops.people.exists(person)) problems.push(`layer ${i + 1}: ${person} is not one of the people dayops knows (${people.join(', ')})`);
  });
  const services = Object.keys(ops.config.services);
  for (const s of definition.services) if (!services.includes(s)) problems.push(`${s} is not a service dayops knows (${services.join(', ') || 'none configured'})`);
  const routes = ops.config.alerts.routes.flatMap((r) => (r.name ? [r.name] : []));
  for (const r of definition.routes) if (!routes.includes(r)) problems.push(`there is no alert route named ${r} (${routes.length > 0 ? `named routes: ${routes.join(', ')}` : 'no route has a name'})`);
  if (definition.policy && !ops.config.oncall.policies[definition.policy]) {
    problems.push(`there is no escalation policy named ${definition.policy} (${Object.keys(ops.config.oncall.policies).join(', ') || 'none configured'})`);
  }
  if (problems.length > 0) throw badInput(`The schedule is not valid: ${problems.join('; ')}.`, problems);
}

async function cancelHandoffs(ops: Ops, tx: Tx, name: string): Promise<void> {
  const jobs = (await tx.query('job.ofType', { type: HANDOFF_JOB })).filter((j) => j.payload.schedule === name);
  for (const job of jobs) await ops.scheduler.cancel(tx, job.id);
}
