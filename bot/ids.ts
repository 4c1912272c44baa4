import { badInput } from './errors.js';

/** Every record kind that has a short id, and its prefix (D-7, DEP-12, …). */
export const ID_PREFIXES = {
  decision: 'D',
  deployment: 'DEP',
  incident: 'INC',
  reminder: 'REM',
  freeze: 'FRZ',
  maintenance: 'MNT',
  alertGroup: 'ALG',
  runbookRun: 'RUN',
  silence: 'SIL',
  oncallOverride: 'OVR',
  oncallSwap: 'SWP',
  actionItem: 'ACT',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** Id prefix → the store counter that numbers it (scheduler jobs are `job-N`). */
export const ID_COUNTERS: Record<string, string> = { ...Object.fromEntries(Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind])), job: 'job' };

const PREFIX_TO_KIND = new Map<string, IdKind>(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind as IdKind]),
);

export function formatId(kind: IdKind, n: number): string {
  return `${ID_PREFIXES[kind]}-${n}`;
}

export interface ParsedId {
  kind: IdKind;
  n: number;
  id: string;
}

/**
 * Reads `DEP-12`, `dep-12`, `dep12` or, when the kind is implied by the command, a bare `12`.
 * Returns undefined when the text is not an id of any kind.
 */
export function tryParseId(text: string, implied?: IdKind): ParsedId | undefined {
  const m = /^([a-z]+)-?(\d{1,9})$/i.exec(text.trim()) ?? /^()(\d{1,9})$/.exec(text.trim());
  if (!m) return undefined;
  const prefix = m[1]!.toUpperCase();
  const n = Number(m[2]);
  const kind = prefix === '' ? implied : PREFIX_TO_KIND.get(prefix);
  if (!kind || n < 1) return undefined;
  return { kind, n, id: formatId(kind, n) };
}

/** Like tryParseId, but the id must be of `kind`; the error says what was expected. */
export function parseId(text: string, kind: IdKind): string {
  const parsed = tryParseId(text, kind);
  const example = formatId(kind, 12);
  if (!parsed) throw badInput(`"${text}" is not an id; expected something like ${example} or 12.`);
  if (parsed.kind !== kind) {
    throw badInput(`${parsed.id} is ${withArticle(kindName(parsed.kind))} id; this needs ${withArticle(kindName(kind))} id such as ${example}.`);
  }
  return parsed.id;
}

export function idNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}

/** `alertGroup` → `alert group`, for sentences. */
function kindName(kind: IdKind): string {
  return kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
