import type { ServiceView } from '../../../../bot/board/service-view.js';
import type { DeploymentRecord } from '../../../../data/records/deployment.js';
import { badge, decisionPath, incidentPath, stateBadge, when } from '../format.js';
import { html, type Html } from '../html.js';

export function serviceBody(v: ServiceView, tz: string): Html {
  return html`<h1>${v.service}</h1>
<p><a href="/board">← All services</a> · <a href="/board/dora?service=${encodeURIComponent(v.service)}">DORA for ${v.service}</a></p>
<h2>Open alert groups</h2>
${v.alertGroups.length === 0 ? html`<p>None firing.</p>` : html`<ul>${v.alertGroups.map((g) => html`<li>${badge(g.severity === 'critical' ? 'bad' : 'warn', '🔔', g.severity ?? 'alert')} ${g.id} ${g.title}${g.env ? ` (${g.env})` : ''} · since ${when(g.openedAt, tz)}${g.acknowledged ? ` · acknowledged by ${g.acknowledged.by}` : ' · not acknowledged'}${g.incident ? html` · <a href="${incidentPath(g.incident)}">${g.incident}</a>` : ''}</li>`)}</ul>`}
<h2>Incidents</h2>
${v.incidents.length === 0 ? html`<p>No incidents.</p>` : html`<ul>${v.incidents.map((i) => html`<li><a href="${incidentPath(i.id)}">${i.id} ${i.title}</a> ${i.status === 'open' ? badge('bad', '●', 'open') : badge('ok', '✔', 'resolved')} sev ${i.severity} · ${when(i.declaredAt, tz)}</li>`)}</ul>`}
<h2>Deployments</h2>
${v.history.map(
  (h) => html`<h3 id="env-${h.env}">${h.env}</h3>
${h.deployments.length === 0 ? html`<p>Never deployed to ${h.env}.</p>` : history(h.deployments, tz)}
${h.total > h.deployments.length && html`<p class="small">The newest ${h.deployments.length} of ${h.total}.</p>`}`,
)}
<h2>Decisions</h2>
${v.decisions.length === 0 ? html`<p>No decisions recorded.</p>` : html`<ul>${v.decisions.map((d) => html`<li><a href="${decisionPath(d.id)}">${d.id} ${d.title}</a> · ${d.category} · ${d.status}${d.service ? '' : ' · all services'}</li>`)}</ul>`}
<h2>Reminders and duties</h2>
${v.duties.length === 0 ? html`<p>No duties come from this service's decisions.</p>` : html`<ul>${v.duties.map((r) => html`<li>${r.id} ${r.text} · ${r.state} · from <a href="${decisionPath(r.decision ?? '')}">${r.decision}</a>${r.nextAt ? html` · next ${when(r.nextAt, tz)}` : ''}</li>`)}</ul>`}`;
}

function history(deployments: DeploymentRecord[], tz: string): Html {
  return html`<table><thead><tr><th scope="col">Deployment</th><th scope="col">Version</th><th scope="col">State</th><th scope="col">Requested by</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col">Run</th></tr></thead><tbody>
${deployments.map((d) => {
  const run = d.runUrl ?? d.engine?.url;
  return html`<tr><td>${d.id}${d.rollbackOf ? html` <span class="small">rollback of ${d.rollbackOf}</span>` : ''}</td><td>${d.version}</td><td>${stateBadge(d.state)}${d.result ? html` <span class="small">${d.result}</span>` : ''}</td><td>${d.requester.person ?? d.requester.displayName}</td><td>${when(d.startedAt ?? d.createdAt, tz)}</td><td>${when(d.finishedAt, tz)}</td><td>${run && /^https?:\/\//.test(run) ? html`<a href="${run}" rel="noreferrer">${d.engine?.type ?? 'engine'} run</a>` : html`<span class="small">${d.engine?.type ?? '—'}</span>`}</td></tr>`;
})}
</tbody></table>`;
}
