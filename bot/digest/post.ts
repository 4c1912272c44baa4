import type { ReadTx, Tx } from '../../data/store.js';
import type { OpsMessage } from '../model.js';
import type { Ops } from '../ops.js';
import { computeDigest } from './compute.js';
import type { DigestPeriod } from './config-schema.js';
import { loadDigestRecords } from './load.js';
import { digestMessage } from './message.js';
import { digestWindow } from './window.js';

/** The digest of the period that ends `now`, as a message in the team's time zone. */
export async function buildDigest(ops: Ops, tx: ReadTx, period: DigestPeriod, now: Date): Promise<OpsMessage> {
  const window = digestWindow(period, now);
  const records = await loadDigestRecords(ops, tx, window);
  const options = { environments: ops.config.digest.environments, failureWindowMs: ops.config.digest.failureWindowHours * 3_600_000 };
  return digestMessage(computeDigest(records, window, options), ops.config.timezone);
}

export function digestKey(channel: string, period: DigestPeriod, now: Date): string {
  return `digest:${period}:${channel}:${now.toISOString()}`;
}

/** Posts the digest into `channel` through the outbox; returns its message key. */
export async function postDigest(ops: Ops, tx: Tx, channel: string, period: DigestPeriod, now: Date, note?: string): Promise<string> {
  const message = await buildDigest(ops, tx, period, now);
  const key = digestKey(channel, period, now);
  await ops.outbox.post(tx, { channel, key, message: note ? { ...message, context: [...(message.context ?? []), note] } : message });
  return key;
}
