import MarkdownIt from 'markdown-it';

/**
 * Records hold what people typed; rendered with raw HTML off, so a title or a note can never
 * become markup, and markdown-it refuses javascript: and data: links.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** `demote` moves every heading one level down, under the page's own heading. */
export function renderMarkdown(text: string, options: { demote?: boolean } = {}): string {
  return md.render(options.demote ? text.replace(/^(#{1,5}) /gm, '#$1 ') : text);
}
