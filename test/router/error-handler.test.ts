import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorReply } from '../../bot/error-handler.js';
import { badInput } from '../../bot/errors.js';
import { createLogger } from '../../bot/log.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';
import { alice, place, TEST_COMMANDS } from './fixtures.js';

/** A real logger writing JSON lines into an array. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('info', sink), lines };
}

let ops: TestOps;
let lines: Record<string, unknown>[];

beforeEach(async () => {
  const captured = capturingLogger();
  lines = captured.lines;
  ops = await createTestOps({ log: captured.log });
  // What the app logged while starting is not the handler's.
  lines.length = 0;
});
afterEach(() => ops.close());

describe('the error handler', () => {
  it('answers a bug with a reference and logs the stack under the same reference', async () => {
    const router = new Router(ops, new CommandRegistry(TEST_COMMANDS));
    const answer = await router.handleCommand({ actor: alice, place, text: 'broken' });
    const ref = /\(ref ([0-9a-f]{8})\)\.$/.exec(answer.message.text ?? '')?.[1];
    expect(answer).toEqual({
      message: { tone: 'danger', text: `Something went wrong on our side; it has been logged (ref ${ref}).` },
      visibility: 'private',
      failed: true,
    });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 50, ref, kind: 'command', name: 'broken', platform: 'shell', userId: 'alice' });
    expect((line?.err as { stack: string }).stack).toContain('the disk is on fire');
    expect(answer.message.text).not.toContain('disk');
  });

  it('gives a UserError its message and details, and logs nothing', () => {
    const answer = errorReply(badInput('env is missing.', ['Usage: deploy <env>']), ops.log, { kind: 'command' });
    expect(answer).toEqual({ message: { tone: 'danger', text: 'env is missing.\nUsage: deploy <env>' }, visibility: 'private', failed: true });
    expect(lines).toEqual([]);
  });

  it('copes with something thrown that is not an Error', () => {
    const answer = errorReply('a string', ops.log, { kind: 'action', name: 'x.y' });
    expect(answer.message.text).toMatch(/^Something went wrong on our side; it has been logged \(ref [0-9a-f]{8}\)\.$/);
    expect(lines[0]).toMatchObject({ kind: 'action', name: 'x.y', err: { message: 'a string' } });
  });
});
