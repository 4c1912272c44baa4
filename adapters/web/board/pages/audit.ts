import type { AuditEvent } from '../../../../data/store.js';
import { when } from '../format.js';
import { html, type Html } from '../html.js';

/** The audit log, newest first: for those with the audit permission, as in chat. */
export function auditBody(events: AuditEvent[], tz: string): Html {
  return html`<h1>Audit log</h1>
<p class="small">The newest ${events.length} entries.</p>
<table><thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">Summary</th></tr></thead><tbody>
${events.map((e) => html`<tr><td>${when(e.time, tz, { seconds: true })}</td><td>${e.actor.person ?? e.actor.userId}</td><td>${e.action}</td><td>${e.target ?? '—'}</td><td>${e.outcome}</td><td>${e.summary}</td></tr>`)}
</tbody></table>`;
}

/** Why a page is not shown, and what to do about it. */
export function refusalBody(title: string, text: string): Html {
  return html`<h1>${title}</h1><p>${text}</p>`;
}

/** The page a sign-in link opens: one button, so a link preview that fetches it signs nobody in. */
export function signInBody(secret: string): Html {
  return html`<h1>Sign in to the dayops board</h1>
<form method="post" action="/board/signin">
<input type="hidden" name="secret" value="${secret}">
<p>This link signs you in once. Continue in this browser?</p>
<button type="submit">Sign in</button>
</form>`;
}
