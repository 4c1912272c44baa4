import { DateTime } from 'luxon';
import type { DoraWeek } from '../../../../bot/board/dora-weekly.js';
import { duration } from '../format.js';
import { html, type Html } from '../html.js';

interface Key {
  id: string;
  title: string;
  /** The figure a bar shows, undefined for a week without data. */
  value: (w: DoraWeek) => number | undefined;
  unit: string;
  text: (w: DoraWeek) => string;
  definition: string;
}

const HOUR = 3_600_000;

const KEYS: Key[] = [
  {
    id: 'frequency',
    title: 'Deployment frequency',
    value: (w) => w.deploys,
    unit: 'deployments',
    text: (w) => `${w.deploys} (${w.deploysPerDay.toFixed(2)}/day)`,
    definition: 'Successful changes (rollbacks aside) that finished in the counted environments during the week.',
  },
  {
    id: 'lead-time',
    title: 'Change lead time',
    value: (w) => (w.leadTimeMs === undefined ? undefined : w.leadTimeMs / HOUR),
    unit: 'hours (median)',
    text: (w) => duration(w.leadTimeMs),
    definition: 'Median time from the commit to the change running successfully, over deployments that carried a commit time.',
  },
  {
    id: 'failure-rate',
    title: 'Change fail rate',
    value: (w) => (w.changeFailureRate === undefined ? undefined : w.changeFailureRate * 100),
    unit: '% of changes',
    text: (w) => (w.changeFailureRate === undefined ? 'no changes' : `${(w.changeFailureRate * 100).toFixed(0)}% (${w.failed} of ${w.changes})`),
    definition: 'Share of changes that went out and then needed a remedy: a failed health check, a rollback that ran, or an incident they caused within the failure window.',
  },
  {
    id: 'recovery',
    title: 'Failed deployment recovery time',
    value: (w) => (w.recoveryMs === undefined ? undefined : w.recoveryMs / HOUR),
    unit: 'hours (median)',
    text: (w) => (w.recoveryMs === undefined ? 'no recoveries' : `${duration(w.recoveryMs)} (${w.recovered})`),
    definition: 'Median time a failed change stayed failed, from going out to the next successful deployment there or its incident’s resolution, counted in the week the recovery fell.',
  },
];

export interface DoraChoice {
  service: string;
  env: string;
  services: string[];
  envs: string[];
  /** The environments counted when none is chosen. */
  defaultEnvs: string[];
}

export function doraBody(weeks: DoraWeek[], c: DoraChoice, tz: string): Html {
  const option = (value: string, chosen: string, label = value) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
  const scope = `${c.service || 'all services'} in ${c.env || c.defaultEnvs.join(', ')}`;
  return html`<h1>DORA: ${scope}</h1>
<form class="search" method="get" action="/board/dora">
<label>Service <select name="service">${option('', c.service, 'all services')}${c.services.map((s) => option(s, c.service))}</select></label>
<label>Environment <select name="env">${option('', c.env, `default (${c.defaultEnvs.join(', ')})`)}${c.envs.map((e) => option(e, c.env))}</select></label>
<button type="submit">Show</button>
</form>
<p class="small">The four keys, weekly over the last ${weeks.length} weeks; each week ends on the date shown. <a href="https://dora.dev/guides/dora-metrics-four-keys/" rel="noreferrer">DORA's four keys</a>.</p>
${KEYS.map((k) => chart(k, weeks, tz))}`;
}

function chart(k: Key, weeks: DoraWeek[], tz: string): Html {
  const label = (w: DoraWeek) => DateTime.fromISO(w.to, { zone: tz }).toFormat('MM-dd');
  return html`<section aria-labelledby="${k.id}-title">
<h2 id="${k.id}-title">${k.title}</h2>
<details><summary>Definition of ${k.title.toLowerCase()}</summary><p>${k.definition}</p></details>
<div class="chart">
${svg(k, weeks, label)}
<table><caption class="small">${k.title} per week</caption><thead><tr><th scope="col">Week ending</th><th scope="col">${k.title}</th></tr></thead><tbody>
${weeks.map((w) => html`<tr><td>${label(w)}</td><td>${k.text(w)}</td></tr>`)}
</tbody></table>
</div>
</section>`;
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 8, top: 12, bottom: 28 };

/** Bars drawn on the server: no script, readable by a screen reader through its title and table. */
function svg(k: Key, weeks: DoraWeek[], label: (w: DoraWeek) => string): Html {
  const values = weeks.map(k.value);
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = (W - PAD.left - PAD.right) / Math.max(1, weeks.length);
  const plot = H - PAD.top - PAD.bottom;
  const bars = weeks.map((w, i) => {
    const v = values[i];
    const x = PAD.left + i * step + 2;
    const h = v === undefined ? 0 : (v / max) * plot;
    const y = PAD.top + plot - h;
    return html`<g><title>Week ending ${label(w)}: ${k.text(w)}</title>${v === undefined ? html`<text x="${(x + step / 2 - 2).toFixed(1)}" y="${PAD.top + plot - 4}" text-anchor="middle">–</text>` : html`<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(step - 4).toFixed(1)}" height="${h.toFixed(1)}"></rect>`}${i % 2 === 0 ? html`<text x="${(x + step / 2 - 2).toFixed(1)}" y="${H - 10}" text-anchor="middle">${label(w)}</text>` : ''}</g>`;
  });
  const maxText = Number.isInteger(max) ? String(max) : max.toFixed(1);
  return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${k.id}-svg-title"><title id="${k.id}-svg-title">${k.title}, ${k.unit}, weekly; the table beside lists every value</title>
<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plot}"></line>
<line class="axis" x1="${PAD.left}" y1="${PAD.top + plot}" x2="${W - PAD.right}" y2="${PAD.top + plot}"></line>
<text x="${PAD.left - 4}" y="${PAD.top + 10}" text-anchor="end">${maxText}</text>
<text x="${PAD.left - 4}" y="${PAD.top + plot}" text-anchor="end">0</text>
${bars}
</svg>`;
}
