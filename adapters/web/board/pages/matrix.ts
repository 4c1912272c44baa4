import { cellKey, type DeployMatrix, type EnvState, type MatrixCell } from '../../../../bot/board/matrix.js';
import { badge, servicePath, stateBadge, when } from '../format.js';
import { html, type Html } from '../html.js';

/**
 * Services down, environments across: what runs where, and what would stop a deploy now. Each
 * cell carries `data-cell` and `data-version` so a test (or a script) can read it back.
 */
export function matrixBody(m: DeployMatrix, tz: string, options: { links: boolean }): Html {
  return html`<h1>Services and environments</h1>
<table class="matrix">
<caption class="small">What runs where; each cell shows the version live, who deployed it and when, and what holds the environment.</caption>
<thead><tr><th scope="col">Service</th>${m.envs.map((e) => html`<th scope="col">${e.env}${envState(e, tz)}</th>`)}</tr></thead>
<tbody>
${m.services.map(
  (service) => html`<tr><th scope="row">${options.links ? html`<a href="${servicePath(service)}">${service}</a>` : service}</th>${m.envs.map((e) =>
    cell(m.cells.get(cellKey(service, e.env)) as MatrixCell, e, tz, options),
  )}</tr>
`,
)}
</tbody>
</table>
${m.services.length === 0 && html`<p>No services are configured yet.</p>`}`;
}

function envState(e: EnvState, tz: string): Html {
  const items = [
    e.halt && html`<li>${badge('bad', '⛔', 'line halted')} <span class="small">by ${e.halt.by}: ${e.halt.reason}</span></li>`,
    e.lock && html`<li>${badge('warn', '🔒', 'locked')} <span class="small">by ${e.lock.by}${e.lock.reason ? `: ${e.lock.reason}` : ''}</span></li>`,
    e.freeze && html`<li>${badge('info', '❄', 'frozen')} <span class="small">until ${when(e.freeze.until, tz)} (${e.freeze.id}: ${e.freeze.reason})</span></li>`,
  ].filter(Boolean);
  return items.length > 0 ? html`<ul class="envstate">${items}</ul>` : html``;
}

function cell(c: MatrixCell, e: EnvState, tz: string, options: { links: boolean }): Html {
  const version = c.live ? c.live.version : 'never deployed';
  const head = options.links
    ? html`<a class="cell-link" data-focus-key="${c.service}|${c.env}" href="${servicePath(c.service)}#env-${c.env}" aria-label="${c.service} in ${c.env}: ${version}">${version}</a>`
    : html`<span class="cell-link">${version}</span>`;
  return html`<td data-cell="${c.service}|${c.env}" data-version="${c.live?.version ?? ''}" data-in-flight="${c.inFlight?.id ?? ''}">${head}
${c.live && html`<div class="small">${c.live.id} by ${c.live.by}, ${when(c.live.at, tz)}</div>`}
${c.inFlight && inFlight(c.inFlight)}
${readiness(c)}
${c.critical.length > 0 && html`<div>${badge('bad', '🔥', `${c.critical.length} critical firing`)} <span class="small">${c.critical.map((a) => `${a.id} ${a.title}`).join('; ')}</span></div>`}
${(e.halt || e.lock || e.freeze) && html`<div class="small">Deploys held: ${[e.halt && 'halted', e.lock && 'locked', e.freeze && 'frozen'].filter(Boolean).join(', ')}</div>`}
</td>`;
}

function inFlight(d: NonNullable<MatrixCell['inFlight']>): Html {
  const approvals = d.state === 'awaiting_approval' ? html` <span class="small">${d.approvals} of ${d.approvalsRequired} approvals</span>` : '';
  return html`<div>${badge('info', '→', 'in flight')} ${d.id} ${d.version} ${stateBadge(d.state)}${approvals} <span class="small">by ${d.by}</span></div>`;
}

function readiness(c: MatrixCell): Html {
  if (c.readiness.required === 0) return html``;
  if (c.readiness.ready) return html`<div>${badge('ok', '✔', 'ready')}</div>`;
  const missing = c.readiness.missing.length > 0 ? [`missing ${c.readiness.missing.join(', ')}`] : [];
  return html`<div>${badge('warn', '!', 'not ready')} <span class="small">${[...missing, ...c.readiness.evidence].join('; ')}</span></div>`;
}
