import { LIMITS } from './limits.js';

/**
 * A component's custom_id carries the neutral action and its value: `deploy.approve|DEP-12`.
 * Discord wants custom_ids unique within a message, so the n-th repeat of an action gets a
 * `~n` after its name. A select menu carries the action alone; its value is the chosen option.
 */
const REPEAT = /~\d+$/;

export function customIdAllocator(): (action: string, value: string) => string | undefined {
  const seen = new Map<string, number>();
  return (action, value) => {
    const n = seen.get(action) ?? 0;
    seen.set(action, n + 1);
    const id = `${n === 0 ? action : `${action}~${n}`}|${value}`;
    return id.length <= LIMITS.customId ? id : undefined;
  };
}

export interface DecodedCustomId {
  action: string;
  value: string;
}

/** The action and value of a pressed component; undefined for ids dayops did not make. */
export function decodeCustomId(customId: string, selected?: readonly string[]): DecodedCustomId | undefined {
  const bar = customId.indexOf('|');
  if (bar <= 0) return undefined;
  const action = customId.slice(0, bar).replace(REPEAT, '');
  const value = selected && selected.length > 0 ? selected[0]! : customId.slice(bar + 1);
  return value === '' ? undefined : { action, value };
}
