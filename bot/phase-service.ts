import { join } from 'node:path';
import type { Store } from '../data/store.js';
import { Activity } from './activity.js';
import type { Clock } from './clock.js';
import type { Config } from './config/schema.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Ops } from './ops.js';
import { OutboxService } from './outbox-service.js';
import { People } from './people.js';
import { SchedulerService } from './scheduler-service.js';
import { installUndeliverableNotices } from './undeliverable.js';
import { ScriptEngine } from '../adapters/deploy/script/script-engine.js';
import { EngineRegistry } from './deployments/engines.js';
import { DeployRunner } from './deployments/runner.js';

export interface PhaseServiceDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
}

/** Builds the phase service over an open store. Nothing starts until `startOps`. */
export function createOps(deps: PhaseServiceDeps): Ops {
  const { config, store, clock, log, metrics } = deps;
  const activity = new Activity();
  const engines = new EngineRegistry([new ScriptEngine({ baseEnv: config.childEnv, runsDir: join(config.dataDir, 'runs') })]);
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
    deployRunner: new DeployRunner(engines, activity),
  };
}
