import type { DecisionRecord } from '../../data/records/decision.js';
import type { OpsMessage } from '../model.js';
import { CREATE_DUTY_ACTION } from './keys.js';
import { dutyKindOf, owesDuty } from './kinds.js';

/**
 * What a decision's message says about its Day-2 duty: the reminder that holds it, or, on an
 * accepted decision of a duty category without one, the button that creates it.
 */
export function withDuty(message: OpsMessage, d: DecisionRecord): OpsMessage {
  const kind = dutyKindOf(d.category);
  if (!kind) return message;
  if (d.duty) {
    return { ...message, fields: [...(message.fields ?? []), { label: 'Duty', value: `${d.duty} · ${kind.name}, ${kind.cadence}` }] };
  }
  if (!owesDuty(d)) return message;
  const button = { kind: 'action' as const, label: `Create ${kind.name} reminder`, action: CREATE_DUTY_ACTION, value: d.id };
  return { ...message, buttons: [...(message.buttons ?? []), button] };
}
