import type { LabelMatcher } from '../../data/records/silence.js';
import { badInput } from '../errors.js';

export type { LabelMatcher } from '../../data/records/silence.js';

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** `severity=critical`, `env!=staging`, `service=~"api|web"`, `team!~ops.*` (Alertmanager's operators). */
export function parseMatcher(text: string): LabelMatcher {
  const m = MATCHER.exec(text);
  if (!m) throw badInput(`"${text}" is not a label matcher; write it like service=api, env!=staging or service=~"api|web".`);
  const name = m[1]!;
  const op = m[2]!;
  const raw = m[3]!;
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  const isRegex = op === '=~' || op === '!~';
  if (isRegex) compile(value, text);
  return { name, value, isRegex, isEqual: op === '=' || op === '=~' };
}

/** Matchers separated by spaces or commas, optionally wrapped in braces: `{service="api", env=prod}`. */
export function parseMatchers(text: string): LabelMatcher[] {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const parts = splitOutsideQuotes(inner).filter((p) => p.trim() !== '');
  if (parts.length === 0) throw badInput('Give at least one label matcher, such as service=api.');
  return parts.map(parseMatcher);
}

export function formatMatcher(m: LabelMatcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return `${m.name}${op}"${m.value}"`;
}

/** Like Alertmanager: a missing label is the empty string, and regexes are anchored. */
export function matches(matcher: LabelMatcher, labels: Record<string, string>): boolean {
  const value = labels[matcher.name] ?? '';
  const hit = matcher.isRegex ? compile(matcher.value, matcher.value).test(value) : value === matcher.value;
  return matcher.isEqual ? hit : !hit;
}

export function matchesAll(matchers: readonly LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => matches(m, labels));
}

const compiled = new Map<string, RegExp>();

function compile(pattern: string, shown: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw badInput(`The regular expression in "${shown}" is not valid.`);
  }
  compiled.set(pattern, re);
  return re;
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === ',' || ch === ' ')) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
