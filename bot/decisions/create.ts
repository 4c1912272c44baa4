import type { DecisionCategory, DecisionRecord } from '../../data/records/decision.js';
import type { Tx } from '../../data/store.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import type { DecisionActor } from './actor.js';
import { checkPerson, checkService, checkTitle } from './checks.js';
import { decisionKey } from './keys.js';
import { decisionMessage } from './message.js';

export interface NewDecision {
  title: string;
  category: DecisionCategory;
  service?: string;
  context?: string;
  options?: string[];
  outcome?: string;
  consequences?: string;
  /** Defaults to the person recording it. */
  owner?: string;
  /** Where the decision's message is posted. */
  channel: string;
  /** The decision this one will supersede once accepted (a change proposed from a postmortem). */
  replaces?: string;
  /** The incident it was proposed from. */
  incident?: string;
}

/** Records a proposed decision and posts its message into the channel it was recorded in. */
export async function createDecision(ops: Ops, tx: Tx, input: NewDecision, actor: DecisionActor): Promise<DecisionRecord> {
  checkTitle(input.title);
  if (input.service !== undefined) checkService(ops, input.service);
  if (input.owner !== undefined) checkPerson(ops, input.owner);
  const id = formatId('decision', await tx.nextNumber('decision'));
  const at = actor.now.toISOString();
  const decision: DecisionRecord = {
    id,
    title: input.title.trim(),
    category: input.category,
    ...defined({ service: input.service, context: input.context, outcome: input.outcome, consequences: input.consequences, replaces: input.replaces, incident: input.incident }),
    options: input.options ?? [],
    status: 'proposed',
    owner: input.owner ?? actor.person,
    decisionMakers: [],
    createdAt: at,
    updatedAt: at,
    channel: input.channel,
    history: [{ status: 'proposed', by: actor.person, at }],
  };
  await tx.put('decision', decision);
  tx.audit(actor.audit('decision.create', id, `proposed ${id} (${decision.category}): ${decision.title}`));
  await ops.outbox.post(tx, { channel: decision.channel, key: decisionKey(id), message: decisionMessage(decision) });
  return decision;
}

/** Leaves out keys whose value is undefined, so records carry no `key: undefined`. */
function defined<T extends Record<string, string | undefined>>(values: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, string>>;
}
