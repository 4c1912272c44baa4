import { DateTime } from 'luxon';
import type { DecisionRecord } from '../../data/records/decision.js';
import { idNumber } from '../ids.js';
import type { Block } from './markers.js';
import { describeCheck } from '../checks/compare.js';

/** Front-matter keys the export owns; any other key in a file belongs to a person. */
export const MANAGED_KEYS = ['id', 'title', 'status', 'date', 'decision-makers', 'category', 'service', 'supersedes', 'superseded-by'] as const;

export interface RenderedDecision {
  frontMatter: Record<string, unknown>;
  blocks: Block[];
}

/**
 * A decision in MADR 4.0.0's layout (adr/madr, template/adr-template.md), section by section:
 * title, Context and Problem Statement, Considered Options, Decision Outcome with its "Chosen
 * option" line and `### Consequences`, then More Information for the links to other decisions.
 * `fileOf` names the exported file of another decision, for those links.
 */
export function renderDecision(d: DecisionRecord, tz: string, fileOf: (id: string) => string): RenderedDecision {
  const frontMatter: Record<string, unknown> = {
    id: d.id,
    title: d.title,
    status: d.status === 'superseded' && d.supersededBy ? `superseded by ${d.supersededBy}` : d.status,
    date: DateTime.fromISO(d.updatedAt, { zone: tz }).toISODate(),
    'decision-makers': d.decisionMakers,
    // MADR's consulted and informed are the team's to fill in; a re-export keeps what they wrote.
    consulted: [],
    informed: [],
    category: d.category,
    ...(d.service ? { service: d.service } : {}),
    ...(d.supersedes ? { supersedes: d.supersedes } : {}),
    ...(d.supersededBy ? { 'superseded-by': d.supersededBy } : {}),
  };
  const blocks: Block[] = [
    { name: 'title', content: `# ${d.title}` },
    { name: 'context', content: section('##', 'Context and Problem Statement', d.context) },
    { name: 'options', content: section('##', 'Considered Options', optionList(d.options)) },
    { name: 'outcome', content: section('##', 'Decision Outcome', outcome(d)) },
    { name: 'consequences', content: section('###', 'Consequences', d.consequences) },
    { name: 'links', content: section('##', 'More Information', links(d, fileOf)) },
  ];
  return { frontMatter, blocks };
}

function section(level: '##' | '###', heading: string, body: string | undefined): string {
  return `${level} ${heading}\n\n${body?.trim() ? body.trim() : '_Not recorded._'}`;
}

function optionList(options: readonly string[]): string | undefined {
  return options.length > 0 ? options.map((o) => `* ${o}`).join('\n') : undefined;
}

/** MADR's `Chosen option: "…", because ….`, then the recorded outcome and who decided. */
function outcome(d: DecisionRecord): string {
  // dayops itself accepts again a decision whose checks recovered; the person who decided stays.
  const decided = [...d.history].reverse().find((h) => (h.status === 'accepted' || h.status === 'rejected') && h.by !== 'dayops');
  if (!decided) return 'No option chosen yet: the decision is proposed.';
  const by = `${capital(decided.status)} by ${decided.by}.`;
  if (decided.status === 'rejected') return `No option chosen: rejected by ${decided.by}${decided.reason ? `, because ${unstop(decided.reason)}` : ''}.`;
  const recorded = d.outcome?.trim();
  const chosen = chosenOption(d.options, recorded) ?? recorded ?? d.title;
  const because = decided.reason ?? (recorded && recorded !== chosen ? recorded : `${decided.by} accepted it`);
  const lines = [`Chosen option: "${chosen}", because ${unstop(because)}.`];
  if (recorded && recorded !== chosen && recorded !== because) lines.push(recorded);
  lines.push(by);
  return lines.join('\n\n');
}

/** The considered option the outcome names (the longest that appears in it), or the only one. */
function chosenOption(options: readonly string[], recorded: string | undefined): string | undefined {
  if (!recorded) return options.length === 1 ? options[0] : undefined;
  const text = recorded.toLowerCase();
  return [...options].sort((a, b) => b.length - a.length).find((o) => o.trim() !== '' && text.includes(o.toLowerCase()));
}

function unstop(text: string): string {
  return text.trim().replace(/[.!]+$/, '');
}

function links(d: DecisionRecord, fileOf: (id: string) => string): string {
  const lines: string[] = [`Recorded in dayops as ${d.id} (${d.category}, ${d.service ?? 'all services'}); status **${d.status}**, owner ${d.owner}.`];
  if (d.status === 'needs-review') lines.push(`Needs review: ${d.statusReason ?? 'a check breached'}.`);
  if (d.checks && d.checks.length > 0) lines.push(['Checks:', '', ...d.checks.map((c) => `* ${describeCheck(c)}${c.last ? ` (${c.last.state}: ${c.last.message})` : ''}`)].join('\n'));
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

/** How exported files are named: MADR's `0007-<slug>.md` (the default), or `D-7-<slug>.md`. */
export type DecisionNaming = 'madr' | 'id';

export function decisionFileName(d: Pick<DecisionRecord, 'id' | 'title'>, naming: DecisionNaming): string {
  const prefix = naming === 'madr' ? String(idNumber(d.id)).padStart(4, '0') : d.id;
  return `${prefix}-${slugify(d.title)}.md`;
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
