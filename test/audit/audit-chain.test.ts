import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, entryHash, linkEvents, type ChainedAuditEvent } from '../../data/audit-chain.js';
import { checkEnd, verifyLines } from '../../data/audit-verify.js';
import type { AuditEvent } from '../../data/store.js';

const event = (summary: string): AuditEvent => ({
  time: '2026-01-01T00:00:00.000Z',
  actor: { platform: 'shell', userId: 'alice', person: 'alice' },
  platform: 'shell',
  action: 'test',
  outcome: 'ok',
  summary,
});

const chain = (n: number) => linkEvents(EMPTY_HEAD, Array.from({ length: n }, (_, i) => event(`e${i + 1}`))).entries;
const verify = (entries: unknown[]) => verifyLines(async (visit) => entries.forEach((e) => visit(typeof e === 'string' ? e : JSON.stringify(e))));

describe('audit hash chain', () => {
  it('hashes the canonical JSON, so key order does not matter and every field does', () => {
    const [first] = chain(1) as [ChainedAuditEvent];
    const reordered = Object.fromEntries(Object.entries(first).reverse()) as unknown as ChainedAuditEvent;
    expect(entryHash(reordered)).toBe(first.hash);
    expect(entryHash({ ...first, summary: 'e2' })).not.toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an intact log and reports its head', async () => {
    const entries = chain(5);
    expect(await verify(entries)).toEqual({ entries: 5, unchained: 0, head: { n: 5, hash: entries[4]!.hash } });
  });

  const cases: [string, (e: ChainedAuditEvent[]) => unknown[], { line: number; n?: number; reason: RegExp }][] = [
    ['a changed summary', (e) => e.map((x, i) => (i === 2 ? { ...x, summary: 'edited' } : x)), { line: 3, n: 3, reason: /entry 3 was changed after it was written/ }],
    ['a changed entry with its hash recomputed', (e) => e.map((x, i) => (i === 2 ? { ...x, summary: 'edited', hash: entryHash({ ...x, summary: 'edited' }) } : x)), { line: 4, n: 4, reason: /entry 4 does not follow entry 3/ }],
    ['a removed entry', (e) => e.filter((_, i) => i !== 1), { line: 2, n: 3, reason: /entry 3 does not follow entry 1: an entry was removed/ }],
    ['two entries swapped', (e) => [e[0], e[2], e[1], e[3], e[4]], { line: 2, n: 3, reason: /does not follow entry 1/ }],
    ['an inserted entry without a hash', (e) => [e[0], event('forged'), ...e.slice(1)], { line: 2, reason: /without a hash follows entry 1/ }],
    ['a line that is not JSON', (e) => [e[0], '{"time": ', ...e.slice(1)], { line: 2, reason: /not valid JSON/ }],
    ['a removed first entry', (e) => e.slice(1), { line: 1, n: 2, reason: /does not follow the start of the log/ }],
  ];
  it.each(cases)('names the first broken entry after %s', async (_name, tamper, expected) => {
    const report = await verify(tamper(chain(5)));
    expect(report.broken).toMatchObject({ line: expected.line, ...(expected.n ? { n: expected.n } : {}) });
    expect(report.broken?.reason).toMatch(expected.reason);
  });

  it('notices the newest entries removed only against a head kept elsewhere', async () => {
    const entries = chain(5);
    const truncated = await verify(entries.slice(0, 3));
    expect(truncated.broken).toBeUndefined();
    const held = checkEnd(truncated, { n: 5, hash: entries[4]!.hash }, 'the database');
    expect(held.broken?.reason).toBe('the log ends at entry 3 but the database records 5: entries 4 to 5 were removed');
  });
});
