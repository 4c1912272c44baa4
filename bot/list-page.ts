import type { ArgSpec } from './command.js';
import { integerArg } from './args.js';
import { badInput } from './errors.js';

/** Lines per page of a list command: enough to scan, short enough for one chat message. */
export const LIST_PAGE_SIZE = 25;

export const pageArgSpec: ArgSpec = { name: 'page', kind: 'flag', type: 'integer', description: `Which page of ${LIST_PAGE_SIZE} (default 1).` };

export const pageArg = () => integerArg(1, 10_000).optional();

/**
 * One page of a list's lines, with a last line that says how to see the next, so a list command
 * never answers with thousands of lines however much history there is.
 */
export function pageOf(lines: string[], page = 1, command: string): string {
  const pages = Math.max(1, Math.ceil(lines.length / LIST_PAGE_SIZE));
  if (page > pages) throw badInput(`There ${pages === 1 ? 'is 1 page' : `are ${pages} pages`}; ask for --page ${pages} or less.`);
  const shown = lines.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
  if (pages === 1) return shown.join('\n');
  const next = page < pages ? ` ${command} --page ${page + 1} for more.` : '';
  return [...shown, `Page ${page} of ${pages} (${lines.length} in all).${next}`].join('\n');
}
