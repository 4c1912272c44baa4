import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { alice, harness } from './support.js';



/** The pid of a process that has already exited, as a crashed bot's script would be. */
function deadPid(): number {
  return spawnSync('/bin/sh', ['-c', 'exit 0']).pid!;
}

describe('restart', () => {
  it('fails a script deployment that died with the bot, starts a queued one, and expires a missed approval', async () => {
    const before = await harness();
    await before.say(alice, 'deploy api 1.0.0 to production'); // DEP-1: awaiting approval, expires 10:00
    await before.say(alice, 'deploy api 1.0.0 to staging'); // DEP-2: runs
    await before.idle();
    // What the store holds when the bot dies mid-deploy: one running with a pid, one queued.
    await before.ops.store.transact(async (tx) => {
      const base = (await tx.get('deployment', 'DEP-2'))!;
      const at = before.ops.clock.now().toISOString();
      await tx.put('deployment', {
        ...base, id: 'DEP-3', service: 'web', version: '2.0.0', state: 'running', finishedAt: undefined, result: undefined, logTail: [], notes: 0,
        history: base.history.slice(0, 4), engine: { type: 'script', phase: 'deploy', ref: { pid: deadPid(), startedAt: at } },
      });
      await tx.put('deployment', {
        ...base, id: 'DEP-4', service: 'web', env: 'production', version: '2.0.0', state: 'queued', finishedAt: undefined, result: undefined,
        logTail: [], notes: 0, history: base.history.slice(0, 3), engine: undefined,
      });
    });
    await before.ops.app.close({ keepDir: true });

    // The restart: the same data directory opened by the production composition, two hours on.
    const after = await harness(undefined, { dir: before.ops.dir, clock: new ManualClock(new Date('2026-01-05T11:00:00Z')) });
    await after.ops.app.settle();
    await after.idle();

    expect((await after.deployment('DEP-1')).state).toBe('expired');
    const died = await after.deployment('DEP-3');
    expect(died.state).toBe('failed');
    expect(died.result).toMatch(/^the deploy step failed: the script cannot be followed after the restart: .*its outcome is unknown$/);
    const thread = await after.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.thread === 'deployment:DEP-3' }));
    expect(thread.map((o) => o.message.text)).toContain(`Failed: ${died.result}`);
    expect((await after.deployment('DEP-4')).state).toBe('succeeded');
  });
});
