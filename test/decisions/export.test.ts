import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDecisions } from '../../bot/decisions/export.js';
import { loadConfig } from '../../bin/config.js';
import { tempDir } from '../support/temp-dir.js';
import { harness, textOf, type Harness } from './harness.js';
import { parseRecord } from './parse-record.js';

const D1 = '0001-nightly-postgresql-backups.md';
const D2 = '0002-managed-postgresql.md';

async function seed(h: Harness): Promise<void> {
  await h.decide(
    'Nightly PostgreSQL backups --category database --service api --context A disk failure loses a day of orders. --options "pg_dump nightly; WAL archiving; none" --outcome WAL archiving to object storage --consequences A monthly restore test',
  );
  await h.decide('Managed PostgreSQL --category database --service api');
  await h.run('bob', 'decision accept D-1 --reason agreed in review');
  await h.accept('D-2');
  await h.run('bob', 'decision supersede D-1 D-2 --reason less to run');
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('exportDecisions', () => {
  it('writes one MADR 4 file per decision that matches the fixture field by field', async () => {
    const h = await harness();
    await seed(h);
    const dir = tempDir();
    const result = await exportDecisions(h.ops, dir);
    expect(result).toEqual({ dir, decisions: 2, created: 2, updated: 0, unchanged: 0, index: join(dir, 'index.md') });
    expect(readdirSync(dir).sort()).toEqual([D1, D2, 'index.md']);

    const got = parseRecord(read(dir, D1));
    const want = parseRecord(readFileSync(new URL(`./fixtures/${D1}`, import.meta.url), 'utf8'));
    expect(got.front).toEqual(want.front);
    expect(got.heading).toBe(want.heading);
    expect(got.preamble).toBe(want.preamble);
    expect(Object.keys(got.sections)).toEqual(['Context and Problem Statement', 'Considered Options', 'Decision Outcome', 'Consequences', 'More Information']);
    for (const [heading, body] of Object.entries(want.sections)) expect(got.sections[heading], heading).toBe(body);
  });

  it('links the newer decision back and leaves out what is not recorded', async () => {
    const h = await harness();
    await seed(h);
    const dir = tempDir();
    await exportDecisions(h.ops, dir);
    const d2 = parseRecord(read(dir, D2));
    expect(d2.front).toEqual({
      id: 'D-2',
      title: 'Managed PostgreSQL',
      status: 'accepted',
      date: '2026-01-05',
      'decision-makers': ['bob'],
      consulted: [],
      informed: [],
      category: 'database',
      service: 'api',
      supersedes: 'D-1',
    });
    expect(d2.sections['More Information']).toBe(`Recorded in dayops as D-2 (database, api); status **accepted**, owner alice.\n\nSupersedes [D-1](${D1}).`);
    expect(d2.sections['Context and Problem Statement']).toBe('_Not recorded._');
    expect(d2.sections['Decision Outcome']).toBe('Chosen option: "Managed PostgreSQL", because bob accepted it.\n\nAccepted by bob.');
  });

  it('writes an index linking every decision', async () => {
    const h = await harness();
    await seed(h);
    await h.decide('Global | budget cap --category budget');
    const dir = tempDir();
    await exportDecisions(h.ops, dir);
    const rows = read(dir, 'index.md').split('\n').filter((l) => l.startsWith('| ['));
    expect(rows).toEqual([
      `| [D-1](${D1}) | Nightly PostgreSQL backups | superseded | database | api | 2026-01-05 |`,
      `| [D-2](${D2}) | Managed PostgreSQL | accepted | database | api | 2026-01-05 |`,
      '| [D-3](0003-global-budget-cap.md) | Global \\| budget cap | proposed | budget | all | 2026-01-05 |',
    ]);
  });

  it('re-export updates in place and keeps what a person added, in the front matter and the body', async () => {
    const h = await harness();
    await h.decide('Use Prometheus --category monitoring --context We need metrics.');
    const dir = tempDir();
    await exportDecisions(h.ops, dir);
    const file = join(dir, '0001-use-prometheus.md');
    const edited = read(dir, '0001-use-prometheus.md')
      .replace('category: monitoring\n', 'category: monitoring\ntags: [observability]\n')
      .replace('<!-- dayops:begin consequences -->', '## Notes from the review\n\nAsk the SRE team about retention.\n\n<!-- dayops:begin consequences -->')
      .concat('\nSee also the runbook in the wiki.\n');
    writeFileSync(file, edited);
    writeFileSync(join(dir, 'index.md'), `${read(dir, 'index.md')}\nMaintained by the platform team.\n`);
    writeFileSync(join(dir, 'README.txt'), 'not ours');

    await h.run('bob', 'decision accept D-1 --reason cheap to run');
    await h.decide('Use Vault --category security');
    const result = await exportDecisions(h.ops, dir);
    expect(result).toMatchObject({ decisions: 2, created: 1, updated: 1, unchanged: 0 });

    const text = read(dir, '0001-use-prometheus.md');
    const parsed = parseRecord(text);
    expect(parsed.front).toMatchObject({ status: 'accepted', 'decision-makers': ['bob'], tags: ['observability'] });
    expect(parsed.sections['Notes from the review']).toBe('Ask the SRE team about retention.');
    expect(parsed.sections['Decision Outcome']).toBe('Chosen option: "Use Prometheus", because cheap to run.\n\nAccepted by bob.');
    expect(text.endsWith('\nSee also the runbook in the wiki.\n')).toBe(true);
    expect(text.indexOf('## Notes from the review')).toBeLessThan(text.indexOf('### Consequences'));
    const index = read(dir, 'index.md');
    expect(index).toContain('Maintained by the platform team.');
    expect(index).toContain('| [D-2](0002-use-vault.md) | Use Vault | proposed |');
    expect(read(dir, 'README.txt')).toBe('not ours');
  });

  it('a second export with nothing changed writes nothing', async () => {
    const h = await harness();
    await seed(h);
    const dir = tempDir();
    await exportDecisions(h.ops, dir);
    const before = read(dir, D1);
    expect(await exportDecisions(h.ops, dir)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(read(dir, D1)).toBe(before);
  });

  it('puts back a generated block a person deleted, after the one before it', async () => {
    const h = await harness();
    await h.decide('Use Prometheus --category monitoring --consequences More disks.');
    const dir = tempDir();
    await exportDecisions(h.ops, dir);
    const file = join(dir, '0001-use-prometheus.md');
    writeFileSync(file, read(dir, '0001-use-prometheus.md').replace(/<!-- dayops:begin options -->[\s\S]*?<!-- dayops:end options -->\n\n/, ''));
    await exportDecisions(h.ops, dir);
    const sections = Object.keys(parseRecord(read(dir, '0001-use-prometheus.md')).sections);
    expect(sections).toEqual(['Context and Problem Statement', 'Considered Options', 'Decision Outcome', 'Consequences', 'More Information']);
  });

  it('keeps the file a decision was first exported to', async () => {
    const h = await harness();
    await h.decide('Use Prometheus --category monitoring');
    const dir = tempDir();
    writeFileSync(join(dir, 'D-1-metrics.md'), '---\nid: D-1\n---\n\nMy own notes.\n');
    await exportDecisions(h.ops, dir);
    expect(readdirSync(dir).sort()).toEqual(['D-1-metrics.md', 'index.md']);
    const text = read(dir, 'D-1-metrics.md');
    expect(text).toContain('My own notes.');
    expect(parseRecord(text).front).toMatchObject({ id: 'D-1', status: 'proposed' });
  });
});

describe('decisions-export', () => {
  it('writes to <dataDir>/decisions and replies with the path and counts', async () => {
    const h = await harness();
    const dataDir = h.ops.config.dataDir;
    await seed(h);
    const r = await h.run('alice', 'decisions-export');
    expect(textOf(r)).toBe(`Exported 2 decisions to ${join(dataDir, 'decisions')}: 2 created, 0 updated, 0 unchanged.`);
    expect(r.message.context).toEqual([`Index: ${join(dataDir, 'decisions', 'index.md')}`]);
    expect(readdirSync(join(dataDir, 'decisions')).sort()).toEqual([D1, D2, 'index.md']);
    const audit = await h.ops.store.queryAudit({ limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'decision.export', outcome: 'ok' });
  });

  it('writes to decisions.exportDir when the config sets it', async () => {
    const exportDir = join(tempDir(), 'adr');
    const demo = loadConfig({});
    const h = await harness({ config: { ...demo, decisions: { exportDir, naming: 'madr' } } });
    await h.decide('Use Prometheus');
    const r = await h.run('bob', 'decisions-export');
    expect(textOf(r)).toBe(`Exported 1 decision to ${exportDir}: 1 created, 0 updated, 0 unchanged.`);
    expect(readdirSync(exportDir).sort()).toEqual(['0001-use-prometheus.md', 'index.md']);
  });

  it('needs the decide permission', async () => {
    const h = await harness();
    const r = await h.run('carol', 'decisions-export');
    expect(textOf(r)).toMatch(/^You need the decide permission/);
  });
});
