import { ALERT_ACTIONS } from '../../bot/alerts/actions.js';
import { alertJobHandlers } from '../../bot/alerts/jobs.js';
import type { JobRecord } from '../../data/records/core.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import type { ActionInput, Actor, Reply } from '../../bot/model.js';
import { ackCommand } from '../../commands/ack.js';
import { alertsCommand } from '../../commands/alerts.js';
import { silenceCommand } from '../../commands/silence.js';
import { silencesCommand } from '../../commands/silences.js';
import { unsilenceCommand } from '../../commands/unsilence.js';
import type { TestOps } from '../support/test-ops.js';

export const ALICE: Actor = { platform: 'shell', userId: 'alice', displayName: 'Alice', person: 'alice' };
export const BOB: Actor = { platform: 'shell', userId: 'bob', displayName: 'Bob', person: 'bob' };

export interface Chat {
  router: Router;
  run(text: string, actor?: Actor): Promise<Reply>;
  press(action: string, value: string, actor?: Actor): Promise<Reply>;
  /** Runs the stored jobs that are due at the ops clock's time, like the scheduler would. */
  fireDueJobs(): Promise<string[]>;
}

export function chatFor(ops: TestOps, extraCommands = [] as ConstructorParameters<typeof CommandRegistry>[0]): Chat {
  const registry = new CommandRegistry(
    [ackCommand, alertsCommand, silenceCommand, silencesCommand, unsilenceCommand, ...extraCommands],
    ALERT_ACTIONS,
  );
  const router = new Router(ops, registry);
  const handlers = alertJobHandlers(ops);
  return {
    router,
    run: (text, actor = BOB) => router.handleCommand({ actor, place: { channel: 'shell:ops' }, text }),
    press: (action, value, actor = BOB) => router.handleAction({ actor, place: { channel: 'shell:alerts' }, action, value } satisfies ActionInput),
    async fireDueJobs() {
      const now = ops.clock.now().getTime();
      const due = await ops.store.read((tx) => tx.list('job', { where: (j) => Date.parse(j.dueAt) <= now }));
      const fired: string[] = [];
      for (const job of due.sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
        const handler = handlers[job.type];
        if (!handler) continue;
        await ops.store.transact(async (tx) => {
          await tx.remove('job', job.id);
          await handler(tx, job as JobRecord, { dueAt: new Date(job.dueAt), late: false });
        });
        fired.push(job.id);
      }
      return fired;
    },
  };
}
