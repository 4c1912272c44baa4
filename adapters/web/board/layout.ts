import { html, type Html } from './html.js';

export interface Viewer {
  displayName: string;
  /** What the signed-in person may see beyond `view` (the audit log). */
  canAudit: boolean;
}

export interface PageOptions {
  title: string;
  /** Which nav entry is this page's. */
  section?: 'board' | 'dora' | 'incidents' | 'decisions' | 'audit';
  viewer?: Viewer;
  /** The path and query the live region re-renders; absent: the page does not update by itself. */
  live?: string;
}

const NAV: { section: NonNullable<PageOptions['section']>; href: string; label: string }[] = [
  { section: 'board', href: '/board', label: 'Services' },
  { section: 'dora', href: '/board/dora', label: 'DORA' },
  { section: 'incidents', href: '/board/incidents', label: 'Incidents' },
  { section: 'decisions', href: '/board/decisions', label: 'Decisions' },
];

/** The page around a body; the body sits in the live region when the page updates by itself. */
export function page(options: PageOptions, body: Html): Html {
  const nav = options.viewer ? [...NAV, ...(options.viewer.canAudit ? [{ section: 'audit' as const, href: '/board/audit', label: 'Audit log' }] : [])] : [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · dayops board</title>
<link rel="stylesheet" href="/board/assets/board.css">
${options.live !== undefined && html`<script src="/board/assets/live.js" defer></script>`}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<span class="brand">dayops board</span>
${nav.length > 0 &&
  html`<nav aria-label="Board sections"><ul>${nav.map(
    (n) => html`<li><a href="${n.href}"${n.section === options.section ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
  )}</ul></nav>`}
${options.viewer && html`<span class="who">Signed in as ${options.viewer.displayName}</span>`}
</header>
<main id="main" tabindex="-1">
${options.live !== undefined && html`<p id="live-status" class="live-status" role="status">Reload the page to see changes (live updates need JavaScript).</p>`}
${options.live !== undefined ? html`<div data-live="${options.live}">${body}</div>` : body}
</main>
</body>
</html>
`;
}
