import type { LabelMatcher } from '../../data/records/silence.js';

/** A silence as the backend creates it: dayops records its own copy with the backend's id. */
export interface BackendSilence {
  matchers: LabelMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

/** What the core needs to know of an alert the backend holds: its identity. */
export interface BackendAlert {
  fingerprint: string;
}

/**
 * The alert-backend port: where silences live and which alerts are still active (Alertmanager's
 * API, adapters/alerts/alertmanager-api.ts). bin/ builds it from config; without one, silences
 * and maintenance windows are dayops's own and nothing is reconciled. Failures are UserErrors
 * that name the backend, so a person learns that nothing was changed there.
 */
export interface AlertBackend {
  /** The `source` of the alert groups it holds, whose vanished alerts reconciliation closes. */
  readonly source: string;
  createSilence(silence: BackendSilence): Promise<string>;
  expireSilence(id: string): Promise<void>;
  /** Every alert the backend holds as active, silenced or inhibited. */
  activeAlerts(): Promise<BackendAlert[]>;
  /** Tells the backend someone acknowledged the alert (a backend without acknowledgements has none). */
  acknowledge?(fingerprint: string, by: string): Promise<void>;
}
