import type { AuditEvent, ReadTx, Store, Tx } from '../data/store.js';
import type { Metrics } from './metrics.js';

/** Deployment states that end one (bot/deployments/state-machine.ts). */
const ENDED = new Set(['succeeded', 'failed', 'halted', 'expired', 'denied', 'cancelled']);

/**
 * Counts what the audit log already says happened (a deployment ended, alerts arrived), after
 * the commit, so features need no metrics code and a rolled-back change counts nothing.
 */
export function recordAudit(metrics: Metrics, event: AuditEvent, store: Pick<Store, 'read'>): void {
  if (event.action === 'alerts.receive') {
    metrics.alertsReceived.inc({ source: event.actor.userId });
    if (event.summary.startsWith('opened ')) metrics.alertGroupsOpened.inc();
    return;
  }
  const outcome = event.action.startsWith('deployment.') ? event.action.slice('deployment.'.length) : undefined;
  if (!outcome || !ENDED.has(outcome) || !event.target) return;
  metrics.deployments.inc({ outcome });
  const id = event.target;
  void store
    .read((tx: ReadTx) => tx.get('deployment', id))
    .then((d) => {
      if (d?.startedAt && d.finishedAt) metrics.deploymentSeconds.observe({ outcome }, (Date.parse(d.finishedAt) - Date.parse(d.startedAt)) / 1000);
    })
    .catch(() => undefined);
}

/** The store, with every committed audit event also handed to `observe`. */
export function observeAudit(store: Store, observe: (event: AuditEvent) => void): Store {
  const notify = (events: AuditEvent[]) => {
    for (const e of events) observe(e);
  };
  // An object spread would drop the methods of a class instance, so each member is bound.
  const observed: Store = {
    read: (fn) => store.read(fn),
    inspect: (fn) => store.inspect(fn),
    queryAudit: (q) => store.queryAudit(q),
    exportAudit: (w) => store.exportAudit(w),
    close: () => store.close(),
    async appendAudit(event) {
      await store.appendAudit(event);
      notify([event]);
    },
    transact: (fn) =>
      store.transact(async (tx) => {
        const events: AuditEvent[] = [];
        const tapped: Tx = {
          get: (kind, id) => tx.get(kind, id),
          list: (kind, options) => tx.list(kind, options),
          query: (name, params) => tx.query(name, params),
          put: (kind, record, options) => tx.put(kind, record, options),
          remove: (kind, id) => tx.remove(kind, id),
          nextNumber: (counter) => tx.nextNumber(counter),
          afterCommit: (hook) => tx.afterCommit(hook),
          audit(event) {
            tx.audit(event);
            events.push(event);
          },
        };
        // Registered first, so the counts are in before the caller's own hooks run.
        tx.afterCommit(() => notify(events));
        return fn(tapped);
      }),
  };
  if (store.claim) observed.claim = (name, ms) => store.claim!(name, ms);
  if (store.release) observed.release = (name) => store.release!(name);
  if (store.ping) observed.ping = () => store.ping!();
  if (store.retries) observed.retries = () => store.retries!();
  if (store.pollMs !== undefined) Object.defineProperty(observed, 'pollMs', { value: store.pollMs });
  return observed;
}
