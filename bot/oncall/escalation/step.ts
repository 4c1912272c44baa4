import type { AlertGroupRecord } from '../../../data/records/alert-group.js';
import type { Tx } from '../../../data/store.js';
import { toMentions } from '../../alerts/message.js';
import type { Mention, OpsMessage } from '../../model.js';
import type { Ops } from '../../ops.js';
import { formatDuration } from '../../time.js';
import type { EscalationStepConfig } from '../config-schema.js';
import { levelsOf, type Schedule } from '../schedules.js';
import { overridesOf, whoAt } from '../who.js';
import { directChannel } from './dm.js';
import { ESCALATE_NOW_ACTION, pageMessageKey } from './keys.js';
import { postToOutlets } from './outlets.js';

export interface StepInput {
  group: AlertGroupRecord;
  policy: string;
  schedule: Schedule | undefined;
  step: EscalationStepConfig;
  round: number;
  index: number;
  now: Date;
}

export interface StepOutcome {
  /** What the step did, for the group's thread and the audit log. */
  did: string;
  mentions: Mention[];
  /** Nobody could be paged (a gap): the next step follows at once rather than after the wait. */
  skipped: boolean;
}

/** Runs one step: pages a person by direct message, or calls the channel with mentions. */
export async function runStep(ops: Ops, tx: Tx, input: StepInput): Promise<StepOutcome> {
  const { step, schedule, group } = input;
  if (step.notify === 'channel') return callChannel(tx, input);
  if (step.notify.startsWith('person:')) {
    const person = step.notify.slice(7);
    const how = await page(ops, tx, input, person, `named in the escalation policy`);
    return { did: `paged ${person} by ${how.ways}`, mentions: how.mentions, skipped: false };
  }
  const level = step.notify;
  if (!schedule) return { did: `no on-call schedule covers ${group.service ?? 'this alert'}, so nobody is ${level}`, mentions: [], skipped: true };
  const onCall = whoAt(schedule, level, input.now, await overridesOf(tx, schedule.name));
  if (!onCall) return { did: `nobody is ${level} on call for ${schedule.name} right now (a gap in the schedule)`, mentions: [], skipped: true };
  const how = await page(ops, tx, input, onCall.person, `${level} on call for ${schedule.name}`);
  return { did: `paged ${onCall.person}, ${level} on call for ${schedule.name}, by ${how.ways}`, mentions: how.mentions, skipped: false };

  async function callChannel(tx2: Tx, { now }: StepInput): Promise<StepOutcome> {
    const names = step.mention.length > 0 ? step.mention : await everyoneOnCall(tx2, schedule, now);
    return { did: 'called the channel', mentions: toMentions(names), skipped: false };
  }
}

async function everyoneOnCall(tx: Tx, schedule: Schedule | undefined, now: Date): Promise<string[]> {
  if (!schedule) return [];
  const overrides = await overridesOf(tx, schedule.name);
  const names = levelsOf(schedule).map((level) => whoAt(schedule, level, now, overrides)?.person);
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

/** Pages a person by DM (or a mention where there is none) and their outlets; says how, for the thread line. */
async function page(ops: Ops, tx: Tx, input: StepInput, person: string, why: string): Promise<{ ways: string; mentions: Mention[] }> {
  const { group, round, index, now } = input;
  const message: OpsMessage = {
    title: `Paging you: ${group.title}`,
    tone: 'danger',
    text: `You are ${why}. ${group.id} has been firing for ${formatDuration(now.getTime() - Date.parse(group.openedAt))} and nobody has acknowledged it.`,
    buttons: [
      { kind: 'action', label: 'Acknowledge', action: 'alerts.ack', value: group.id, style: 'primary' },
      { kind: 'action', label: 'Escalate now', action: ESCALATE_NOW_ACTION, value: group.id },
    ],
    context: [`${group.id} · escalation step ${index + 1}${round > 0 ? `, round ${round + 1}` : ''}`],
  };
  const key = pageMessageKey(group.id, round, index, person);
  const dm = directChannel(ops, person);
  if (dm) await ops.outbox.post(tx, { channel: dm, key, message });
  const outlets = await postToOutlets(ops, tx, key, person, input.policy, message);
  const hooks = outlets.filter((o) => o === 'webhook').length;
  const ways = [dm ? 'direct message' : 'a mention here', ...outlets.filter((o) => o !== 'webhook'), ...(hooks === 1 ? ['webhook'] : hooks > 1 ? [`${hooks} webhooks`] : [])];
  return { ways: ways.length === 1 ? ways[0]! : `${ways.slice(0, -1).join(', ')} and ${ways.at(-1)!}`, mentions: dm ? [] : [{ person }] };
}
