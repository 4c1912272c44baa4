import type { Ops } from '../bot/ops.js';

const FINAL_DEPLOY = new Set(['succeeded', 'failed', 'halted', 'expired', 'denied']);
const FINAL_RUN = new Set(['succeeded', 'failed', 'denied']);
const POLL_MS = 50;

/**
 * The shell's `wait [id]`: until a deployment (DEP-n) or runbook run (RUN-n) has ended and the
 * messages it caused are delivered, or with no id until all running work has settled. Piped
 * input uses it so a transcript does not depend on how fast the machine is.
 */
export async function waitFor(ops: Ops, id: string | undefined, timeoutMs: number): Promise<{ ok: boolean; text: string }> {
  const deadline = Date.now() + timeoutMs;
  const seconds = Math.round(timeoutMs / 1000);
  if (!id) {
    const idle = await ops.activity.whenIdle(timeoutMs);
    await delivered(ops, deadline);
    return idle ? { ok: true, text: '• Nothing is running.' } : { ok: false, text: `✖ Work was still running after ${seconds} s.` };
  }
  const ref = id.toUpperCase();
  const state = () => stateOf(ops, ref);
  const first = await state();
  if (first === undefined) return { ok: false, text: `✖ There is no ${ref}; wait takes a deployment (DEP-n) or a runbook run (RUN-n).` };
  for (let now = await state(); !isFinal(ref, now); now = await state()) {
    if (now === 'awaiting_approval') return { ok: false, text: `✖ ${ref} is awaiting approval; nothing runs until someone approves it.` };
    if (Date.now() > deadline) return { ok: false, text: `✖ ${ref} was still ${now} after ${seconds} s.` };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  // Its last messages (the final edit, the thread's last lines) come out before the next line.
  await ops.activity.whenIdle(Math.max(1, deadline - Date.now()));
  await delivered(ops, deadline);
  return { ok: true, text: `• ${ref} ${await state()}.` };
}

async function stateOf(ops: Ops, id: string): Promise<string | undefined> {
  return ops.store.read(async (tx) => {
    if (id.startsWith('DEP-')) return (await tx.get('deployment', id))?.state;
    if (id.startsWith('RUN-')) return (await tx.get('runbookRun', id))?.state;
    return undefined;
  });
}

function isFinal(id: string, state: string | undefined): boolean {
  return state !== undefined && (id.startsWith('DEP-') ? FINAL_DEPLOY : FINAL_RUN).has(state);
}

/** Until no delivery is under way; messages for platforms this process has no sender for stay queued. */
async function delivered(ops: Ops, deadline: number): Promise<void> {
  await ops.outbox.whenIdle(Math.min(500, Math.max(1, deadline - Date.now())));
  await ops.outbox.settled();
}
