import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';
import { alice, place, TEST_COMMANDS } from './fixtures.js';

let ops: TestOps;
let router: Router;

beforeEach(async () => {
  ops = await createTestOps();
  router = new Router(ops, new CommandRegistry(TEST_COMMANDS));
});
afterEach(() => ops.close());

const bump = (idempotencyKey?: string) => router.handleCommand({ actor: alice, place, text: 'counter bump', idempotencyKey });
const bumps = async () => (await ops.store.queryAudit({ actor: 'alice' })).filter((e) => e.action === 'counter.bump').length;

describe('idempotency', () => {
  it('answers the same key with the same reply and changes nothing the second time', async () => {
    const first = await bump('slack:T1:trigger-1');
    const again = await bump('slack:T1:trigger-1');
    expect(first.message.text).toBe('bump 1');
    expect(again).toEqual(first);
    expect(await bumps()).toBe(1);
    expect((await bump('slack:T1:trigger-2')).message.text).toBe('bump 2');
  });

  it('runs inputs without a key every time', async () => {
    await bump();
    expect((await bump()).message.text).toBe('bump 2');
  });

  it('serialises two arrivals of the same key: the second waits and gets the first reply', async () => {
    const [a, b] = await Promise.all([bump('k'), bump('k')]);
    expect(a).toEqual(b);
    expect(await bumps()).toBe(1);
  });

  it('keeps the answer across a restart of the router', async () => {
    await bump('k');
    const restarted = new Router(ops, new CommandRegistry(TEST_COMMANDS));
    expect((await restarted.handleCommand({ actor: alice, place, text: 'counter bump', idempotencyKey: 'k' })).message.text).toBe('bump 1');
    expect(await bumps()).toBe(1);
  });

  it('does not repeat an effect whose reply was lost in a crash', async () => {
    // The first delivery committed its change (and the key) but died before storing the reply.
    await ops.store.transact((tx) => tx.put('idempotency', { id: 'k', at: '2026-01-05T09:00:00.000Z' }));
    const answer = await bump('k');
    expect(answer.message.text).toBe('This request was already carried out, but its answer was lost; check the result before trying again.');
    expect(await bumps()).toBe(0);
  });

  it('writes the key in the same transaction as the change', async () => {
    let seenInside: unknown;
    const registry = new CommandRegistry([
      {
        ...TEST_COMMANDS[1]!,
        name: 'peek',
        handler: async (ctx) => {
          await ctx.transact(async (tx) => {
            seenInside = await tx.get('idempotency', 'peek-1');
          });
          await ctx.transact(async () => undefined);
          return { message: { text: 'peeked' }, visibility: 'public' };
        },
      },
    ]);
    const answer = await new Router(ops, registry).handleCommand({ actor: alice, place, text: 'peek', idempotencyKey: 'peek-1' });
    expect(answer.message.text).toBe('peeked');
    expect(seenInside).toEqual({ id: 'peek-1', at: '2026-01-05T09:00:00.000Z' });
    const stored = await ops.store.read((tx) => tx.get('idempotency', 'peek-1'));
    expect(stored?.reply).toEqual(answer);
  });

  it('lets a delivery that failed on our side be tried again', async () => {
    const first = await router.handleCommand({ actor: alice, place, text: 'broken', idempotencyKey: 'b' });
    expect(first.message.text).toMatch(/^Something went wrong on our side/);
    expect(await ops.store.read((tx) => tx.get('idempotency', 'b'))).toBeUndefined();
  });
});
