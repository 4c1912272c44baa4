import type { DecisionPage } from '../../../../bot/decisions/search.js';
import { DECISION_CATEGORIES, DECISION_STATUSES, type DecisionRecord } from '../../../../data/records/decision.js';
import { decisionPath, when } from '../format.js';
import { html, raw, type Html } from '../html.js';

export interface DecisionQuery {
  text: string;
  category: string;
  status: string;
  service: string;
}

/** A search form that works without JavaScript (a plain GET), and one page of results. */
export function decisionsBody(found: DecisionPage, q: DecisionQuery, services: string[], tz: string): Html {
  const option = (value: string, chosen: string, label = value) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
  const pageLink = (n: number) => `/board/decisions?${new URLSearchParams({ ...q, page: String(n) }).toString()}`;
  return html`<h1>Decisions</h1>
<form class="search" method="get" action="/board/decisions" role="search">
<label>Words <input type="search" name="text" value="${q.text}"></label>
<label>Category <select name="category">${option('', q.category, 'any')}${DECISION_CATEGORIES.map((c) => option(c, q.category))}</select></label>
<label>Status <select name="status">${option('', q.status, 'any')}${DECISION_STATUSES.map((s) => option(s, q.status))}</select></label>
<label>Service <select name="service">${option('', q.service, 'any')}${services.map((s) => option(s, q.service))}</select></label>
<button type="submit">Search</button>
</form>
<p>${found.total} decision${found.total === 1 ? '' : 's'} found.</p>
${found.items.length > 0 && html`<table><thead><tr><th scope="col">Decision</th><th scope="col">Category</th><th scope="col">Status</th><th scope="col">Service</th><th scope="col">Updated</th></tr></thead><tbody>
${found.items.map((d) => html`<tr><td><a href="${decisionPath(d.id)}">${d.id} ${d.title}</a></td><td>${d.category}</td><td>${d.status}</td><td>${d.service ?? 'all services'}</td><td>${when(d.updatedAt, tz)}</td></tr>`)}
</tbody></table>`}
${found.pages > 1 && html`<nav aria-label="Result pages"><p>Page ${found.page} of ${found.pages}. ${found.page > 1 && html`<a href="${pageLink(found.page - 1)}">Previous</a>`} ${found.page < found.pages && html`<a href="${pageLink(found.page + 1)}">Next</a>`}</p></nav>`}`;
}

/** One decision as its MADR record, the front matter shown as facts above the rendered Markdown. */
export function decisionBody(d: DecisionRecord, frontMatter: Record<string, unknown>, bodyHtml: string): Html {
  return html`<p><a href="/board/decisions">← All decisions</a></p>
<dl class="facts" aria-label="MADR front matter">${Object.entries(frontMatter).map(([k, v]) => html`<dt>${k}</dt><dd>${Array.isArray(v) ? v.join(', ') || '—' : String(v)}</dd>`)}</dl>
<div class="markdown">${raw(bodyHtml)}</div>
<p class="small">${d.id} as its MADR 4.0.0 record; <code>dayops export-decisions</code> writes the same file.</p>`;
}
