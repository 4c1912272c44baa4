import { corePorts } from './ports.js';
import { alertWebhookHint, installAlertWebhooks } from '../adapters/alerts/install.js';
import type { WebhookMode } from '../adapters/alerts/webhook-auth.js';
import { closeRemoteEngines, installRemoteEngines, type RemoteEngines } from '../adapters/deploy/index.js';
import { installPipelineApi } from '../adapters/http/api/install.js';
import { installBoard } from '../adapters/web/board/routes.js';
import { installGitHub } from '../adapters/github/install.js';
import { HttpServer } from '../adapters/http/server.js';
import { installAlerts } from '../bot/alerts/install.js';
import { installDeployments, reconcileDeployments } from '../bot/deployments/install.js';
import { stopReconciling } from '../bot/deployments/reconcile.js';
import { installDigest } from '../bot/digest/install.js';
import { installDrift } from '../bot/drift/install.js';
import { installRunbookSchedules } from '../bot/runbooks/schedule.js';
import { installBudgets } from '../bot/budget/install.js';
import { createLiveSources } from '../adapters/deploy/live-sources.js';
import { installIncidents } from '../bot/incidents/install.js';
import { installReminders } from '../bot/reminders/install.js';
import { installEvidence } from '../bot/evidence/install.js';
import { installActionItems } from '../bot/actions/install.js';
import { installChecks } from '../bot/checks/install.js';
import { costScripts } from '../adapters/metrics/cost-script.js';
import { prometheusQuery } from '../adapters/metrics/prometheus.js';
import { installOncall } from '../bot/oncall/install.js';
import { installOncallAdapters } from '../adapters/oncall/install.js';
import { resumeRuns } from '../bot/runbooks/execute.js';
import type { AppContext } from '../bot/app-context.js';
import type { ChatSender } from '../bot/chat-sender.js';
import { systemClock, type Clock } from '../bot/clock.js';
import type { Config } from '../bot/config/schema.js';
import type { Logger } from '../bot/log.js';
import type { Ops } from '../bot/ops.js';
import { createOps } from '../bot/phase-service.js';
import { CommandRegistry } from '../bot/registry.js';
import { Router } from '../bot/router.js';
import { ACTIONS, COMMANDS } from '../commands/index.js';
import { openStore, type OpenedStore } from '../data/store-factory.js';
import { installObservability } from '../adapters/http/metrics-install.js';
import type { Readiness } from '../adapters/http/readyz.js';
import { createMetrics } from '../bot/metrics.js';
import { observeAudit, recordAudit } from '../bot/metrics-audit.js';
import { CHAT_ADAPTERS } from './chat-adapters.js';
import { installChats, startChats, stopChats, type RunningChat } from './chat.js';

export interface App extends AppContext {
  /** Starts the scheduler, the outbox and the HTTP server; resolves the server's address. */
  start(): Promise<{ url: string; port: number }>;
  /** Stops taking input, lets running work settle (bounded: shutdownSeconds), flushes and releases the data directory. */
  stop(settleMs?: number): Promise<void>;
  addSender(sender: ChatSender): void;
  /** The alert webhook token and a curl to paste, for the shell's banner. */
  webhookHint(baseUrl: string): { token: string; generated: boolean; curl: string } | undefined;
}

export interface BuildAppOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** `shell` when the local shell runs: alert webhooks then get a generated token if none is set. */
  mode: WebhookMode;
  /**
   * The process exits right after `stop` (bin/cli.ts): the data directory's kernel lock is left
   * for the exit to drop, so no other dayops can take the directory while this one still lives.
   */
  holdLockUntilExit?: boolean;
}

