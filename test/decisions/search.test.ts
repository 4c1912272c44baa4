import { describe, expect, it } from 'vitest';
import { searchDecisions } from '../../bot/decisions/search.js';
import { harness, textOf, type Harness } from './harness.js';

async function seed(h: Harness): Promise<void> {
  await h.decide('Nightly PostgreSQL backups --category database --service api --context Disk failures lose data');
  await h.decide('Prometheus for metrics --category monitoring --outcome Prometheus with Grafana dashboards');
  await h.decide('Secrets in Vault --category security --service web');
  await h.decide('Weekly restore test --category database --service web --context Backups nobody restores are not backups');
  await h.accept('D-1');
  await h.accept('D-3');
}

const ids = (text: string) => text.split('\n').map((l) => l.split(' · ')[0]);

describe('decisions', () => {
  it('lists every decision, newest first, with status, category and service', async () => {
    const h = await harness();
    await seed(h);
    const r = await h.run('carol', 'decisions');
    expect(r.message.title).toBe('Decisions');
    expect(textOf(r).split('\n')).toEqual([
      'D-4 · proposed · database · web — Weekly restore test',
      'D-3 · accepted · security · web — Secrets in Vault',
      'D-2 · proposed · monitoring · all services — Prometheus for metrics',
      'D-1 · accepted · database · api — Nightly PostgreSQL backups',
    ]);
    expect(r.message.context).toEqual(['Page 1 of 1 · 4 matching']);
  });

  it('searches the title, the context and the outcome, every word in any case', async () => {
    const h = await harness();
    await seed(h);
    expect(ids(textOf(await h.run('alice', 'decisions backups')))).toEqual(['D-4', 'D-1']);
    expect(ids(textOf(await h.run('alice', 'decisions GRAFANA')))).toEqual(['D-2']);
    expect(ids(textOf(await h.run('alice', 'decisions restore backups')))).toEqual(['D-4']);
    expect(ids(textOf(await h.run('alice', 'decisions disk failures')))).toEqual(['D-1']);
  });

  it('filters by category, status and service, alone and together with text', async () => {
    const h = await harness();
    await seed(h);
    expect(ids(textOf(await h.run('alice', 'decisions --category database')))).toEqual(['D-4', 'D-1']);
    expect(ids(textOf(await h.run('alice', 'decisions --status accepted')))).toEqual(['D-3', 'D-1']);
    // D-2 is recorded for all services, so it counts for web's readiness and is listed with web's own.
    expect(ids(textOf(await h.run('alice', 'decisions --service web')))).toEqual(['D-4', 'D-3', 'D-2']);
    expect(ids(textOf(await h.run('alice', 'decisions --category database --status proposed --service web')))).toEqual(['D-4']);
    expect(ids(textOf(await h.run('alice', 'decisions backups --service api')))).toEqual(['D-1']);
  });

  it('says so when nothing matches', async () => {
    const h = await harness();
    await seed(h);
    const r = await h.run('alice', 'decisions kubernetes');
    expect(textOf(r)).toBe('No decision matches.');
    expect(r.message.title).toBe('Decisions matching "kubernetes"');
  });

  it('refuses an unknown category or status in one sentence', async () => {
    const h = await harness();
    const r = await h.run('alice', 'decisions --status done');
    expect(r.failed).toBe(true);
    expect(textOf(r).split('\n')[0]).toBe('There is no status "done"; the statuses are proposed, accepted, needs-review, rejected, superseded.');
  });

  it('pages ten at a time and points to the next page', async () => {
    const h = await harness();
    for (let i = 1; i <= 23; i++) await h.decide(`decision number ${i}`);
    const first = await h.run('alice', 'decisions');
    expect(ids(textOf(first))).toEqual(['D-23', 'D-22', 'D-21', 'D-20', 'D-19', 'D-18', 'D-17', 'D-16', 'D-15', 'D-14']);
    expect(first.message.context).toEqual(['Page 1 of 3 · 23 matching', 'More with --page 2']);
    const last = await h.run('alice', 'decisions --page 3');
    expect(ids(textOf(last))).toEqual(['D-3', 'D-2', 'D-1']);
    expect(last.message.context).toEqual(['Page 3 of 3 · 23 matching']);
    const beyond = await h.run('alice', 'decisions --page 4');
    expect(beyond.failed).toBe(true);
    expect(textOf(beyond)).toBe('There are only 3 pages of matching decisions; ask for page 1 to 3.');
  });

  it('searchDecisions takes its own page size', async () => {
    const h = await harness();
    await seed(h);
    const page = await h.ops.store.read((tx) => searchDecisions(tx, { pageSize: 3, page: 2 }));
    expect(page).toMatchObject({ total: 4, page: 2, pages: 2 });
    expect(page.items.map((d) => d.id)).toEqual(['D-1']);
  });
});

describe('decision show', () => {
  it('shows the fields and the history', async () => {
    const h = await harness();
    await seed(h);
    const r = await h.run('carol', 'decision show 1');
    expect(r.message.title).toBe('D-1 · Nightly PostgreSQL backups');
    expect(r.message.text).toBe('Disk failures lose data');
    expect(r.message.fields).toContainEqual({ label: 'Status', value: 'accepted', short: true });
    expect(r.message.fields).toContainEqual({ label: 'Decision makers', value: 'bob' });
    expect(r.message.context).toEqual([
      'D-1 · proposed by alice · accepted by bob',
      '2026-01-05 09:00 UTC · proposed by alice',
      '2026-01-05 09:00 UTC · accepted by bob',
    ]);
  });

  it('says when there is no such decision', async () => {
    const h = await harness();
    const r = await h.run('alice', 'decision show D-5');
    expect(textOf(r)).toBe('There is no decision D-5; type decisions to list them.');
  });
});
