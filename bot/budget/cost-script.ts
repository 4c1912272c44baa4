/** A month-to-date cost as a source read it, or why it could not. */
export type CostReading = { ok: true; spend: number } | { ok: false; error: string };

/**
 * The port a budget's script cost source is read through: runs the script the config names
 * (`budgets.scripts.<name>`) and reads the cost it prints. adapters/metrics/cost-script.ts
 * implements it; it never throws.
 */
export interface CostScripts {
  read(name: string): Promise<CostReading>;
}

/** Without configured scripts every script budget is unknown, with this sentence. */
export const NO_COST_SCRIPTS: CostScripts = {
  read: async (name) => ({ ok: false, error: `no cost script ${name} is configured (budgets.scripts)` }),
};

/**
 * The cost a script printed: its last non-empty line, a plain amount (`1234.5`, `1,234.50` and
 * `1_234` are read; anything else is refused, so a stray log line never becomes a cost).
 */
export function costFromOutput(stdout: string): CostReading {
  const last = stdout.split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
  if (last === undefined) return { ok: false, error: 'it printed nothing' };
  const amount = /^[0-9][0-9,_]*(\.[0-9]+)?$/.test(last) ? Number(last.replace(/[,_]/g, '')) : Number.NaN;
  // The line itself is not repeated: a script's output may hold a secret, and this sentence goes to chat.
  if (!Number.isFinite(amount)) return { ok: false, error: 'its last line is not an amount such as 1234.50' };
  return { ok: true, spend: amount };
}
