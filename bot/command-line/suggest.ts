/**
 * Did-you-mean for unknown commands: the command names closest to what was typed, by edit
 * distance with adjacent swaps counted as one edit (`deplyo` → `deploy`). A name of several
 * words is compared with as many words typed.
 */
export function suggestCommands(typed: readonly string[], names: readonly string[]): string[] {
  let best = Infinity;
  let found: string[] = [];
  for (const name of names) {
    const words = name.split(' ').length;
    if (typed.length < words) continue;
    const attempt = typed.slice(0, words).join(' ').toLowerCase();
    // More than two edits longer cannot be within reach; skipping it keeps a huge word cheap.
    if (attempt.length > name.length + allowedDistance(name)) continue;
    const distance = editDistance(attempt, name);
    if (distance > allowedDistance(name)) continue;
    if (distance < best) {
      best = distance;
      found = [name];
    } else if (distance === best) {
      found.push(name);
    }
  }
  return found;
}

/** Short names tolerate one slip, longer ones two; more than that is a different word. */
function allowedDistance(name: string): number {
  return name.length <= 4 ? 1 : 2;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
