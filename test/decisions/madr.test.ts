import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportDecisions } from '../../bot/decisions/export.js';
import { tempDir } from '../support/temp-dir.js';
import { harness } from './harness.js';

const TEMPLATE = readFileSync(new URL('../fixtures/madr/adr-template-4.0.0.md', import.meta.url), 'utf8');

interface Outline {
  front: Record<string, unknown>;
  /** `## Decision Outcome`, `### Consequences`: every heading but placeholders (`{title of option 1}`). */
  headings: string[];
  body: string;
}

function outline(text: string): Outline {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error('no front matter');
  const body = text.slice(m[0].length).replace(/^<!-- .* -->\n?/gm, '');
  const headings = [...body.matchAll(/^(#{1,3}) (.+)$/gm)].filter((h) => !h[2]!.startsWith('{')).map((h) => `${h[1]} ${h[2]}`);
  return { front: parse(m[1]!.replace(/\{[^}]*\}/g, 'x').replace(/"/g, '')) as Record<string, unknown>, headings, body };
}

/** The template's sections a decision record always has (the rest are marked optional there). */
const REQUIRED = ['## Context and Problem Statement', '## Considered Options', '## Decision Outcome'];

describe('the decision export against the MADR 4.0.0 template', () => {
  it('has the template\'s front matter keys and its sections, at the template\'s levels and in its order', async () => {
    const h = await harness();
    await h.decide('Nightly PostgreSQL backups --category database --service api --context A disk failure loses a day of orders. --options "pg_dump nightly; WAL archiving; none" --outcome WAL archiving to object storage --consequences "Good, because a restore takes minutes"');
    await h.run('bob', 'decision accept D-1 --reason agreed in review');
    const dir = tempDir();
    await exportDecisions(h.ops, dir);
    const template = outline(TEMPLATE);
    const ours = outline(readFileSync(join(dir, '0001-nightly-postgresql-backups.md'), 'utf8'));

    for (const key of Object.keys(template.front)) expect(Object.keys(ours.front), key).toContain(key);

    // One title, first; then sections that the template has, each where the template puts it.
    expect(ours.headings[0]).toBe('# Nightly PostgreSQL backups');
    const sections = ours.headings.slice(1);
    for (const required of REQUIRED) expect(sections).toContain(required);
    const positions = sections.map((s) => template.headings.indexOf(s));
    expect(positions.every((p) => p >= 0), `not in the template: ${sections.filter((_, i) => positions[i]! < 0).join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(sections).toEqual(['## Context and Problem Statement', '## Considered Options', '## Decision Outcome', '### Consequences', '## More Information']);

    // The outcome opens as the template's does.
    const templateLine = /^Chosen option: "\{title of option 1\}", because \{justification/m.exec(template.body);
    expect(templateLine).not.toBeNull();
    expect(ours.body).toMatch(/^## Decision Outcome\n\nChosen option: "WAL archiving", because agreed in review\.$/m);
  });

  it('names files as MADR does (0001-slug.md) by default, D-1-slug.md with decisions.naming: id', async () => {
    const madr = await harness();
    await madr.decide('Use Prometheus --category monitoring');
    const a = tempDir();
    await exportDecisions(madr.ops, a);
    expect(readFileSync(join(a, 'index.md'), 'utf8')).toContain('| [D-1](0001-use-prometheus.md) | Use Prometheus |');

    const byId = await harness();
    byId.ops.config.decisions.naming = 'id';
    await byId.decide('Use Prometheus --category monitoring');
    const b = tempDir();
    await exportDecisions(byId.ops, b);
    expect(readFileSync(join(b, 'index.md'), 'utf8')).toContain('| [D-1](D-1-use-prometheus.md) | Use Prometheus |');
  });
});
