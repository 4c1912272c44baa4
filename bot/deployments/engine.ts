/**
 * The deploy-engine port: what the core needs of whatever runs a deployment, a pre-deploy step
 * or a runbook. Implementations live under adapters/deploy/ (and adapters/github/); bin/ builds
 * them and registers them on the engine registry.
 */

/**
 * An engine's settings as the core sees them: only their `type`, which picks the engine. The
 * rest is the engine's own; its schema (adapters/deploy/engine-config.ts) validated it when the
 * config was loaded, and the engine reads it back through that schema.
 */
export interface EngineSpec {
  readonly type: string;
  readonly [setting: string]: unknown;
}

/** One run on an engine: a deployment, a pre-deploy step or a runbook. */
export interface EngineJob {
  /** DEP-12 or RUN-4; engines pass it on (DAYOPS_DEPLOY_ID, workflow inputs, webhook body). */
  id: string;
  purpose: 'deploy' | 'pre-deploy' | 'runbook';
  service: string;
  env: string;
  version: string;
  spec: EngineSpec;
  /** Extra arguments (runbook `--arg k=v`). */
  args?: Record<string, string>;
}

/** What an engine persists to find its run again after a restart (pid, run id, operation). */
export type EngineRef = Record<string, string | number | boolean>;

export type EngineEvent =
  | { type: 'log'; line: string }
  | {
      type: 'status';
      status: 'running' | 'succeeded' | 'failed' | 'halted';
      message?: string;
      url?: string;
      /** How a process ended, where there is one (a script): drift checks read 2 as "changes found". */
      exitCode?: number;
    };

export type Emit = (event: EngineEvent) => void;

/**
 * A deploy engine behind one interface. The deployment service persists the ref from
 * `start`, and after a restart calls `follow` with it. Every run ends with exactly one final
 * status event (succeeded, failed or halted).
 */
export interface DeployEngine {
  readonly type: string;
  start(job: EngineJob, emit: Emit): Promise<EngineRef>;
  /** Follows a run started before a restart; an engine that cannot (a dead local process) emits failed. */
  follow(job: EngineJob, ref: EngineRef, emit: Emit): Promise<void>;
  halt(job: EngineJob, ref: EngineRef): Promise<void>;
  /** Stops following a run that ended through another replica (a callback it received). */
  forget?(id: string): void;
  /** Shutdown with runs still going: stop following them and emit nothing more; they go on. */
  detach?(): void;
}
