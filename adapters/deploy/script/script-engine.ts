import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeployEngine, Emit, EngineEvent, EngineJob, EngineRef } from '../../../bot/deployments/engine.js';
import { jobSpec, scriptSpec, specAs, type ScriptSpec } from '../engine-config.js';
import { processAlive, signalGroup } from './process-group.js';
import { createRunDir, dropOutput, OutputTail, recordedExit, WRAPPER } from './run-files.js';

export interface ScriptEngineOptions {
  /**
   * The environment the script inherits, before the DAYOPS_* variables are added. Defaults to
   * this process's own, like any command a shell starts.
   */
  baseEnv?: Record<string, string | undefined>;
  /** Where each run keeps its output and exit status (`<dataDir>/runs`). */
  runsDir?: string;
  /** How often output and the end of a run are looked for. */
  pollMs?: number;
}

interface Run {
  child?: ChildProcess;
  pid: number;
  dir: string;
  tail: OutputTail;
  emit: Emit;
  poll?: ReturnType<typeof setInterval>;
  halting: boolean;
  /** Set when the engine stopped it for running too long: that is a failure, not a halt. */
  timedOut?: string;
  timers: ReturnType<typeof setTimeout>[];
  ended: boolean;
}

/**
 * Runs a deployment as a local command through /bin/sh, in its own process group so a halt
 * reaches everything it started. Output lines are emitted as they come; exit code 0 is success.
 * The script writes to files rather than pipes, so it survives the bot stopping: the next start
 * follows it to its real end (see run-files.ts).
 */
export class ScriptEngine implements DeployEngine {
  readonly type = 'script' as const;
  private readonly runs = new Map<number, Run>();

  constructor(private readonly options: ScriptEngineOptions = {}) {}

  async start(job: EngineJob, emit: Emit): Promise<EngineRef> {
    const spec = jobSpec(scriptSpec, job, 'script');
    const dir = createRunDir(this.runsDir(), job.id);
    const child = spawn('/bin/sh', ['-c', WRAPPER, 'dayops-run', spec.command, dir], {
      cwd: spec.cwd,
      env: { ...this.baseEnv(), ...jobEnv(job) },
      detached: true,
      stdio: 'ignore',
    });
    const pid = await spawned(child);
    const startedAt = new Date().toISOString();
    const run = this.track({ child, pid, dir, tail: new OutputTail(dir), emit, halting: false, timers: [], ended: false });
    this.armTimeout(run, job, Date.now());
    emit({ type: 'status', status: 'running' });
    child.on('close', (code, signal) => this.end(run, code, signal));
    return { pid, startedAt, dir };
  }

  /**
   * A run started before a restart: read on from where its output was last reported, and wait
   * for the status its wrapper records. Only a run with no status whose process is gone is lost.
   */
  async follow(job: EngineJob, ref: EngineRef, emit: Emit): Promise<void> {
    const pid = Number(ref.pid);
    if (this.runs.has(pid)) return;
    const dir = typeof ref.dir === 'string' ? ref.dir : undefined;
    if (!dir || !existsSync(dir)) {
      emit(unfollowable(dir));
      return;
    }
    // No child to hear the end from: each poll also looks for the recorded exit status.
    const run = this.track({ pid, dir, tail: new OutputTail(dir), emit, halting: false, timers: [], ended: false, poll: setInterval(() => this.checkFollowed(run), this.pollMs()) });
    emit({ type: 'log', line: `(dayops restarted while this ran; following it again)` });
    this.armTimeout(run, job, Date.parse(String(ref.startedAt)) || Date.now());
    this.checkFollowed(run);
  }

  async halt(job: EngineJob, ref: EngineRef): Promise<void> {
    const run = this.runs.get(Number(ref.pid));
    if (run) this.stop(run, specAs(scriptSpec, job.spec));
    else signalGroup(Number(ref.pid), 'SIGTERM');
  }

  /**
   * The bot is stopping with runs still going: stop watching them and report nothing more. The
   * scripts go on; their records stay running, and the next start follows them to their end.
   */
  detach(): void {
    for (const run of this.runs.values()) {
      run.ended = true;
      this.clearRun(run);
      run.child?.removeAllListeners('close');
      run.child?.unref();
    }
    this.runs.clear();
  }

