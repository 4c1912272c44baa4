import type { Logger } from 'pino';
import type { z } from 'zod';
import { UserError } from '../../../bot/errors.js';
import { argocdSpec, jobSpec, specAs } from '../engine-config.js';
import type { DeployEngine, Emit, EngineJob, EngineRef } from '../../../bot/deployments/engine.js';
import { ActiveRuns, type ActiveRun } from '../remote/active-runs.js';
import { pollLoop, runInBackground } from '../remote/poll-loop.js';
import { DEFAULT_TIMING, pause, withTimeout, type RemoteTiming } from '../remote/timing.js';
import { applicationView, ourPhase, readApplication, type OurSync } from './application-state.js';
import { ArgoApiError, applicationPath, argoRequest, classifyArgoError, type ArgoConnection } from './client.js';

type ArgocdSpec = z.infer<typeof argocdSpec>;

export interface ArgocdEngineOptions {
  /** ARGOCD_URL and ARGOCD_TOKEN, from config secrets. */
  connection: ArgoConnection | undefined;
  log: Logger;
  now?: () => Date;
  timing?: Partial<RemoteTiming>;
  /** How often a terminate answered "no operation is in progress" is tried again while the app still syncs. */
  terminateAttempts?: number;
}

/** Syncs an Argo CD application to the deployment's version and follows the operation and health. */
export class ArgocdEngine implements DeployEngine {
  readonly type = 'argocd' as const;
  private readonly runs: ActiveRuns;
  private readonly timing: RemoteTiming;
  private readonly shutdown = new AbortController();

  constructor(private readonly options: ArgocdEngineOptions) {
    this.runs = new ActiveRuns(options.log);
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  async start(job: EngineJob, emit: Emit): Promise<EngineRef> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    const conn = this.options.connection;
    if (!conn) {
      run.emit({ type: 'status', status: 'failed', message: 'ARGOCD_URL and ARGOCD_TOKEN are not set, so dayops cannot sync Argo CD applications.' });
      return {};
    }
    const application = applicationName(spec, job);
    const ref = { application, revision: job.version, startedAt: this.now().toISOString() };
    try {
      await argoRequest(conn, 'POST', applicationPath(application, '/sync'), this.requestSignal(run.signal), {
        name: application,
        revision: job.version,
        prune: spec.prune,
        dryRun: false,
        infos: [{ name: 'dayops-deploy-id', value: job.id }],
      });
    } catch (err) {
      // Not retried: a sync that did reach Argo must not be asked for twice.
      const why = err instanceof ArgoApiError ? `Argo CD refused to sync ${application} (${err.status}): ${err.message}` : `Argo CD did not answer the sync of ${application}: ${(err as Error).message}`;
      run.emit({ type: 'status', status: 'failed', message: why });
      return {};
    }
    run.emit({ type: 'status', status: 'running', message: `Argo CD is syncing ${application} to ${job.version}.`, url: appUrl(conn, application) });
    this.follow$(run, conn, spec, ref);
    return ref;
  }

