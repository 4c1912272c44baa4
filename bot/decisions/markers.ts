/**
 * Generated parts of an exported Markdown file sit between named HTML comments. Re-exporting
 * replaces only what is between them, so anything a person wrote outside survives.
 */
export interface Block {
  name: string;
  content: string;
}

export function begin(name: string): string {
  return `<!-- dayops:begin ${name} -->`;
}

export function end(name: string): string {
  return `<!-- dayops:end ${name} -->`;
}

export function renderBlock(block: Block): string {
  return `${begin(block.name)}\n${block.content}\n${end(block.name)}`;
}

/**
 * Puts `blocks` into `existing`: a block already there gets its new content in place; a block
 * that is missing goes right after the previous generated block (or first). Nothing else changes.
 */
export function mergeBlocks(existing: string, blocks: readonly Block[]): string {
  let text = existing;
  let previousEnd = -1;
  for (const block of blocks) {
    const found = findBlock(text, block.name);
    const rendered = renderBlock(block);
    if (found) {
      text = text.slice(0, found.start) + rendered + text.slice(found.end);
      previousEnd = found.start + rendered.length;
    } else if (previousEnd < 0) {
      text = `${rendered}\n\n${text}`;
      previousEnd = rendered.length;
    } else {
      text = `${text.slice(0, previousEnd)}\n\n${rendered}${text.slice(previousEnd)}`;
      previousEnd += 2 + rendered.length;
    }
  }
  return text;
}

function findBlock(text: string, name: string): { start: number; end: number } | undefined {
  const start = text.indexOf(begin(name));
  if (start < 0) return undefined;
  const close = text.indexOf(end(name), start);
  if (close < 0) return undefined;
  return { start, end: close + end(name).length };
}

/** The content of one generated block, or undefined when the text has none. */
export function blockContent(text: string, name: string): string | undefined {
  const found = findBlock(text, name);
  if (!found) return undefined;
  return text.slice(found.start + begin(name).length + 1, found.end - end(name).length - 1);
}
