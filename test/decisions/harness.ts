import type { Reply } from '../../bot/model.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import type { DecisionRecord } from '../../data/records/decision.js';
import { createTestOps, type TestOps, type TestOpsOptions } from '../support/test-ops.js';

export const CHANNEL = 'shell:ops';

export interface Harness {
  ops: TestOps;
  router: Router;
  /** Runs a command line as a person (shell identity). */
  run(person: string, text: string, channel?: string): Promise<Reply>;
  press(person: string, action: string, value: string): Promise<Reply>;
  decisions(): Promise<DecisionRecord[]>;
  decision(id: string): Promise<DecisionRecord | undefined>;
  /** A decision recorded by alice, and its id. */
  decide(text: string): Promise<string>;
  accept(id: string): Promise<void>;
}

/** Ops over a temporary store with the demo team, and the real router over every command. */
/** The app as `dayops serve` builds it (closed after the test by the test-app registry). */
export async function harness(options: TestOpsOptions = {}): Promise<Harness> {
  const ops = await createTestOps(options);
  const router = new Router(ops, new CommandRegistry(COMMANDS, ACTIONS));
  const actor = (person: string) => ({ platform: 'shell' as const, userId: person, displayName: person });
  const h: Harness = {
    ops,
    router,
    run: (person, text, channel = CHANNEL) => router.handleCommand({ actor: actor(person), place: { channel }, text }),
    press: (person, action, value) => router.handleAction({ actor: actor(person), place: { channel: CHANNEL }, action, value }),
    decisions: () => ops.store.inspect((tx) => tx.scan('decision', { state: 'all' })),
    decision: (id) => ops.store.read((tx) => tx.get('decision', id)),
    async decide(text) {
      const r = await h.run('alice', `decide ${text}`);
      const id = /Recorded (D-\d+)/.exec(textOf(r))?.[1];
      if (!id) throw new Error(`decide failed: ${textOf(r)}`);
      return id;
    },
    async accept(id) {
      const r = await h.run('bob', `decision accept ${id}`);
      if (r.failed) throw new Error(`accept failed: ${textOf(r)}`);
    },
  };
  return h;
}

export function textOf(r: Reply): string {
  return r.message.text ?? '';
}
