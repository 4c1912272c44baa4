import type { Router } from '../../bot/router.js';
import type { ActionInput, Actor, Reply } from '../../bot/model.js';
import type { TestOps } from '../support/test-ops.js';

export const ALICE: Actor = { platform: 'shell', userId: 'alice', displayName: 'Alice', person: 'alice' };
export const BOB: Actor = { platform: 'shell', userId: 'bob', displayName: 'Bob', person: 'bob' };

export interface Chat {
  router: Router;
  run(text: string, actor?: Actor): Promise<Reply>;
  press(action: string, value: string, actor?: Actor): Promise<Reply>;
  /** Moves the clock the production scheduler reads and waits for the jobs that set off. */
  advance(ms: number): Promise<void>;
}

/** Commands and buttons through the app's own router, as a shell user would send them. */
export function chatFor(ops: TestOps): Chat {
  const router = ops.app.router;
  return {
    router,
    run: (text, actor = BOB) => router.handleCommand({ actor, place: { channel: 'shell:ops' }, text }),
    press: (action, value, actor = BOB) => router.handleAction({ actor, place: { channel: 'shell:alerts' }, action, value } satisfies ActionInput),
    advance: (ms) => ops.app.advance(ms),
  };
}
