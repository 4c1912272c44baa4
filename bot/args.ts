import { graphemeCount } from './text-limits.js';
import { z } from 'zod';
import { formatId, ID_PREFIXES, tryParseId, type IdKind } from './ids.js';

/**
 * Zod pieces commands share for their arguments. Messages start lower-case so the router can
 * put the argument's name in front (`version: must be …`); a message written as a whole
 * sentence starts with a capital letter and is shown as it is.
 */

/** `DEP-12`, `dep12` or a bare `12` → `DEP-12`; an id of another kind is refused by name. */
export function idArg(kind: IdKind) {
  const wanted = `${article(kindWords(kind))} id such as ${formatId(kind, 12)}`;
  return z.union([z.string(), z.number()]).transform((input, ctx) => {
    const parsed = tryParseId(String(input), kind);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `must be ${wanted} (or just 12)` });
      return z.NEVER;
    }
    if (parsed.kind !== kind) {
      ctx.addIssue({ code: 'custom', message: `must be ${wanted}; ${parsed.id} is ${article(kindWords(parsed.kind))} id` });
      return z.NEVER;
    }
    return parsed.id;
  });
}

function article(words: string): string {
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

/** `alertGroup` → `alert group`, for sentences. */
function kindWords(kind: IdKind): string {
  return kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

/** An id of any kind (`--target INC-3`), with its prefix required. */
export function anyIdArg() {
  const prefixes = Object.values(ID_PREFIXES).join(', ');
  return z.string().transform((input, ctx) => {
    const parsed = tryParseId(input);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `must be an id such as DEP-12 or INC-3 (prefixes: ${prefixes})` });
      return z.NEVER;
    }
    return parsed.id;
  });
}

const PERSON_NAME = /^[a-z][a-z0-9._-]{0,39}$/;

/** `@alice` or `alice` → `alice`. Whether the person exists is for the handler to say. */
export function personArg() {
  return z
    .string()
    .transform((s) => s.trim().replace(/^@/, '').toLowerCase())
    .refine((s) => PERSON_NAME.test(s), { message: 'must be a person such as @alice' });
}

/** Free text, trimmed, never empty, at most `max` characters; `label` names it in the sentence. */
export function textArg(max: number, label: string) {
  return z
    .string()
    .trim()
    .min(1, { message: `The ${label} is empty; write a few words.` })
    .superRefine((s, ctx) => {
      // Counted as people see characters: 101 emoji are 101, not 202.
      const n = s.length > max ? graphemeCount(s) : s.length;
      if (n > max) ctx.addIssue({ code: 'custom', message: `The ${label} is ${n} characters long; keep it to ${max}.` });
    });
}

/** A whole number from `min` to `max`; platforms may send a number, the command line a string. */
export function integerArg(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.union([z.number(), z.string()]).transform((input, ctx) => {
    const n = typeof input === 'number' ? input : /^\s*-?\d+\s*$/.test(input) ? Number(input) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
}

/** A boolean flag: present or not; platforms that send options send true or false. */
export function flagArg() {
  return z.boolean().default(false);
}

/** A duration as typed (`30m`, `2d`); handlers parse it with bot/time.ts parseDuration. */
export function durationArg() {
  return z.string().trim().min(1, { message: 'must be a duration such as 30m, 2h or 1d' });
}

/** A time as typed (`tomorrow 9:00`); handlers parse it with bot/time.ts parseTime. */
export function timeArg() {
  return z.string().trim().min(1, { message: 'must be a time such as 14:30 or tomorrow 9:00' });
}

/** An environment name; handlers check it against the config, which the schema cannot see. */
export function envArg() {
  return z.string().trim().toLowerCase().min(1, { message: 'must name an environment such as production' });
}

/** A service name; checked against the config by the handler. */
export function serviceArg() {
  return z.string().trim().toLowerCase().min(1, { message: 'must name a service such as api' });
}
