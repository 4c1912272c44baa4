import { createHash } from 'node:crypto';

/** A stable id for a label set, for sources that send none: sorted pairs, hashed. */
export function labelFingerprint(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`);
  return createHash('sha256').update(pairs.join('\u0001')).digest('hex').slice(0, 16);
}
