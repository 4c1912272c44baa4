import type { IncidentRecord } from '../../../../data/records/incident.js';
import { badge, decisionPath, incidentPath, servicePath, stateBadge, when } from '../format.js';
import { html, raw, type Html } from '../html.js';

export function incidentsBody(incidents: IncidentRecord[], tz: string): Html {
  return html`<h1>Incidents</h1>
${incidents.length === 0 ? html`<p>No incidents yet.</p>` : html`<table><thead><tr><th scope="col">Incident</th><th scope="col">Status</th><th scope="col">Severity</th><th scope="col">Services</th><th scope="col">Declared</th><th scope="col">Resolved</th></tr></thead><tbody>
${incidents.map((i) => html`<tr><td><a href="${incidentPath(i.id)}">${i.id} ${i.title}</a></td><td>${status(i)}</td><td>sev ${i.severity}</td><td>${i.services.join(', ') || '—'}</td><td>${when(i.declaredAt, tz)}</td><td>${when(i.resolvedAt, tz)}</td></tr>`)}
</tbody></table>`}`;
}

function status(i: IncidentRecord): Html {
  return i.status === 'open' ? badge('bad', '●', 'open') : badge('ok', '✔', 'resolved');
}

/** The incident to the second: roles, timeline, what it links to, and its postmortem rendered. */
export function incidentBody(i: IncidentRecord, postmortemHtml: string, tz: string): Html {
  return html`<h1>${i.id} · ${i.title}</h1>
<p><a href="/board/incidents">← All incidents</a></p>
<dl class="facts">
<dt>Status</dt><dd>${status(i)}</dd>
<dt>Severity</dt><dd>sev ${i.severity}</dd>
<dt>Services</dt><dd>${i.services.length === 0 ? '—' : i.services.map((s, n) => html`${n > 0 ? ', ' : ''}<a href="${servicePath(s)}">${s}</a>`)}</dd>
<dt>Commander</dt><dd>${i.roles.commander}</dd>
<dt>Communications</dt><dd>${i.roles.communications ?? '—'}</dd>
<dt>Scribe</dt><dd>${i.roles.scribe ?? '—'}</dd>
<dt>Declared</dt><dd>${when(i.declaredAt, tz, { seconds: true })} by ${i.declaredBy}</dd>
<dt>Resolved</dt><dd>${when(i.resolvedAt, tz, { seconds: true })}</dd>
</dl>
<h2>Timeline</h2>
<ol class="timeline">${i.timeline.map((t) => html`<li>${when(t.at, tz, { seconds: true })} · <span class="small">${t.kind}</span> · ${t.by}: ${t.text}</li>`)}</ol>
<h2>Linked alerts</h2>
${i.alertGroups.length === 0 ? html`<p>None.</p>` : html`<ul>${i.alertGroups.map((g) => html`<li>${g}</li>`)}</ul>`}
<h2>Deployments</h2>
${i.deployments.length === 0 ? html`<p>None.</p>` : html`<ul>${i.deployments.map((d) => html`<li>${d.id} ${d.service} ${d.version} → ${d.env} ${stateBadge(d.state)} ${when(d.at, tz, { seconds: true })}${d.rollbackOf ? ` · rollback of ${d.rollbackOf}` : ''}</li>`)}</ul>`}
<h2>Decisions</h2>
${i.decisions.length === 0 ? html`<p>None.</p>` : html`<ul>${i.decisions.map((d) => html`<li><a href="${decisionPath(d.id)}">${d.id} ${d.title}</a> · ${d.category}</li>`)}</ul>`}
<h2>Postmortem</h2>
<div class="markdown">${raw(postmortemHtml)}</div>`;
}
