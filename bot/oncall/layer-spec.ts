import { badInput } from '../errors.js';
import { expandDays } from './config-schema.js';

/** A layer as written in chat, before the schedule's defaults and the config schema apply. */
export interface LayerSpec {
  level?: string;
  people: string[];
  shift?: string;
  start?: string;
  handoff?: string;
  restrictions: { days: string[]; from: string; to: string }[];
}

const LEVEL = /^([a-z][a-z0-9-]{0,29}):$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;
const WINDOW = /^(([01]?\d|2[0-3]):[0-5]\d)-(([01]?\d|2[0-3]):[0-5]\d)$/;
const SHIFT = /^(daily|weekly|\d+[hdw])$/;
const FILLER = new Set(['from', 'at', 'only', 'on', 'and']);

/**
 * Reads one `--layer`: `primary: @alice @bob @carol weekly from 2026-03-02 at 09:00 weekdays 09:00-17:00`.
 * The level (a word and a colon) comes first; then, in any order, the people (in rotation order),
 * a shift (daily, weekly, 3d, 2w, 12h), a first day, a handoff time, and windows (days, and
 * optionally a time range) the layer is restricted to. A word that is none of these is a person.
 */
export function parseLayerSpec(text: string): LayerSpec {
  const words = text.split(/[\s,]+/).filter(Boolean);
  const spec: LayerSpec = { people: [], restrictions: [] };
  const level = LEVEL.exec(words[0] ?? '');
  if (level) {
    spec.level = level[1];
    words.shift();
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.toLowerCase();
    if (FILLER.has(word)) continue;
    if (DATE.test(word)) spec.start = once(spec.start, word, 'first day');
    else if (TIME.test(word)) spec.handoff = once(spec.handoff, pad(word), 'handoff time');
    else if (SHIFT.test(word)) spec.shift = once(spec.shift, word, 'shift');
    else if (WINDOW.test(word)) spec.restrictions.push(windowOf(['mon-sun'], word));
    else if (expandDays(word)) {
      const next = words[i + 1];
      const hasWindow = next !== undefined && WINDOW.test(next);
      spec.restrictions.push(hasWindow ? windowOf([word], next) : { days: [word], from: '00:00', to: '00:00' });
      if (hasWindow) i++;
    } else if (/^@?[a-z][a-z0-9._-]{0,39}$/.test(word)) spec.people.push(word.replace(/^@/, ''));
    else throw badInput(`"${words[i]}" in --layer "${text}" is not a person, a shift (daily, weekly, 3d, 12h), a day (2026-03-02), a time (09:00) or a window (weekdays 09:00-17:00).`);
  }
  if (spec.people.length === 0) throw badInput(`--layer "${text}" names nobody; list the people in the order they take shifts, such as --layer "primary: @alice @bob".`);
  return spec;
}

function once(current: string | undefined, value: string, what: string): string {
  if (current !== undefined && current !== value) throw badInput(`A layer has one ${what}; it says both ${current} and ${value}.`);
  return value;
}

function windowOf(days: string[], range: string): { days: string[]; from: string; to: string } {
  const [from, to] = range.split('-').map(pad) as [string, string];
  return { days, from, to };
}

/** `9:00` → `09:00`. */
function pad(time: string): string {
  return time.length === 4 ? `0${time}` : time;
}
