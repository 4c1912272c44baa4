import type { DeployEngine, EngineEvent, EngineJob } from '../deployments/engine.js';
import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { Ops } from '../ops.js';
import { LogBuffer, logPost } from '../deployments/log-buffer.js';
import { redactEvent } from '../deployments/redact-event.js';
import { systemDoer } from '../reminders/doer.js';
import { getRunbook } from './policy.js';
import { runNote, saveRun } from './save.js';
import { throughOutage } from '../through-outage.js';
import { applyObservation } from '../drift/finding.js';
import { DRIFT_EXIT_CODE, runbookObservation } from '../drift/runbook-check.js';
import { recordRunEvidence } from '../evidence/record.js';

/**
 * Runs a recorded run on its engine and streams the output into its thread. Events are handled
 * one after another; the work is tracked on `ops.activity` so shutdown and tests can wait.
 */
export function launchRun(ops: Ops, id: string): void {
  followOnEngine(ops, id, (emit) => start(ops, id, emit));
}

/**
 * On start-up: runs left running by a stop or a crash are followed again on their engine, and
 * ones that never reached it are failed with the reason. Returns how many were looked at.
 */
export async function resumeRuns(ops: Ops): Promise<number> {
  const running = await ops.store.read((tx) => tx.list('runbookRun', { where: (r) => r.state === 'running' }));
  for (const run of running) {
    if (!run.engineRef) {
      await finish(ops, run.id, 'failed', 'dayops stopped before the engine started it; run it again');
      continue;
    }
    const ref = run.engineRef;
    followOnEngine(ops, run.id, async (emit) => {
      const { engine, job } = engineFor(ops, run);
      await engine.follow(job, ref, emit);
    });
  }
  return running.length;
}

function followOnEngine(ops: Ops, id: string, begin: (emit: (e: EngineEvent) => void) => Promise<void>): void {
  let chain: Promise<void> = Promise.resolve();
  const buffer = new LogBuffer();
  let done!: () => void;
  ops.activity.track(new Promise<void>((resolve) => (done = resolve)));
  // At shutdown the run stays running in the store, and the next start follows it.
  const unregister = ops.activity.untilLeave(() => done());
  const enqueue = (fn: () => Promise<void>) => {
    chain = chain
      .then(() => throughOutage(fn, ops.log, `what happened to ${id}`, ops.activity))
      .catch((err: unknown) => ops.log.error({ err, run: id }, 'following a runbook run failed'));
  };
  const flush = () => flushOutput(ops, id, buffer.take());
  const onEvent = (raw: EngineEvent) => {
    if (ops.activity.left) return;
    const e = redactEvent(raw, ops.config.secretValues);
    if (e.type === 'log') {
      buffer.push(e.line);
      buffer.timer ??= setTimeout(() => enqueue(flush), ops.config.deploys.logFlushSeconds * 1000);
      return;
    }
    if (e.status === 'running') return;
    enqueue(flush);
    enqueue(() => finish(ops, id, e.status === 'succeeded' ? 'succeeded' : 'failed', e.message, e.exitCode));
    enqueue(async () => {
      unregister();
      done();
    });
  };
  enqueue(async () => {
    try {
      await begin(onEvent);
    } catch (err) {
      await finish(ops, id, 'failed', `the engine could not run it: ${err instanceof Error ? err.message : String(err)}`);
      done();
    }
  });
}

function engineFor(ops: Ops, run: RunbookRunRecord): { engine: DeployEngine; job: EngineJob } {
  const spec = getRunbook(ops, run.runbook).engine;
  const engine = ops.engines.get(spec.type);
  if (!engine) throw new Error(`no ${spec.type} engine is installed in this dayops`);
  return { engine, job: { id: run.id, purpose: 'runbook', service: run.runbook, env: run.env, version: 'runbook', spec, args: run.args } };
}

async function start(ops: Ops, id: string, emit: (e: EngineEvent) => void): Promise<void> {
  const run = await ops.store.read((tx) => tx.get('runbookRun', id));
  if (!run) return;
  const { engine, job } = engineFor(ops, run);
  const ref = await engine.start(job, emit);
  await ops.store.transact(async (tx) => {
    const current = await tx.get('runbookRun', id);
    if (current) await tx.put('runbookRun', { ...current, engineRef: ref });
  });
}

async function flushOutput(ops: Ops, id: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await ops.store.transact(async (tx) => {
    const run = await tx.get('runbookRun', id);
    if (!run) return;
    const logTail = [...run.logTail, ...lines].slice(-ops.config.deploys.logTailLines);
    await runNote(ops, tx, { ...run, logTail }, logPost(lines));
  });
}

async function finish(ops: Ops, id: string, reported: 'succeeded' | 'failed', message: string | undefined, exitCode?: number): Promise<void> {
  await ops.store.transact(async (tx) => {
    const run = await tx.get('runbookRun', id);
    if (!run || run.state !== 'running') return;
    const now = ops.clock.now();
    const check = ops.config.runbooks[run.runbook]?.kind === 'drift-check';
    // A drift check that found changes did its job: the finding, not the run, is what is wrong.
    const found = check && exitCode === DRIFT_EXIT_CODE;
    const state = found ? 'succeeded' : reported;
    const result = found ? 'changes found (exit code 2); see its drift finding.' : (message ?? (state === 'succeeded' ? `${run.runbook} finished.` : `${run.runbook} failed.`));
    const ended = { ...run, state, result, finishedAt: now.toISOString() };
    await saveRun(ops, tx, ended);
    await runNote(ops, tx, ended, `${state === 'succeeded' ? 'Succeeded' : 'Failed'}: ${result}`);
    if (check) await applyObservation(ops, tx, runbookObservation({ ...ended, result: message ?? result }, getRunbook(ops, run.runbook), { succeeded: reported === 'succeeded', ...(exitCode === undefined ? {} : { exitCode }) }), now);
    await recordRunEvidence(ops, tx, ended, systemDoer(now));
    tx.audit(systemDoer(now).audit('runbook.finish', id, `${run.runbook} ${state}: ${result}`, state === 'succeeded' ? 'ok' : 'failed'));
  });
}
