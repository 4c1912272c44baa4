import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, EngineJob } from '../../adapters/deploy/engine.js';
import { processAlive } from '../../adapters/deploy/script/process-group.js';
import { ScriptEngine } from '../../adapters/deploy/script/script-engine.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from './support.js';

function job(command: string, graceSeconds = 0.3, extra: Partial<EngineJob> = {}): EngineJob {
  return { id: 'DEP-7', purpose: 'deploy', service: 'api', env: 'staging', version: '1.4.2', spec: { type: 'script', command, graceSeconds }, ...extra };
}

/** Starts a run and collects its events; `done` resolves with the final status event. */
async function run(engine: ScriptEngine, j: EngineJob) {
  const events: EngineEvent[] = [];
  let resolveDone!: (e: EngineEvent) => void;
  const done = new Promise<EngineEvent>((r) => (resolveDone = r));
  const ref = await engine.start(j, (e) => {
    events.push(e);
    if (e.type === 'status' && e.status !== 'running') resolveDone(e);
  });
  const lines = () => events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
  return { ref, events, done, lines };
}

describe('script engine', () => {
  it('passes the DAYOPS_* variables and args, streams stdout and stderr lines, and succeeds on exit 0', async () => {
    const engine = new ScriptEngine();
    const r = await run(engine, job('echo "$DAYOPS_SERVICE $DAYOPS_ENV $DAYOPS_VERSION $DAYOPS_DEPLOY_ID $DAYOPS_ARG_DB"; echo oops >&2', 1, { args: { db: 'main' } }));
    expect(typeof r.ref.pid).toBe('number');
    expect(await r.done).toEqual({ type: 'status', status: 'succeeded' });
    expect(r.lines().sort()).toEqual(['api staging 1.4.2 DEP-7 main', 'oops']);
  });

  it('fails with the exit code', async () => {
    const r = await run(new ScriptEngine(), job('echo trying; exit 4'));
    expect(await r.done).toEqual({ type: 'status', status: 'failed', message: 'the script exited with code 4' });
  });

  it('halts with SIGTERM to the process group, children included', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'child.pid');
    const engine = new ScriptEngine();
    const r = await run(engine, job(`sleep 30 & echo $! > ${pidFile}; echo started; wait`));
    await until(async () => r.lines().includes('started'));
    const child = Number(readFileSync(pidFile, 'utf8'));
    await engine.halt(job(''), r.ref);
    expect(await r.done).toMatchObject({ type: 'status', status: 'halted', message: 'stopped with SIGTERM' });
    await until(async () => !processAlive(child));
  });

  it('sends SIGKILL after the grace period to a script that traps TERM', async () => {
    const engine = new ScriptEngine();
    const j = job('trap "echo got TERM" TERM; echo ready; while true; do sleep 0.1; done', 0.3);
    const r = await run(engine, j);
    await until(async () => r.lines().includes('ready'));
    await engine.halt(j, r.ref);
    expect(await r.done).toMatchObject({ type: 'status', status: 'halted', message: 'stopped with SIGKILL' });
    expect(r.lines()).toContain('got TERM');
  });

  it('fails a run that passes its timeout', async () => {
    const spec = { type: 'script' as const, command: 'sleep 30', graceSeconds: 0.2, timeoutSeconds: 0.2 };
    const r = await run(new ScriptEngine(), job('', 0.2, { spec }));
    expect(await r.done).toMatchObject({ status: 'failed', message: 'the script was stopped because it ran longer than 0.2s' });
  });

  it('after a restart, reports a run whose process is gone as failed: it died with the bot', async () => {
    const first = await run(new ScriptEngine(), job('exit 0'));
    await first.done;
    const events: EngineEvent[] = [];
    await new ScriptEngine().follow(job(''), first.ref, (e) => events.push(e));
    expect(events).toEqual([{ type: 'status', status: 'failed', message: 'the process died with the bot' }]);
  });
});
