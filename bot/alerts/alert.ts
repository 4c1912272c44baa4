/**
 * The one shape every alert source is parsed into. Nothing downstream knows which monitoring
 * system sent an alert, except through `source` (used to scope fingerprints and group keys).
 */
export type AlertSource = 'alertmanager' | 'grafana' | 'generic' | 'drift';

export interface AlertLink {
  label: string;
  url: string;
}

export interface NeutralAlert {
  source: AlertSource;
  /** Alerts with the same source and group key share one message. */
  groupKey: string;
  /** Identifies the alert across deliveries (Alertmanager: a hash of its label set). */
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** Absent while the alert is still firing. */
  endsAt?: string;
  links: AlertLink[];
}

/** One delivery: the alerts it carried plus what the source said about their group. */
export interface AlertBatch {
  source: AlertSource;
  groupKey: string;
  groupLabels: Record<string, string>;
  /** A title the source wrote for the group, when it has one (Grafana). */
  title?: string;
  alerts: NeutralAlert[];
  /** Alerts the source left out of this delivery (Alertmanager's max_alerts). */
  truncatedAlerts: number;
}
