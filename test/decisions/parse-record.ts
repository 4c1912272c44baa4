import { parse } from 'yaml';

/** An exported decision record read back: front matter, the lines before the first section, and each section by heading. */
export interface ParsedRecord {
  front: Record<string, unknown>;
  heading: string;
  preamble: string;
  sections: Record<string, string>;
}

export function parseRecord(text: string): ParsedRecord {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error('no front matter');
  const body = text.slice(m[0].length).replace(/^<!-- dayops:(begin|end) \S+ -->\n?/gm, '');
  const [head = '', ...parts] = body.split(/^#{2,3} /m);
  const headLines = head.trim().split('\n');
  const sections: Record<string, string> = {};
  for (const part of parts) {
    const nl = part.indexOf('\n');
    sections[part.slice(0, nl).trim()] = part.slice(nl + 1).trim();
  }
  return {
    front: parse(m[1]!) as Record<string, unknown>,
    heading: headLines[0]!,
    preamble: headLines.slice(1).join('\n').trim(),
    sections,
  };
}
