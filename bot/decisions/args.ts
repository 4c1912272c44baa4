import { z } from 'zod';
import { DECISION_CATEGORIES, DECISION_STATUSES, type DecisionCategory, type DecisionStatus } from '../../data/records/decision.js';

/** Zod pieces the decision commands share; their messages are whole sentences. */

export function categoryArg() {
  return oneOf<DecisionCategory>(DECISION_CATEGORIES, 'category', 'categories');
}

export function statusArg() {
  return oneOf<DecisionStatus>(DECISION_STATUSES, 'status', 'statuses');
}

function oneOf<T extends string>(values: readonly T[], noun: string, plural: string) {
  return z.string().transform((input, ctx) => {
    const value = input.trim().toLowerCase();
    if ((values as readonly string[]).includes(value)) return value as T;
    ctx.addIssue({ code: 'custom', message: `There is no ${noun} "${input.trim()}"; the ${plural} are ${values.join(', ')}.` });
    return z.NEVER;
  });
}

/** `"PostgreSQL; MySQL; SQLite"` → three options; empty pieces are dropped. */
export function optionsArg() {
  return z.string().transform((input, ctx) => {
    const options = input
      .split(';')
      .map((o) => o.trim())
      .filter(Boolean);
    if (options.length === 0) ctx.addIssue({ code: 'custom', message: 'The options are empty; separate them with semicolons: "a; b; c".' });
    if (options.some((o) => o.length > 500)) ctx.addIssue({ code: 'custom', message: 'An option is longer than 500 characters; keep each one short.' });
    return options;
  });
}
