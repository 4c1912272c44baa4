import { parse, stringify } from 'yaml';

/** A Markdown file's leading `---` YAML block and the rest. */
export interface SplitFile {
  data: Record<string, unknown>;
  body: string;
}

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function splitFrontMatter(text: string): SplitFile {
  const m = FRONT.exec(text);
  if (!m) return { data: {}, body: text };
  let data: unknown;
  try {
    data = parse(m[1]!);
  } catch {
    // A person broke the YAML: keep their text in the body rather than lose it.
    return { data: {}, body: text };
  }
  const record = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { data: record, body: text.slice(m[0].length) };
}

/**
 * Our keys first, in our order, then any key a person added; a key we manage but no longer
 * give (a service removed) is dropped.
 */
export function mergeFrontMatter(ours: Record<string, unknown>, theirs: Record<string, unknown>, managed: readonly string[]): Record<string, unknown> {
  const extra = Object.entries(theirs).filter(([key]) => !managed.includes(key));
  return { ...ours, ...Object.fromEntries(extra) };
}

export function joinFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data).trimEnd()}\n---\n\n${body.replace(/^\n+/, '')}`;
}
