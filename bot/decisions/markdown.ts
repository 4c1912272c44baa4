import { DateTime } from 'luxon';
import type { DecisionRecord } from '../../data/records/decision.js';
import type { Block } from './markers.js';

/** Front-matter keys the export owns; any other key in a file belongs to a person. */
export const MANAGED_KEYS = ['id', 'title', 'status', 'date', 'decision-makers', 'category', 'service', 'supersedes', 'superseded-by'] as const;

export interface RenderedDecision {
  frontMatter: Record<string, unknown>;
  blocks: Block[];
}

/** `fileOf` names the exported file of another decision, for the supersede links. */
export function renderDecision(d: DecisionRecord, tz: string, fileOf: (id: string) => string): RenderedDecision {
  const frontMatter: Record<string, unknown> = {
    id: d.id,
    title: d.title,
    status: d.status,
    date: DateTime.fromISO(d.updatedAt, { zone: tz }).toISODate(),
    'decision-makers': d.decisionMakers,
    category: d.category,
    ...(d.service ? { service: d.service } : {}),
    ...(d.supersedes ? { supersedes: d.supersedes } : {}),
    ...(d.supersededBy ? { 'superseded-by': d.supersededBy } : {}),
  };
  const blocks: Block[] = [
    { name: 'title', content: `# ${d.id}: ${d.title}` },
    { name: 'links', content: links(d, fileOf) },
    { name: 'context', content: section('Context and Problem Statement', d.context) },
    { name: 'options', content: section('Considered Options', optionList(d.options)) },
    { name: 'outcome', content: section('Decision Outcome', outcome(d)) },
    { name: 'consequences', content: section('Consequences', d.consequences) },
  ];
  return { frontMatter, blocks };
}

function section(heading: string, body: string | undefined): string {
  return `## ${heading}\n\n${body?.trim() ? body.trim() : '_Not recorded._'}`;
}

function optionList(options: readonly string[]): string | undefined {
  return options.length > 0 ? options.map((o) => `* ${o}`).join('\n') : undefined;
}

function outcome(d: DecisionRecord): string | undefined {
  const decided = [...d.history].reverse().find((h) => h.status === 'accepted' || h.status === 'rejected');
  const status = decided ? `${capital(decided.status)} by ${decided.by}${decided.reason ? `: ${decided.reason}` : '.'}` : 'Proposed; not decided yet.';
  return d.outcome?.trim() ? `${d.outcome.trim()}\n\n${status}` : status;
}

function links(d: DecisionRecord, fileOf: (id: string) => string): string {
  const lines: string[] = [`Status: **${d.status}** · owner: ${d.owner}`];
  if (d.supersedes) lines.push(`Supersedes [${d.supersedes}](${fileOf(d.supersedes)}).`);
  if (d.supersededBy) {
    const reason = [...d.history].reverse().find((h) => h.status === 'superseded')?.reason;
    lines.push(`Superseded by [${d.supersededBy}](${fileOf(d.supersededBy)})${reason ? `: ${reason}` : '.'}`);
  }
  return lines.join('\n\n');
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `Use PostgreSQL 16 for billing!` → `use-postgresql-16-for-billing`. */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || 'decision';
}

/** The index: one table row per decision, linking its file. */
export function renderIndex(decisions: readonly DecisionRecord[], fileOf: (id: string) => string, tz: string): Block {
  const rows = decisions.map((d) =>
    [
      `[${d.id}](${fileOf(d.id)})`,
      cell(d.title),
      d.status,
      d.category,
      d.service ?? 'all',
      DateTime.fromISO(d.updatedAt, { zone: tz }).toISODate() ?? '',
    ].join(' | '),
  );
  const table = ['| id | title | status | category | service | date |', '|---|---|---|---|---|---|', ...rows.map((r) => `| ${r} |`)];
  return { name: 'index', content: decisions.length > 0 ? table.join('\n') : '_No decisions recorded yet._' };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