  async follow(job: EngineJob, ref: EngineRef, emit: Emit): Promise<void> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    const conn = this.options.connection;
    const { application, revision, startedAt } = ref;
    if (!conn || typeof application !== 'string' || typeof revision !== 'string' || typeof startedAt !== 'string') {
      run.emit({ type: 'status', status: 'failed', message: conn ? 'The deployment has no Argo CD sync to follow.' : 'ARGOCD_URL and ARGOCD_TOKEN are not set, so dayops cannot follow the sync.' });
      return;
    }
    this.follow$(run, conn, spec, { application, revision, startedAt });
  }

  /** Terminates the sync operation; "no operation is in progress" while the app still syncs is tried again. */
  async halt(job: EngineJob, ref: EngineRef): Promise<void> {
    const conn = this.options.connection;
    const { application, revision, startedAt } = ref;
    if (!conn || typeof application !== 'string') throw new UserError('unavailable', 'There is no Argo CD sync to terminate for this deployment.');
    const active = this.runs.get(job.id);
    if (active) active.halting = true;
    const ours = { revision: String(revision), startedAt: String(startedAt), halting: true };
    try {
      await this.terminate(conn, application);
    } catch (err) {
      if (!isNoOperation(err)) throw new UserError('unavailable', `Argo CD did not terminate the sync of ${application}: ${(err as Error).message}`);
      void this.terminateWhileSyncing(conn, application, ours, active).catch((e: unknown) => {
        active?.emit({ type: 'log', line: `Terminating the sync of ${application} failed: ${(e as Error).message}` });
      });
    }
  }

  /** Stops following every run (shutdown); the syncs go on in Argo CD. */
  close(): void {
    this.shutdown.abort();
    this.runs.closeAll();
  }

  private follow$(run: ActiveRun, conn: ArgoConnection, spec: ArgocdSpec, ref: { application: string; revision: string; startedAt: string }): void {
    let lastNote = '';
    const step = async () => {
      const app = applicationView.parse(await argoRequest(conn, 'GET', applicationPath(ref.application), this.requestSignal(run.signal)));
      const reading = readApplication(app, { revision: ref.revision, startedAt: ref.startedAt, halting: run.halting });
      if (reading.kind === 'final') return run.emit({ type: 'status', status: reading.status, message: reading.message, url: appUrl(conn, ref.application) });
      if (reading.note !== lastNote) run.emit({ type: 'log', line: reading.note });
      lastNote = reading.note;
    };
    runInBackground(run, () => pollLoop(run, { intervalMs: spec.pollSeconds * 1000, maxBackoffMs: this.timing.maxBackoffMs, classify: classifyArgoError }, step));
  }

  /**
   * Argo answers "no operation is in progress" in the moment between accepting a sync and
   * starting it; while the application still shows our sync pending or running, ask again.
   */
  private async terminateWhileSyncing(conn: ArgoConnection, application: string, ours: OurSync, active: ActiveRun | undefined): Promise<void> {
    const signal = active?.signal ?? this.shutdown.signal;
    const pollSeconds = active && specAs(argocdSpec, active.job.spec)?.pollSeconds;
    const intervalMs = pollSeconds ? pollSeconds * 1000 : 5_000;
    for (let attempt = 0; attempt < (this.options.terminateAttempts ?? 5); attempt++) {
      if (!(await pause(intervalMs, signal))) return;
      const app = applicationView.parse(await argoRequest(conn, 'GET', applicationPath(application), this.requestSignal(signal)));
      if (!stillSyncing(app, ours)) return;
      try {
        await this.terminate(conn, application);
        return;
      } catch (err) {
        if (!isNoOperation(err)) throw err;
      }
    }
    active?.emit({ type: 'log', line: `Argo CD keeps saying no operation is in progress for ${application}; the sync may still finish.` });
  }

  private terminate(conn: ArgoConnection, application: string): Promise<unknown> {
    return argoRequest(conn, 'DELETE', applicationPath(application, '/operation'), this.requestSignal(this.shutdown.signal));
  }

  private requestSignal(signal: AbortSignal): AbortSignal {
    return withTimeout(signal, this.timing.requestTimeoutMs);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function specOf(job: EngineJob): ArgocdSpec {
  return jobSpec(argocdSpec, job, 'argocd');
}

export function applicationName(spec: ArgocdSpec, job: EngineJob): string {
  return spec.application.replaceAll('{service}', job.service).replaceAll('{env}', job.env);
}

function appUrl(conn: ArgoConnection, application: string): string {
  return `${conn.url.replace(/\/$/, '')}/applications/${encodeURIComponent(application)}`;
}

function isNoOperation(err: unknown): boolean {
  return err instanceof ArgoApiError && /no operation is in progress/i.test(err.message);
}

/** Our sync not yet started, or running: a terminate that found nothing came too early. */
function stillSyncing(app: z.infer<typeof applicationView>, ours: OurSync): boolean {
  const phase = ourPhase(app, ours);
  return phase === 'pending' || phase === 'Running';
}
