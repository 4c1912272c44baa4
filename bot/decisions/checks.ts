import { graphemeCount } from '../text-limits.js';
import { DECISION_TITLE_MAX } from '../../data/records/decision.js';
import { badInput } from '../errors.js';
import type { Ops } from '../ops.js';

/** A service must be one the config lists, when it lists any (a team without a list may use any name). */
export function checkService(ops: Ops, service: string): void {
  const known = Object.keys(ops.config.services);
  if (known.length === 0 || known.includes(service)) return;
  throw badInput(`There is no service "${service}"; the services are ${known.join(', ')}.`);
}

export function checkEnvironment(ops: Ops, env: string): void {
  const known = Object.keys(ops.config.environments);
  if (known.includes(env)) return;
  const list = known.length > 0 ? `the environments are ${known.join(', ')}` : 'the config lists no environments';
  throw badInput(`There is no environment "${env}"; ${list}.`);
}

export function checkPerson(ops: Ops, person: string): void {
  if (ops.people.exists(person)) return;
  const names = ops.people.names();
  const list = names.length > 0 ? `the people are ${names.join(', ')}` : 'the config lists no people';
  throw badInput(`There is no person "${person}"; ${list}.`);
}

export function checkTitle(title: string): void {
  if (title.trim() === '') throw badInput('The title is empty; write a few words.');
  const length = title.length > DECISION_TITLE_MAX ? graphemeCount(title) : title.length;
  if (length > DECISION_TITLE_MAX) throw badInput(`The title is ${length} characters long; keep it to ${DECISION_TITLE_MAX}.`);
}
