import type { Emit, EngineEvent, EngineJob, EngineRef } from './engine.js';
import { redactEvent } from './redact-event.js';
import type { DeploymentRecord, DeployPhase } from '../../data/records/deployment.js';
import type { Activity } from '../activity.js';
import type { Ops } from '../ops.js';
import type { EngineRegistry } from './engines.js';
import { settle } from './finish.js';
import { runHealthCheck } from './health.js';
import { engineJob, specFor } from './jobs.js';
import { LocalRuns, type RunPhase } from './local-runs.js';
import { note, saveDeployment } from './notify.js';
import { planFor } from './policy.js';
import { RunLeases } from './run-leases.js';
import { RunLogs } from './run-logs.js';
import { transition } from './state-machine.js';
import { throughOutage } from '../through-outage.js';
import { verifyAfterDeploy } from '../checks/after-deploy.js';

/**
 * Runs deployments on their engines and turns engine events into state changes. Events of one
 * deployment are handled one after another, and only once its run is recorded as started, so a
 * script that ends at once cannot overtake its own start.
 */
export class DeployRunner {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Deployments this process is starting or picking up now; a second launch meanwhile is dropped, the first starts it. */
  private readonly starting = new Set<string>();
  private readonly logs: RunLogs;
  private readonly local: LocalRuns;
  private leases: RunLeases | undefined;

  constructor(
    readonly engines: EngineRegistry,
    private readonly activity?: Activity,
  ) {
    this.logs = new RunLogs((ops, id, fn) => this.enqueue(ops, id, fn));
    this.local = new LocalRuns(engines, (ops, id, fn) => this.safely(ops, id, fn));
  }

  /**
   * Starts a queued deployment (after the transaction that queued it has committed). Taking its
   * lease and reading it wait out a store outage; the engine's start is never tried twice.
   */
  launch(ops: Ops, id: string): void {
    this.startOnce(ops, id, async () => {
      if (await this.outlast(ops, id, () => this.leasesOf(ops).take(id))) await this.launchNow(ops, id);
    });
  }

  /** Tells the engine to stop; the record was already moved to halted. */
  halt(ops: Ops, d: DeploymentRecord): void {
    this.track(this.safely(ops, d.id, () => this.haltNow(ops, d)));
  }

  /**
   * After a restart, or when another replica's lease on the run ran out: follows a run again, or
   * starts one that never got going. A run another live replica follows is left to it.
   */
  resume(ops: Ops, d: DeploymentRecord): void {
    this.startOnce(ops, d.id, async () => {
      if (await this.outlast(ops, d.id, () => this.leasesOf(ops).take(d.id))) await this.resumeNow(ops, d);
    });
  }

  /**
   * A webhook callback reached this replica for a run another one follows (replicas share the
   * store): its events are handled here, in this deployment's event chain, and the state checks
   * inside each transaction make the deployment advance once whichever replica reports.
   */
  async adoptCallback(ops: Ops, id: string): Promise<{ job: EngineJob; emit: Emit } | undefined> {
    const d = await ops.store.read((tx) => tx.get('deployment', id));
    if (d?.state !== 'running' || d.engine?.type !== 'webhook' || d.engine.phase === 'health') return undefined;
    const phase = d.engine.phase;
    const spec = specFor(ops, d, phase);
    if (spec?.type !== 'webhook') return undefined;
    const job = engineJob(d, phase, spec);
    const emit: Emit = (raw) => {
      this.enqueue(ops, id, () => this.onEvent(ops, job, phase, redactEvent(raw, ops.config.secretValues)));
      // Its final status may reach yet another replica: a callback's lines are written with it, not buffered.
      if (raw.type === 'log') this.enqueue(ops, id, () => this.logs.flush(ops, id));
    };
    return { job, emit };
  }

  /** Whether this process follows the deployment's run (always, with a store it owns alone). */
  follows(ops: Ops, id: string): boolean {
    const leases = this.leasesOf(ops);
    return !leases.shared || leases.owns(id);
  }

  stop(): void {
    this.leases?.stop();
    this.local.stop();
  }

  private leasesOf(ops: Ops): RunLeases {
    this.leases ??= new RunLeases(ops.store);
    return this.leases;
  }

