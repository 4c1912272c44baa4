import type { ReadTx } from '../../data/store.js';

/** `drift [service]`: one line per open finding, then one per check whose state is not known. */
export async function driftOverview(tx: ReadTx, subject?: string): Promise<string[]> {
  const checks = (await tx.list('driftCheck', { where: (c) => subject === undefined || c.subject === subject })).sort((a, b) => a.id.localeCompare(b.id));
  const lines: string[] = [];
  for (const c of checks) {
    const group = c.group ? await tx.get('alertGroup', c.group) : undefined;
    if (group?.status === 'firing') lines.push(`${group.id} ${c.subject} in ${c.env}: ${c.state === 'drift' ? c.detail : `${c.state}; ${c.detail}`}`);
    else if (c.state === 'unknown' || c.state === 'failed') lines.push(`${c.subject} in ${c.env}: ${c.state}; ${c.detail}`);
  }
  return lines;
}
