import type { Store } from '../data/store.js';
import { Activity } from './activity.js';
import type { AlertBackend } from './alerts/backend.js';
import type { Clock } from './clock.js';
import type { Config } from './config/schema.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Ops } from './ops.js';
import { OutboxService } from './outbox-service.js';
import { People } from './people.js';
import { SchedulerService } from './scheduler-service.js';
import { installUndeliverableNotices } from './undeliverable.js';
import type { DeployEngine } from './deployments/engine.js';
import { EngineRegistry } from './deployments/engines.js';
import { DeployRunner } from './deployments/runner.js';

export interface PhaseServiceDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
  /** The engines known from the start (the script engine, bin/ports.ts); features register more. */
  engines: readonly DeployEngine[];
  alertBackend?: AlertBackend;
}

/** Builds the phase service over an open store. Nothing starts until `startOps`. */
export function createOps(deps: PhaseServiceDeps): Ops {
  const { config, store, clock, log, metrics } = deps;
  const activity = new Activity();
  const engines = new EngineRegistry(deps.engines);
  const outbox = new OutboxService({ store, clock, log: log.child({ part: 'outbox' }), metrics });
  installUndeliverableNotices({ outbox, config, clock });
  return {
    config,
    store,
    clock,
    log,
    people: new People(config),
    outbox,
    scheduler: new SchedulerService({ store, clock, log: log.child({ part: 'scheduler' }), metrics }),
    activity,
    engines,
    ...(deps.alertBackend ? { alertBackend: deps.alertBackend } : {}),
    deployRunner: new DeployRunner(engines, activity),
  };
}