  /** Resolves once nothing is starting, running an event or waiting to post output. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async launchNow(ops: Ops, id: string): Promise<void> {
    const d = await this.outlast(ops, id, () => ops.store.read((tx) => tx.get('deployment', id)));
    if (!d || d.state !== 'queued') return;
    await this.startPhase(ops, d, planFor(ops, d.service).preDeploy && !d.preDeploy ? 'pre-deploy' : 'deploy');
  }

  private async resumeNow(ops: Ops, d: DeploymentRecord): Promise<void> {
    if (d.state === 'queued') return this.launchNow(ops, d.id);
    if (d.state !== 'running') return;
    if (!d.engine) return this.startPhase(ops, d, 'deploy');
    if (d.engine.phase === 'health') return this.health(ops, d.id);
    const phase = d.engine.phase;
    const spec = specFor(ops, d, phase);
    const engine = spec && this.engines.get(spec.type);
    if (!spec || !engine) {
      await this.fail(ops, d.id, `after a restart, its ${d.engine.type} engine is no longer configured, so it cannot be followed.`);
      return;
    }
    const job = engineJob(d, phase, spec);
    const emit = this.emitter(ops, job, phase);
    await engine.follow(job, d.engine.ref, emit).catch((err: unknown) => {
      emit.end();
      throw err;
    });
    // A followed script's pid is from before the restart and is never signalled; a webhook run is watched.
    if (spec.type === 'webhook') this.local.watch(ops, { job, phase, ref: d.engine.ref, end: emit.end });
  }

  private async startPhase(ops: Ops, d: DeploymentRecord, phase: RunPhase): Promise<void> {
    const spec = specFor(ops, d, phase);
    const engine = spec && this.engines.get(spec.type);
    if (!spec || !engine) {
      await this.outlast(ops, d.id, () => this.fail(ops, d.id, `no ${spec?.type ?? 'deploy'} engine is installed in this dayops, so the ${phase} step cannot run.`));
      return;
    }
    const job = engineJob(d, phase, spec);
    let started!: () => void;
    const gate = new Promise<void>((resolve) => (started = resolve));
    // Events wait behind the record of the start, and then run in order.
    this.enqueue(ops, d.id, () => gate);
    let ref: EngineRef;
    const emit = this.emitter(ops, job, phase);
    // Started once, never again: a second start could run the deploy twice. Only the records
    // around it wait out a store outage.
    try {
      ref = await engine.start(job, emit);
    } catch (err) {
      emit.end();
      started();
      await this.outlast(ops, d.id, () => this.fail(ops, d.id, `the ${spec.type} engine could not start the ${phase} step: ${errorText(err)}`));
      return;
    }
    let stillWanted: boolean;
    try {
      stillWanted = await this.outlast(ops, d.id, () => this.recordStart(ops, d.id, job, phase, ref));
    } finally {
      started();
    }
    if (!stillWanted) await engine.halt(job, ref);
    else this.local.watch(ops, { job, phase, ref, end: emit.end });
  }

  /** Events go into the deployment's chain; the run counts as pending work until its final status. */
  private emitter(ops: Ops, job: EngineJob, phase: RunPhase): Emit & { end(): void } {
    let end!: () => void;
    this.track(new Promise<void>((resolve) => (end = resolve)));
    // At shutdown the run stays running in the store; the next start follows it (reconcile).
    const unregister = this.activity?.untilLeave(() => end());
    const emit = (raw: EngineEvent) => {
      if (this.activity?.left) return;
      const e = redactEvent(raw, ops.config.secretValues);
      this.enqueue(ops, job.id, () => this.onEvent(ops, job, phase, e));
      if (e.type === 'status' && e.status !== 'running') {
        end();
        unregister?.();
      }
    };
    return Object.assign(emit, { end });
  }

  /** Records the run's ref; false when the deployment was halted while the engine was starting. */
  private recordStart(ops: Ops, id: string, job: EngineJob, phase: RunPhase, ref: EngineRef): Promise<boolean> {
    return ops.store.transact(async (tx) => {
      const current = await tx.get('deployment', id);
      if (!current || (current.state !== 'queued' && current.state !== 'running')) return false;
      let d = current.state === 'queued' ? transition(current, 'running', ops.clock.now(), 'dayops') : current;
      d = { ...d, engine: { type: job.spec.type, phase, ref } };
      await saveDeployment(ops, tx, d);
      await note(ops, tx, d, `Started the ${phase} step on the ${job.spec.type} engine.`);
      return true;
    });
  }

  private async onEvent(ops: Ops, job: EngineJob, phase: RunPhase, e: EngineEvent): Promise<void> {
    if (e.type === 'log') return this.logs.push(ops, job.id, e.line);
    if (e.url) await this.recordUrl(ops, job.id, e.url);
    if (e.status === 'running') return;
    await this.logs.flush(ops, job.id);
    const d = await ops.store.read((tx) => tx.get('deployment', job.id));
    // A deployment halted by a person, or already past this phase, only hears about it.
    if (!d || d.state !== 'running' || d.engine?.phase !== phase) {
      if (d) await ops.store.transact((tx) => note(ops, tx, d, `The ${phase} step ended on the engine: ${e.status}${e.message ? ` (${e.message})` : ''}.`));
      return;
    }
    if (e.status === 'halted') return this.settleTo(ops, job.id, 'halted', e.message ?? `the ${phase} step was stopped on the engine.`);
    if (e.status === 'failed') return this.fail(ops, job.id, `the ${phase} step failed${e.message ? `: ${e.message}` : '.'}`);
    if (phase === 'pre-deploy') return this.afterPreDeploy(ops, job.id, e.message);
    if (planFor(ops, d.service).healthCheck) return this.health(ops, job.id);
    await this.succeed(ops, job.id, e.message ?? `${d.service} ${d.version} is live in ${d.env}.`);
  }

