/** One sample of an instant query's answer. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** What a metrics backend said: its samples, or why it could not answer (down, refused the query). */
export type QueryAnswer = { ok: true; samples: Sample[] } | { ok: false; error: string };

/**
 * The port success-criteria checks query through: an instant PromQL query evaluated now.
 * adapters/metrics/prometheus.ts implements it over Prometheus's HTTP API; it never throws.
 */
export interface MetricQuery {
  instant(query: string): Promise<QueryAnswer>;
}

/** Without a configured backend every check is unknown, with this sentence. */
export const NO_BACKEND: MetricQuery = {
  instant: async () => ({ ok: false, error: 'no Prometheus is configured (checks.prometheusUrl)' }),
};