  private track(run: Run): Run {
    this.runs.set(run.pid, run);
    if (!run.poll) run.poll = setInterval(() => this.emitLines(run), this.pollMs());
    return run;
  }

  private checkFollowed(run: Run): void {
    if (run.ended) return;
    const code = recordedExit(run.dir);
    if (code !== undefined) this.end(run, code, null);
    // No status and no process: the wrapper was killed with the machine or container.
    else if (!processAlive(run.pid)) this.end(run, null, null, true);
    else this.emitLines(run);
  }

  private emitLines(run: Run, final = false): void {
    if (run.ended && !final) return;
    for (const line of run.tail.read(final)) run.emit({ type: 'log', line });
  }

  private end(run: Run, code: number | null, signal: NodeJS.Signals | null, lost = false): void {
    if (run.ended) return;
    this.emitLines(run, true);
    run.ended = true;
    this.clearRun(run);
    this.runs.delete(run.pid);
    const recorded = recordedExit(run.dir);
    run.emit(lost ? LOST : finalEvent(run, recorded ?? code, recorded === undefined ? signal : null));
    dropOutput(run.dir);
  }

  private clearRun(run: Run): void {
    if (run.poll) clearInterval(run.poll);
    for (const t of run.timers) clearTimeout(t);
    run.timers = [];
  }

  private armTimeout(run: Run, job: EngineJob, startedAt: number): void {
    const spec = specAs(scriptSpec, job.spec);
    const timeout = spec?.timeoutSeconds;
    if (!timeout) return;
    const left = Math.max(0, startedAt + timeout * 1000 - Date.now());
    run.timers.push(setTimeout(() => this.stop(run, spec, `it ran longer than ${timeout}s`), left));
  }

  /** SIGTERM to the whole group, then SIGKILL after the grace period if it is still there. */
  private stop(run: Run, spec: ScriptSpec | undefined, why?: string): void {
    if (run.halting || run.ended) return;
    run.halting = true;
    if (why) run.timedOut = why;
    signalGroup(run.pid, 'SIGTERM');
    const grace = spec?.graceSeconds ?? 10;
    run.timers.push(setTimeout(() => signalGroup(run.pid, 'SIGKILL'), grace * 1000));
  }

  private baseEnv(): Record<string, string | undefined> {
    return this.options.baseEnv ?? MINIMAL_ENV;
  }

  private runsDir(): string {
    return this.options.runsDir ?? join(tmpdir(), 'dayops-runs');
  }

  private pollMs(): number {
    return this.options.pollMs ?? 100;
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

const LOST: EngineEvent = {
  type: 'status',
  status: 'failed',
  message: 'the script was killed before it could record how it ended (the machine or container stopped with the bot)',
};

/**
 * A run whose records are not on this machine (another replica's, or one from before run
 * records were kept). Its pid means nothing here, so nothing is signalled.
 */
function unfollowable(dir: string | undefined): EngineEvent {
  const why = dir ? `its run records (${dir}) are not on this machine` : 'it was started by a dayops version that kept no run records';
  return { type: 'status', status: 'failed', message: `the script cannot be followed after the restart: ${why}; its outcome is unknown` };
}

/** A shell reports a child killed by signal n as exit code 128 + n. */
function signalOf(code: number | null): string | undefined {
  if (code === null || code <= 128) return undefined;
  return Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0];
}

function finalEvent(run: Run, code: number | null, signalled: NodeJS.Signals | null): EngineEvent {
  const signal = signalled ?? signalOf(code);
  if (run.timedOut) return { type: 'status', status: 'failed', message: `the script was stopped because ${run.timedOut}` };
  if (run.halting) return { type: 'status', status: 'halted', message: signal ? `stopped with ${signal}` : `stopped (exit code ${code})` };
  if (code === 0) return { type: 'status', status: 'succeeded', exitCode: 0 };
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return { type: 'status', status: 'failed', message: `the script ${how}`, ...(signal || code === null ? {} : { exitCode: code }) };
}
