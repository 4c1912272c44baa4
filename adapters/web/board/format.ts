import { formatDuration, formatTime } from '../../../bot/time.js';
import { html, type Html } from './html.js';

/** A time as the team reads it, machine-readable in `datetime`. */
export function when(iso: string | undefined, tz: string, options: { seconds?: boolean } = {}): Html {
  if (!iso) return html`<span class="small">—</span>`;
  return html`<time datetime="${iso}">${formatTime(new Date(iso), tz, options)}</time>`;
}

export type Tone = 'ok' | 'warn' | 'bad' | 'info';

/** A state shown by a word and a symbol as well as its colour. */
export function badge(tone: Tone, symbol: string, text: string): Html {
  return html`<span class="badge ${tone}"><span aria-hidden="true">${symbol} </span>${text}</span>`;
}

const STATE_TONES: Record<string, [Tone, string]> = {
  succeeded: ['ok', '✔'],
  failed: ['bad', '✖'],
  halted: ['bad', '■'],
  expired: ['warn', '⌛'],
  denied: ['warn', '⊘'],
  running: ['info', '▶'],
  queued: ['info', '…'],
  approved: ['info', '✓'],
  awaiting_approval: ['warn', '?'],
  requested: ['info', '…'],
};

export function stateBadge(state: string): Html {
  const [tone, symbol] = STATE_TONES[state] ?? ['info', '•'];
  return badge(tone, symbol, state.replace(/_/g, ' '));
}

export function duration(ms: number | undefined): string {
  return ms === undefined ? 'no data' : formatDuration(Math.round(ms / 1000) * 1000);
}

export const servicePath = (service: string) => `/board/services/${encodeURIComponent(service)}`;
export const incidentPath = (id: string) => `/board/incidents/${encodeURIComponent(id)}`;
export const decisionPath = (id: string) => `/board/decisions/${encodeURIComponent(id)}`;
