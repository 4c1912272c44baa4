import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { DeployEngine, Emit, EngineJob, EngineRef } from '../engine.js';
import { processAlive, signalGroup } from './process-group.js';

export interface ScriptEngineOptions {
  /**
   * The environment the script inherits, before the DAYOPS_* variables are added. Defaults to
   * this process's own, like any command a shell starts.
   */
  baseEnv?: Record<string, string | undefined>;
}

interface Run {
  child: ChildProcess;
  halting: boolean;
  /** Set when the engine stopped it for running too long: that is a failure, not a halt. */
  timedOut?: string;
  killTimer?: ReturnType<typeof setTimeout>;
}

/**
 * Runs a deployment as a local command through /bin/sh, in its own process group so a halt
 * reaches everything it started. Output lines are emitted as they come; exit code 0 is success.
 */
export class ScriptEngine implements DeployEngine {
  readonly type = 'script' as const;
  private readonly runs = new Map<number, Run>();

  constructor(private readonly options: ScriptEngineOptions = {}) {}

  async start(job: EngineJob, emit: Emit): Promise<EngineRef> {
    if (job.spec.type !== 'script') throw new Error(`The script engine cannot run a ${job.spec.type} spec.`);
    const child = spawn('/bin/sh', ['-c', job.spec.command], {
      cwd: job.spec.cwd,
      env: { ...this.baseEnv(), ...jobEnv(job) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = await spawned(child);
    const run: Run = { child, halting: false };
    this.runs.set(pid, run);
    streamLines(child, emit);
    const timeout = job.spec.timeoutSeconds;
    const timer = timeout ? setTimeout(() => this.stop(run, job.spec, `it ran longer than ${timeout}s`), timeout * 1000) : undefined;
    emit({ type: 'status', status: 'running' });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (run.killTimer) clearTimeout(run.killTimer);
      this.runs.delete(pid);
      emit(finalEvent(run, code, signal));
    });
    return { pid, startedAt: new Date().toISOString() };
  }

  /** A process started before a restart has lost its output pipes; it cannot be followed. */
  async follow(_job: EngineJob, ref: EngineRef, emit: Emit): Promise<void> {
    const pid = Number(ref.pid);
    if (this.runs.has(pid)) return;
    if (processAlive(pid)) {
      signalGroup(pid, 'SIGKILL');
      emit({ type: 'status', status: 'failed', message: 'the bot restarted while the script ran; its output was lost, so it was stopped' });
      return;
    }
    emit({ type: 'status', status: 'failed', message: 'the process died with the bot' });
  }

  async halt(job: EngineJob, ref: EngineRef): Promise<void> {
    const run = this.runs.get(Number(ref.pid));
    if (run) this.stop(run, job.spec);
    else signalGroup(Number(ref.pid), 'SIGTERM');
  }

  /** SIGTERM to the whole group, then SIGKILL after the grace period if it is still there. */
  private stop(run: Run, spec: EngineJob['spec'], why?: string): void {
    if (run.halting || run.child.pid === undefined) return;
    run.halting = true;
    if (why) run.timedOut = why;
    const pid = run.child.pid;
    signalGroup(pid, 'SIGTERM');
    const grace = spec.type === 'script' ? spec.graceSeconds : 10;
    run.killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), grace * 1000);
  }

  private baseEnv(): Record<string, string | undefined> {
    return this.options.baseEnv ?? MINIMAL_ENV;
  }
}

/** Without a base environment from the config, scripts still find the usual programs. */
const MINIMAL_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin' };

function jobEnv(job: EngineJob): Record<string, string> {
  const env: Record<string, string> = {
    DAYOPS_SERVICE: job.service,
    DAYOPS_ENV: job.env,
    DAYOPS_VERSION: job.version,
    DAYOPS_DEPLOY_ID: job.id,
    DAYOPS_PURPOSE: job.purpose,
  };
  for (const [name, value] of Object.entries(job.args ?? {})) env[`DAYOPS_ARG_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = value;
  return env;
}

function spawned(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid!));
    child.once('error', reject);
  });
}

function streamLines(child: ChildProcess, emit: Emit): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => emit({ type: 'log', line }));
  }
}

function finalEvent(run: Run, code: number | null, signal: NodeJS.Signals | null) {
  if (run.timedOut) return { type: 'status' as const, status: 'failed' as const, message: `the script was stopped because ${run.timedOut}` };
  if (run.halting) return { type: 'status' as const, status: 'halted' as const, message: signal ? `stopped with ${signal}` : `stopped (exit code ${code})` };
  if (code === 0) return { type: 'status' as const, status: 'succeeded' as const };
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return { type: 'status' as const, status: 'failed' as const, message: `the script ${how}` };
}
