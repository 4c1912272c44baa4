import { serviceChannel } from '../decisions/service-channel.js';
import { dutyKindOf } from '../duties/kinds.js';
import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import type { JobHandler } from '../scheduler.js';
import { formatTime } from '../time.js';
import { warnKey } from './keys.js';
import { evidenceFor, howToClear, requiredEvidence } from './status.js';

/**
 * Posts, `evidence.warnBefore` ahead, that a required piece of evidence is about to expire. A
 * job whose evidence was renewed since it was scheduled does nothing (renewal replaces it anyway).
 */
export function evidenceWarnHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const env = String(job.payload.env);
    const d = await tx.get('decision', String(job.payload.decision));
    const last = d && evidenceFor(d, env);
    if (!d || !last || last.at !== job.payload.evidenceAt || last.outcome !== 'passed') return;
    const age = requiredEvidence(ops.config, env).find(([category]) => category === d.category)?.[1];
    if (age === undefined) return;
    const expires = new Date(Date.parse(last.at) + age);
    const duty = dutyKindOf(d.category)?.name ?? 'duty';
    const services = d.service ?? 'every service';
    const text = `The ${duty} evidence of ${d.id} (${d.title}) for ${env} expires ${formatTime(expires, ops.config.timezone)}; after that, deployments of ${services} to ${env} are refused. Renew it with: ${howToClear(ops.config, d, env)}.`;
    await ops.outbox.post(tx, { channel: serviceChannel(ops, d), key: warnKey(d.id, env, last.at), message: { tone: 'warning', text, ...(d.owner ? { mentions: [{ person: d.owner }] } : {}) } });
    tx.audit(systemDoer(ops.clock.now()).audit('evidence.warn', d.id, `announced that the ${duty} evidence of ${d.id} for ${env} expires ${expires.toISOString()}`));
  };
}
