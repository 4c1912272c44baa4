import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, EngineJob } from '../../bot/deployments/engine.js';
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
    expect(await r.done).toEqual({ type: 'status', status: 'succeeded', exitCode: 0 });
    expect(r.lines().sort()).toEqual(['api staging 1.4.2 DEP-7 main', 'oops']);
  });

  it('fails with the exit code', async () => {
    const r = await run(new ScriptEngine(), job('echo trying; exit 4'));
    expect(await r.done).toEqual({ type: 'status', status: 'failed', message: 'the script exited with code 4', exitCode: 4 });
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

  it('lets a run outlive the bot that stopped watching it, and after the restart reports the rest of its output and its real end', async () => {
    const runsDir = tempDir();
    const dir = tempDir();
    const go = join(dir, 'go');
    const first = new ScriptEngine({ runsDir });
    const r = await run(first, job(`echo before; while [ ! -e ${go} ]; do sleep 0.05; done; echo after; exit 0`));
    await until(async () => r.lines().includes('before'));
    first.detach();
    writeFileSync(go, '');
    await until(async () => existsSync(join(String(r.ref.dir), 'exit')));
    const events: EngineEvent[] = [];
    await new ScriptEngine({ runsDir }).follow(job(''), r.ref, (e) => events.push(e));
    await until(async () => events.some((e) => e.type === 'status'));
    expect(r.events.filter((e) => e.type === 'status')).toEqual([{ type: 'status', status: 'running' }]);
    expect(events).toEqual([
      { type: 'log', line: '(dayops restarted while this ran; following it again)' },
      { type: 'log', line: 'after' },
      { type: 'status', status: 'succeeded', exitCode: 0 },
    ]);
  });

  it('after a restart, follows a run that is still going until it ends', async () => {
    const runsDir = tempDir();
    const first = new ScriptEngine({ runsDir });
    const r = await run(first, job('sleep 0.5; echo late; exit 5'));
    first.detach();
    const events: EngineEvent[] = [];
    await new ScriptEngine({ runsDir }).follow(job(''), r.ref, (e) => events.push(e));
    await until(async () => events.some((e) => e.type === 'status'));
    expect(events.at(-2)).toEqual({ type: 'log', line: 'late' });
    expect(events.at(-1)).toEqual({ type: 'status', status: 'failed', message: 'the script exited with code 5', exitCode: 5 });
  });

  it('reports a run whose wrapper was killed with the machine as failed, and one with no records as unknown', async () => {
    const runsDir = tempDir();
    const first = new ScriptEngine({ runsDir });
    const r = await run(first, job('sleep 30'));
    first.detach();
    process.kill(-Number(r.ref.pid), 'SIGKILL');
    await until(async () => !processAlive(Number(r.ref.pid)));
    const events: EngineEvent[] = [];
    await new ScriptEngine({ runsDir }).follow(job(''), r.ref, (e) => events.push(e));
    await until(async () => events.some((e) => e.type === 'status'));
    expect(events.at(-1)).toMatchObject({ status: 'failed', message: expect.stringContaining('killed before it could record how it ended') });
    const none: EngineEvent[] = [];
    await new ScriptEngine({ runsDir }).follow(job(''), { pid: 999_999, startedAt: '2026-01-01T00:00:00Z' }, (e) => none.push(e));
    expect(none).toEqual([{ type: 'status', status: 'failed', message: expect.stringContaining('its outcome is unknown') }]);
  });
});
