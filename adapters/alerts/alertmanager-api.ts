import { z } from 'zod';
import type { AlertBackend, BackendSilence } from '../../bot/alerts/backend.js';
import { UserError } from '../../bot/errors.js';

const activeAlert = z.object({
  fingerprint: z.string(),
  labels: z.record(z.string(), z.string()),
  status: z.object({ state: z.string(), silencedBy: z.array(z.string()).default([]), inhibitedBy: z.array(z.string()).default([]) }),
});

export type ActiveAlert = z.infer<typeof activeAlert>;

const silenceCreated = z.object({ silenceID: z.string() });

export type NewAlertmanagerSilence = BackendSilence;

/** An alert as Alertmanager's POST /api/v2/alerts takes it (what Prometheus sends). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

/** The few calls dayops makes to Alertmanager's API v2. Failures are UserErrors that name the server. */
export class AlertmanagerApi implements AlertBackend {
  readonly source = 'alertmanager';
  private readonly base: string;

  constructor(baseUrl: string) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  async createSilence(silence: NewAlertmanagerSilence): Promise<string> {
    const body = await this.call('POST', '/api/v2/silences', silence);
    return silenceCreated.parse(body).silenceID;
  }

  async expireSilence(id: string): Promise<void> {
    await this.call('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
  }

  /** Every alert Alertmanager holds as active, silenced or inhibited. */
  async activeAlerts(): Promise<ActiveAlert[]> {
    const body = await this.call('GET', '/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true');
    return z.array(activeAlert).parse(body);
  }

  async postAlerts(alerts: PostableAlert[]): Promise<void> {
    await this.call('POST', '/api/v2/alerts', alerts);
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new UserError('unavailable', `Alertmanager at ${this.base} cannot be reached (${(err as Error).message}); nothing was changed there.`);
    }
    const text = await res.text();
    if (!res.ok) throw new UserError('unavailable', `Alertmanager at ${this.base} answered ${res.status} to ${method} ${path.split('?')[0]}: ${text.slice(0, 200).trim()}`);
    return text === '' ? undefined : JSON.parse(text);
  }
}

/** The client for the configured Alertmanager, if DAYOPS_ALERTMANAGER_URL is set. */
export function alertmanagerApi(config: { secrets: { alertmanagerUrl?: string } }): AlertmanagerApi | undefined {
  const url = config.secrets.alertmanagerUrl;
  return url ? new AlertmanagerApi(url) : undefined;
}
