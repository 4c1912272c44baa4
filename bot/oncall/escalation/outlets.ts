import type { Tx } from '../../../data/store.js';
import type { OpsMessage } from '../../model.js';
import type { Ops } from '../../ops.js';

/** Channels of the paging outlets: the outbox delivers them like chat, by their platform prefix. */
export const emailChannel = (person: string) => `email:${person}`;
export const personWebhookChannel = (person: string) => `webhook:person.${person}`;
export const policyWebhookChannel = (policy: string) => `webhook:policy.${policy}`;

/** A page also goes to the person's e-mail and webhook and to the policy's webhook, when configured. */
export async function postToOutlets(ops: Ops, tx: Tx, key: string, person: string, policy: string, message: OpsMessage): Promise<string[]> {
  const { contacts, policies } = ops.config.oncall;
  const channels = [
    ...(contacts[person]?.email ? [emailChannel(person)] : []),
    ...(contacts[person]?.webhook ? [personWebhookChannel(person)] : []),
    ...(policies[policy]?.webhook ? [policyWebhookChannel(policy)] : []),
  ];
  for (const channel of channels) await ops.outbox.post(tx, { channel, key: `${key}|${channel}`, message });
  return channels.map((c) => (c.startsWith('email:') ? 'e-mail' : 'webhook'));
}
