import type { OutboxRecord } from '../data/records/core.js';

/** The lowest-seq record of every channel. */
export function channelHeads(records: OutboxRecord[]): OutboxRecord[] {
  const heads = new Map<string, OutboxRecord>();
  for (const r of records) {
    const head = heads.get(r.channel);
    if (!head || r.seq < head.seq) heads.set(r.channel, r);
  }
  return [...heads.values()];
}
