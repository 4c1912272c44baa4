import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, harness, text, type Harness } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.idle();
  await h?.ops.close();
});

describe('deploy, approve, run', () => {
  it('deploys to staging at once on the script engine and records its output', async () => {
    h = await harness();
    const r = await h.say(alice, 'deploy api 1.4.2 to staging --reason first try');
    expect(text(r)).toContain('DEP-1: api 1.4.2 → staging, starting now');
    await h.idle();
    const d = await h.deployment('DEP-1');
    expect(d.state).toBe('succeeded');
    expect(d.history.map((x) => x.state)).toEqual(['requested', 'approved', 'queued', 'running', 'succeeded']);
    expect(d.logTail).toEqual(['deploying api 1.4.2 to staging as DEP-1', 'done']);
    expect(d.engine).toMatchObject({ type: 'script', phase: 'deploy' });
    expect(typeof d.engine?.ref.pid).toBe('number');
    const message = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.key === 'deployment:DEP-1' }));
    expect(message[0]?.message.title).toBe('DEP-1 · api 1.4.2 → staging');
    const thread = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.thread === 'deployment:DEP-1' }));
    expect(thread.map((o) => (o.message as { text: string }).text).join('\n')).toContain('deploying api 1.4.2 to staging as DEP-1');
  });

  it('asks for approval in production; another person approves and it runs', async () => {
    h = await harness();
    const r = await h.say(alice, 'deploy api 1.4.2 to production');
    expect(text(r)).toContain('it needs 1 approval (approve DEP-1)');
    let d = await h.deployment('DEP-1');
    expect(d.state).toBe('awaiting_approval');
    const summary = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.key === 'deployment:DEP-1' }));
    const buttons = (summary[0]?.message.buttons as { action: string }[]).map((b) => b.action);
    expect(buttons).toEqual(['deploy.approve', 'deploy.deny']);
    expect(text(await h.say(bob, 'approve DEP-1'))).toContain('DEP-1 approved; starting api 1.4.2 in production');
    await h.idle();
    d = await h.deployment('DEP-1');
    expect(d.state).toBe('succeeded');
    expect(d.approvals.map((a) => a.person)).toEqual(['bob']);
    const jobs = await h.ops.store.inspect((tx) => tx.scan('job'));
    expect(jobs.map((j) => j.id)).not.toContain('deploy-expiry:DEP-1');
  });

  it('marks a failing script failed, offers Rollback, and rollback redeploys the last good version', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0 to staging');
    await h.idle();
    await h.say(alice, 'deploy api 1.1.0-fail to staging');
    await h.idle();
    const failed = await h.deployment('DEP-2');
    expect(failed.state).toBe('failed');
    expect(failed.result).toContain('exited with code 3');
    expect(failed.logTail).toContain('boom');
    const summary = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.key === 'deployment:DEP-2' }));
    expect((summary[0]?.message.buttons as { action: string }[]).map((b) => b.action)).toEqual(['deploy.rollback']);
    const r = await h.press(alice, 'deploy.rollback', 'DEP-2');
    expect(text(r)).toContain('DEP-3: rolling api in staging back to 1.0.0');
    await h.idle();
    const back = await h.deployment('DEP-3');
    expect(back).toMatchObject({ state: 'succeeded', version: '1.0.0', rollbackOf: 'DEP-2' });
  });

  it('rollback goes through the same approvals in production', async () => {
    h = await harness();
    for (const v of ['1.0.0', '1.1.0']) {
      const r = await h.say(alice, `deploy api ${v} to production`);
      const id = /DEP-\d+/.exec(text(r))![0];
      await h.say(bob, `approve ${id}`);
      await h.idle();
    }
    const r = await h.say(alice, 'rollback api production');
    expect(text(r)).toContain('DEP-3: rolling api in production back to 1.0.0 (replaces DEP-2), it needs approval');
    expect((await h.deployment('DEP-3')).state).toBe('awaiting_approval');
  });

  it('says when there is nothing to roll back to', async () => {
    h = await harness();
    expect(text(await h.say(alice, 'rollback api staging'))).toContain('api has never been deployed to staging');
    await h.say(alice, 'deploy api 1.0.0 to staging');
    await h.idle();
    expect(text(await h.say(alice, 'rollback api staging'))).toContain('No earlier version of api succeeded in staging');
  });
});