/**
 * The composition root: one process, one data directory, one store, one phase service, one
 * router and one HTTP server, with each feature installed on them.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, log } = options;
  const lock = await openStore(config, log);
  const metrics = createMetrics();
  let ops: Ops;
  try {
    const store = observeAudit(lock.store, (event) => recordAudit(metrics, event, lock.store));
    ops = createOps({ config, store, clock: options.clock ?? systemClock, log, metrics, ...corePorts(config) });
    if (config.checks.prometheusUrl) ops.metricQuery = prometheusQuery(config.checks.prometheusUrl, config.checks.timeoutSeconds * 1000);
    ops.costScripts = costScripts(config.budgets.scripts, config.childEnv);
  } catch (err) {
    await lock.release();
    throw err;
  }
  const registry = new CommandRegistry(COMMANDS, ACTIONS);
  const router = new Router(ops, registry);
  const http = new HttpServer({
    host: config.http.host,
    port: config.http.port,
    bodyLimitBytes: config.http.bodyLimitBytes,
    maxConnections: config.http.maxConnections,
    maxBodiesInFlight: config.http.maxBodiesInFlight,
    headersTimeoutMs: config.http.headersTimeoutSeconds * 1000,
    requestTimeoutMs: config.http.requestTimeoutSeconds * 1000,
    keepAliveTimeoutMs: config.http.keepAliveTimeoutSeconds * 1000,
    onError: (err, req) => log.error({ err, path: req.path, method: req.method }, 'an HTTP handler failed'),
  });
  const app: AppContext = { ops, router, http };
  const features = { ...installFeatures(app, registry, options.mode), readiness: installObservability(app, registry, metrics) };
  await installDigest(app);
  await installChecks(app);
  return withLifecycle(app, options.holdLockUntilExit ? { ...lock, release: async () => {} } : lock, features);
}

interface Installed {
  remoteEngines: RemoteEngines;
  chats: RunningChat[];
  readiness?: Readiness;
}

/** Each feature mounts its jobs, routes, engines and chat adapters here, before anything starts. */
function installFeatures(app: AppContext, registry: CommandRegistry, mode: WebhookMode): Installed {
  installDeployments(app);
  const remoteEngines = installRemoteEngines(app);
  installPipelineApi(app);
  installGitHub(app);
  installAlerts(app);
  installAlertWebhooks(app, { mode });
  installIncidents(app);
  installReminders(app);
  installEvidence(app);
  installActionItems(app);
  installOncall(app);
  installOncallAdapters(app);
  installDrift(app, createLiveSources(app.ops.config));
  installBoard(app);
  installRunbookSchedules(app);
  installBudgets(app);
  return { remoteEngines, chats: installChats(app, registry, CHAT_ADAPTERS) };
}

function withLifecycle(app: AppContext, lock: OpenedStore, features: Installed): App {
  const { ops, http } = app;
  return {
    ...app,
    addSender: (sender) => ops.outbox.registerSender(sender),
    webhookHint: (baseUrl) => alertWebhookHint(app, baseUrl),
    async start() {
      // Missed jobs fire first, so expired approvals are closed before anything is resumed.
      await ops.scheduler.start();
      ops.outbox.start();
      const address = await listen(http, ops.config);
      await startChats(features.chats, features.readiness);
      await reconcileDeployments(ops);
      await resumeRuns(ops);
      // Commands acknowledged before a crash and never run: run now, and their senders told so.
      void ops.activity.track(app.router.accepted.replay().catch((err: unknown) => ops.log.error({ err }, 'running commands accepted before a restart failed')));
      return address;
    },
    stop: (settleMs = ops.config.shutdownSeconds * 1000) => stopInOrder(app, lock, features, settleMs),
  };
}

/** How long a stop keeps delivering queued messages. */
const FLUSH_MS = 5_000;

/**
 * The one shutdown order of every mode: stop taking input; let running work settle (bounded);
 * leave what still runs as running, exactly as a SIGKILL would, for the next start to follow up;
 * stop the scheduler; flush the outbox; close the store; release the data directory last.
 */
async function stopInOrder(app: AppContext, lock: OpenedStore, features: Installed, settleMs: number): Promise<void> {
  const { ops, http } = app;
  await stopChats(features.chats);
  await http.stop();
  app.router.accepted.stop();
  stopReconciling(ops);
  if (!(await ops.activity.whenIdle(settleMs))) {
    ops.log.warn({ running: ops.activity.pending }, 'work still running at shutdown is left running; the next start follows it up');
    ops.engines.detachAll();
    ops.activity.leave();
    // Events already being recorded finish; nothing new is taken from the engines.
    await ops.activity.whenIdle(FLUSH_MS);
  }
  ops.deployRunner.stop();
  closeRemoteEngines(features.remoteEngines);
  await ops.scheduler.stop();
  await ops.outbox.flush(FLUSH_MS);
  await ops.outbox.stop();
  await ops.store.close();
  await lock.release();
}

/** The HTTP port taken by another program is a person's mistake: say which setting to change. */
async function listen(http: HttpServer, config: Config): Promise<{ url: string; port: number }> {
  try {
    return await http.start();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const where = `${config.http.host}:${config.http.port}`;
    if (code === 'EADDRINUSE') throw new StartError(`Port ${where} is already in use by another program. Stop it, or set DAYOPS_PORT (or http.port in the config) to a free port.`);
    if (code === 'EACCES') throw new StartError(`This user may not listen on ${where}. Use a port above 1023 (DAYOPS_PORT), or grant the right to bind it.`);
    if (code === 'EADDRNOTAVAIL') throw new StartError(`${config.http.host} is not an address of this machine. Set DAYOPS_HOST to one of its addresses (127.0.0.1, 0.0.0.0).`);
    throw err;
  }
}

/** Starting failed for a reason the person can fix; the message says how. */
export class StartError extends Error {
  override readonly name = 'StartError';
}
