import { badInput } from '../errors.js';

/** A piece of text with where it sits in the line, so the rest of a line can be cut out as typed. */
export interface Span {
  /** The text with quotes removed and escapes applied. */
  value: string;
  /** Offset of the first character in the source, quotes included. */
  start: number;
  /** Offset just past the last character, quotes included. */
  end: number;
  /** True when any part of the text was quoted; a quoted word is never a flag or a skipped word. */
  quoted: boolean;
}

export interface Token extends Span {
  /** Set for an unquoted `--name` or `--name=value`: the flag's name. */
  flag?: string;
  /** For `--name=value`: the value after `=`. */
  inline?: Span;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”' };
const FLAG = /^--([a-z][\w.-]*)$/i;
const FLAG_WITH_VALUE = /--([a-z][\w.-]*)=/iy;

/**
 * Splits a command line into words. Quotes open only at the start of a word (or right after
 * `--flag=`), so an apostrophe inside a word (`don't`) stays a letter. A backslash escapes a
 * quote, a backslash or a space; elsewhere it is kept, so paths like `C:\logs` survive.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    if (/\s/.test(source[i]!)) {
      i++;
      continue;
    }
    const token = readToken(source, i);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

function readToken(source: string, start: number): Token {
  FLAG_WITH_VALUE.lastIndex = start;
  const withValue = FLAG_WITH_VALUE.exec(source);
  if (withValue) {
    const inline = readWord(source, start + withValue[0].length);
    const value = source.slice(start, inline.end);
    return { value, start, end: inline.end, quoted: false, flag: withValue[1]!.toLowerCase(), inline };
  }
  const word = readWord(source, start);
  const bare = word.quoted ? null : FLAG.exec(word.value);
  return bare ? { ...word, flag: bare[1]!.toLowerCase() } : word;
}

/** Reads one word starting at `start`, stopping at unquoted white space. */
function readWord(source: string, start: number): Span {
  let value = '';
  let quoted = false;
  let i = start;
  const close = QUOTES[source[i] ?? ''];
  if (close !== undefined) {
    const quote = readQuoted(source, i + 1, close);
    if (quote === undefined) {
      throw badInput(`The quote that starts at column ${start + 1} is never closed.`, [
        `Close it with ${close}, or put a backslash before it to use it as a letter.`,
      ]);
    }
    value = quote.value;
    quoted = true;
    i = quote.end;
  }
  while (i < source.length && !/\s/.test(source[i]!)) {
    if (source[i] === '\\' && isEscapable(source[i + 1])) {
      value += source[i + 1];
      i += 2;
      continue;
    }
    value += source[i];
    i++;
  }
  return { value, start, end: i, quoted };
}

/** Reads quoted text after the opening quote; returns undefined when it is never closed. */
function readQuoted(source: string, from: number, close: string): { value: string; end: number } | undefined {
  let value = '';
  for (let i = from; i < source.length; i++) {
    const c = source[i]!;
    if (c === close) return { value, end: i + 1 };
    if (c === '\\' && (source[i + 1] === close || source[i + 1] === '\\')) {
      value += source[i + 1];
      i++;
      continue;
    }
    value += c;
  }
  return undefined;
}

function isEscapable(c: string | undefined): boolean {
  return c !== undefined && (c === '\\' || c === ' ' || c in QUOTES);
}
