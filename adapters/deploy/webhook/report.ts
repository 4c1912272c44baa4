import { z } from 'zod';
import type { EngineEvent } from '../../../bot/deployments/engine.js';

/** What a deploy webhook reports, by callback or from its status URL. */
export const webhookReport = z.object({
  status: z.enum(['running', 'succeeded', 'failed', 'halted']).optional(),
  line: z.string().max(4000).optional(),
  lines: z.array(z.string().max(4000)).max(1000).optional(),
  message: z.string().max(2000).optional(),
  url: z.url().optional(),
});

export type WebhookReport = z.infer<typeof webhookReport>;

/** Log lines first, then the status, so a final status comes after the output that led to it. */
export function eventsOf(report: WebhookReport, skipLines = 0): EngineEvent[] {
  const lines = [...(report.lines ?? []), ...(report.line !== undefined ? [report.line] : [])].slice(skipLines);
  const events: EngineEvent[] = lines.map((line) => ({ type: 'log', line }));
  if (report.status) {
    events.push({ type: 'status', status: report.status, ...(report.message ? { message: report.message } : {}), ...(report.url ? { url: report.url } : {}) });
  } else if (report.message) {
    events.push({ type: 'log', line: report.message });
  }
  return events;
}
