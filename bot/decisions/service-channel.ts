import type { DecisionRecord } from '../../data/records/decision.js';
import type { Ops } from '../ops.js';

/** The channel of the decision's service, else the one it was recorded in. */
export function serviceChannel(ops: Ops, d: DecisionRecord): string {
  return (d.service && ops.config.services[d.service]?.channel) || d.channel;
}