  /**
   * Keeps the run's link on the deployment (its message, deploy-status, the pipeline API), once;
   * only http(s) links, since a webhook engine's report comes from outside.
   */
  private async recordUrl(ops: Ops, id: string, url: string): Promise<void> {
    if (!/^https?:\/\/\S+$/i.test(url)) return;
    await ops.store.transact(async (tx) => {
      const current = await tx.get('deployment', id);
      if (!current || current.runUrl === url) return;
      const next = { ...current, runUrl: url };
      await saveDeployment(ops, tx, next);
      await note(ops, tx, next, `The engine's run: ${url}`);
    });
  }

  private async afterPreDeploy(ops: Ops, id: string, message: string | undefined): Promise<void> {
    const d = await ops.store.transact(async (tx) => {
      const current = await tx.get('deployment', id);
      if (!current) return undefined;
      const at = ops.clock.now().toISOString();
      const next = { ...current, preDeploy: { status: 'succeeded' as const, at, ...(message ? { message } : {}) } };
      await saveDeployment(ops, tx, next);
      return note(ops, tx, next, 'The pre-deploy step succeeded.');
    });
    if (d) await this.startPhase(ops, d, 'deploy');
  }

  private async health(ops: Ops, id: string): Promise<void> {
    const d = await ops.store.read((tx) => tx.get('deployment', id));
    const check = d && planFor(ops, d.service).healthCheck;
    if (!d || !check) return;
    await ops.store.transact(async (tx) => {
      const current = await tx.get('deployment', id);
      if (!current?.engine) return;
      const next = { ...current, engine: { ...current.engine, phase: 'health' as DeployPhase } };
      await saveDeployment(ops, tx, next);
      await note(ops, tx, next, `Checking health at ${check.url} for up to ${check.timeoutSeconds}s.`);
    });
    // Shutdown leaves the check unfinished; the next start checks again (the phase is recorded).
    const stillWanted = async () => !this.activity?.left && (await ops.store.read((tx) => tx.get('deployment', id)))?.state === 'running';
    const result = await runHealthCheck(check, stillWanted);
    if (result === 'stopped') return;
    const at = ops.clock.now().toISOString();
    await ops.store.transact(async (tx) => {
      const current = await tx.get('deployment', id);
      if (current?.state === 'running') await saveDeployment(ops, tx, { ...current, health: { status: result.ok ? 'succeeded' : 'failed', message: result.message, at } });
    });
    if (result.ok) await this.succeed(ops, id, `${d.service} ${d.version} is live in ${d.env} and healthy.`);
    else await this.fail(ops, id, `the health check failed: ${result.message}`);
  }

  private async haltNow(ops: Ops, d: DeploymentRecord): Promise<void> {
    if (!d.engine || d.engine.phase === 'health') return;
    // A local process another replica started: its pid means nothing here; that replica notices the halt.
    if (ops.store.claim && d.engine.type === 'script' && !this.local.has(d.id)) return;
    this.local.forget(d.id);
    const phase = d.engine.phase;
    const spec = specFor(ops, d, phase);
    const engine = spec && this.engines.get(spec.type);
    if (spec && engine) await engine.halt(engineJob(d, phase, spec), d.engine.ref);
  }

  /** The last step: the service's success-criteria checks, which may fail it (checksAfterDeploy: verify). */
  private async succeed(ops: Ops, id: string, why: string): Promise<void> {
    const failed = await verifyAfterDeploy(ops, id);
    if (failed) return this.fail(ops, id, failed);
    await this.settleTo(ops, id, 'succeeded', why);
  }

  private fail(ops: Ops, id: string, why: string): Promise<void> {
    return this.settleTo(ops, id, 'failed', why);
  }

  private async settleTo(ops: Ops, id: string, to: 'failed' | 'halted' | 'succeeded', why: string): Promise<void> {
    await ops.store.transact((tx) => settle(ops, tx, id, to, why));
  }

  private enqueue(ops: Ops, id: string, fn: () => Promise<void>): void {
    const next = (this.chains.get(id) ?? Promise.resolve()).then(() =>
      this.safely(ops, id, () => throughOutage(fn, ops.log, `what happened to ${id}`, this.activity)),
    );
    this.chains.set(id, next);
    this.track(next);
    void next.then(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
  }

  /**
   * Runs `fn` through a store outage (backing off until the store answers): what it does reads
   * or writes records only, so trying it again is safe.
   */
  private outlast<T>(ops: Ops, id: string, fn: () => Promise<T>): Promise<T> {
    return throughOutage(fn, ops.log, `the start of ${id}`, this.activity);
  }

  /**
   * Starting or picking up one deployment runs once at a time in this process: a launch waiting
   * out an outage and the sweep that finds the same deployment queued must not both start it.
   */
  private startOnce(ops: Ops, id: string, fn: () => Promise<void>): void {
    if (this.starting.has(id)) return;
    this.starting.add(id);
    this.track(this.safely(ops, id, fn).finally(() => this.starting.delete(id)));
  }

  /** A bug while following one deployment is logged and must not stop the others. */
  private async safely(ops: Ops, id: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      ops.log.error({ err, deployment: id }, 'following a deployment failed');
    }
  }

  private track(p: Promise<unknown>): void {
    this.pending.add(p);
    this.activity?.track(p);
    void p.finally(() => this.pending.delete(p));
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
