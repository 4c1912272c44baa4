import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../data/store.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { COMMANDS } from '../../commands/index.js';
import { alice, bob, place } from '../router/fixtures.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

let ops: TestOps;
let router: Router;

const event = (time: string, person: string, action: string, target: string | undefined, summary: string): AuditEvent => ({
  time,
  actor: { platform: 'shell', userId: person, person },
  platform: 'shell',
  action,
  ...(target ? { target } : {}),
  outcome: 'ok',
  summary,
});

beforeEach(async () => {
  ops = await createTestOps();
  router = new Router(ops, new CommandRegistry(COMMANDS));
  ops.clock.set('2026-01-10T12:00:00Z');
  await ops.store.appendAudit(event('2026-01-02T08:00:00.000Z', 'alice', 'decision.add', 'D-1', 'Added D-1 Use Postgres'));
  await ops.store.appendAudit(event('2026-01-09T10:00:00.000Z', 'alice', 'deploy', 'DEP-12', 'Asked to deploy api 1.4.2 to production'));
  await ops.store.appendAudit(event('2026-01-09T11:00:00.000Z', 'bob', 'deploy.approve', 'DEP-12', 'Approved DEP-12'));
  await ops.store.appendAudit(event('2026-01-10T09:30:00.000Z', 'bob', 'halt', 'production', 'Halted production'));
});
afterEach(() => ops.close());

const audit = (text: string, actor = bob) => router.handleCommand({ actor, place, text });

describe('audit', () => {
  it('lists the log newest first', async () => {
    const answer = await audit('audit');
    expect(answer.visibility).toBe('private');
    expect(answer.message.title).toBe('Audit log');
    expect(answer.message.text).toBe(
      [
        '2026-01-10 09:30 UTC · bob · halt production — Halted production',
        '2026-01-09 11:00 UTC · bob · deploy.approve DEP-12 — Approved DEP-12',
        '2026-01-09 10:00 UTC · alice · deploy DEP-12 — Asked to deploy api 1.4.2 to production',
        '2026-01-02 08:00 UTC · alice · decision.add D-1 — Added D-1 Use Postgres',
      ].join('\n'),
    );
    expect(answer.message.context).toEqual(['4 shown, newest first']);
  });

  it.each([
    ['audit --actor @alice', ['deploy DEP-12', 'decision.add D-1']],
    ['audit --target dep12', ['deploy.approve DEP-12', 'deploy DEP-12']],
    ['audit --since 2d', ['halt production', 'deploy.approve DEP-12', 'deploy DEP-12']],
    ['audit --since=1h', []],
    ['audit --limit 2', ['halt production', 'deploy.approve DEP-12']],
    ['audit --actor alice --since 2d', ['deploy DEP-12']],
  ])('%s', async (text, expected) => {
    const answer = await audit(text);
    const shown = expected.length === 0 ? 'Nothing on the audit log matches.' : expect.any(String);
    expect(answer.message.text).toEqual(shown);
    for (const what of expected) expect(answer.message.text).toContain(`· ${what}`);
    expect(answer.message.context).toEqual([`${expected.length} shown, newest first`]);
  });

  it('shows refusals as such', async () => {
    await router.handleCommand({ actor: alice, place, text: 'audit' });
    const answer = await audit('audit --limit 1');
    expect(answer.message.text).toBe('2026-01-10 12:00 UTC · alice · audit [refused] — Refused: needs the audit permission.');
  });

  it('needs the audit permission', async () => {
    expect((await audit('audit', alice)).message.text).toMatch(/^You need the audit permission to use the audit command; you have: alerts\.ack, /);
  });

  it.each([
    ['audit --since soon', "'soon' is not a duration; use 30m, 2h, 1d or 1w."],
    ['audit --limit 500', 'limit: must be a whole number from 1 to 200.\nUsage: audit [--actor <@person>] [--target <id>] [--since <duration>] [--limit <n>]'],
    ['audit --target nothing', expect.stringMatching(/^target: must be an id such as DEP-12 or INC-3/)],
  ])('%s is refused with a sentence', async (text, message) => {
    expect((await audit(text)).message.text).toEqual(message);
  });
});
