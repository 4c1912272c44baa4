import { mountMetrics } from './metrics-route.js';
import { mountReadyz, Readiness } from './readyz.js';
import type { AppContext } from '../../bot/app-context.js';
import type { Metrics } from '../../bot/metrics.js';
import { instrumentRouter } from '../../bot/metrics-router.js';
import type { CommandRegistry } from '../../bot/registry.js';
import { undeliverableCount } from '../../bot/undeliverable.js';

/**
 * Mounts /metrics and /readyz, counts what the router handles and reads the outbox depth at
 * scrape time. The store is ready when it answers; chat connections report through `readiness`.
 */
export function installObservability(app: AppContext, registry: CommandRegistry, metrics: Metrics): Readiness {
  const { ops, router, http } = app;
  instrumentRouter(router, registry, metrics, ops.log.child({ part: 'router' }));
  metrics.setOutboxDepthSource(() => ops.outbox.depth());
  const retries = ops.store.retries?.bind(ops.store);
  if (retries) metrics.setStoreRetrySource(retries);
  const readiness = new Readiness();
  readiness.check('store', async () => {
    if (ops.store.ping) await ops.store.ping();
    else await ops.store.read((tx) => tx.get('job', '-'));
    return undefined;
  });
  // Refused messages need a person, not a restart: counted, never a reason to be unready.
  readiness.note('undeliverable', () => ops.store.read(undeliverableCount));
  mountMetrics(http, metrics);
  mountReadyz(http, readiness);
  return readiness;
}
