import type { Store } from '../data/store.js';
import type { Activity } from './activity.js';
import type { AlertBackend } from './alerts/backend.js';
import type { Clock } from './clock.js';
import type { Config } from './config/schema.js';
import type { EngineRegistry } from './deployments/engines.js';
import type { DeployRunner } from './deployments/runner.js';
import type { DeploymentObserver } from './deployments/notify.js';
import type { Logger } from './log.js';
import type { Outbox } from './outbox.js';
import type { People } from './people.js';
import type { Scheduler } from './scheduler.js';
import type { MetricQuery } from './checks/metric-query.js';
import type { CostScripts } from './budget/cost-script.js';

/**
 * The phase service: everything a command, a button, a webhook or a scheduled job may use.
 * Features add their module here (decisions, deployments, alerts, incidents, reminders).
 */
export interface Ops {
  config: Config;
  store: Store;
  outbox: Outbox;
  scheduler: Scheduler;
  people: People;
  clock: Clock;
  log: Logger;
  /** Long-running work in flight (deployments, runbooks): track it here so shutdown and the piped shell can wait. */
  activity: Activity;
  /** Where silences live and which alerts are active (Alertmanager), when one is configured. */
  alertBackend?: AlertBackend;
  /** Deploy engines by spec type; the composition root registers script, webhook, github-actions, argocd. */
  engines: EngineRegistry;
  /** Runs deployments on their engines and follows them (bot/deployments/runner.ts). */
  deployRunner: DeployRunner;
  /** Where success-criteria checks are queried (Prometheus); absent: every check is unknown. */
  metricQuery?: MetricQuery;
  /** Where budgets with a script cost source read it (`budgets.scripts`); absent: those budgets are unknown. */
  costScripts?: CostScripts;
  /** Told of every stored deployment change, inside its transaction (an engine outside that must hear of it). */
  deploymentObservers?: DeploymentObserver[];
}
