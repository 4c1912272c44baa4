import type { Metrics } from '../../bot/metrics.js';
import type { HttpServer } from './server.js';

/** GET /metrics in the Prometheus text format. */
export function mountMetrics(http: HttpServer, metrics: Metrics): void {
  http.route('GET', '/metrics', async () => ({
    status: 200,
    headers: { 'content-type': metrics.registry.contentType },
    body: await metrics.registry.metrics(),
  }));
}
