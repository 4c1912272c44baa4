import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecisionRecord } from '../../data/records/decision.js';
import type { Ops } from '../ops.js';
import { allDecisions } from './find.js';
import { joinFrontMatter, mergeFrontMatter, splitFrontMatter } from './front-matter.js';
import { decisionFileName, MANAGED_KEYS, renderDecision, renderIndex, type DecisionNaming } from './markdown.js';
import { idNumber } from '../ids.js';
import { mergeBlocks, renderBlock } from './markers.js';

export const INDEX_FILE = 'index.md';

export interface ExportResult {
  dir: string;
  /** Decisions exported. */
  decisions: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The index file's path; it is not counted above. */
  index: string;
}

/**
 * Writes one MADR 4 Markdown file per decision (`0007-<slug>.md`, or `D-7-<slug>.md` with
 * `decisions.naming: id`) and an index into `dir`.
 * Existing files are updated in place: only the generated blocks and our front-matter keys
 * change; nothing is ever deleted. Used by `decisions-export` and `dayops export-decisions`.
 */
export async function exportDecisions(ops: Ops, dir: string): Promise<ExportResult> {
  await mkdir(dir, { recursive: true });
  const decisions = await ops.store.read((tx) => allDecisions(tx));
  const names = await fileNames(dir, decisions, ops.config.decisions.naming ?? 'madr');
  const fileOf = (id: string) => names.get(id) ?? `${id}.md`;
  const tz = ops.config.timezone;
  const index = join(dir, INDEX_FILE);
  const result: ExportResult = { dir, decisions: decisions.length, created: 0, updated: 0, unchanged: 0, index };
  for (const d of decisions) {
    const rendered = renderDecision(d, tz, fileOf);
    count(result, await writeMerged(join(dir, fileOf(d.id)), (old) => mergeDecisionFile(old, rendered)));
  }
  const table = renderIndex(decisions, fileOf, tz);
  await writeMerged(index, (old) => (old === undefined ? `# Decision records\n\n${renderBlock(table)}\n` : mergeBlocks(old, [table])));
  return result;
}

function mergeDecisionFile(old: string | undefined, rendered: ReturnType<typeof renderDecision>): string {
  if (old === undefined) return joinFrontMatter(rendered.frontMatter, `${rendered.blocks.map(renderBlock).join('\n\n')}\n`);
  const { data, body } = splitFrontMatter(old);
  return joinFrontMatter(mergeFrontMatter(rendered.frontMatter, data, MANAGED_KEYS), mergeBlocks(body, rendered.blocks));
}

/** A decision keeps the file it was first exported to, even if the slug rules change. */
async function fileNames(dir: string, decisions: readonly DecisionRecord[], naming: DecisionNaming): Promise<Map<string, string>> {
  const present = (await readdir(dir)).filter((f) => f.endsWith('.md'));
  const names = new Map<string, string>();
  for (const d of decisions) {
    const number = String(idNumber(d.id)).padStart(4, '0');
    const existing = present.find((f) => f === `${d.id}.md` || f.startsWith(`${d.id}-`) || f.startsWith(`${number}-`));
    names.set(d.id, existing ?? decisionFileName(d, naming));
  }
  return names;
}

type WriteOutcome = 'created' | 'updated' | 'unchanged';

async function writeMerged(path: string, merge: (old: string | undefined) => string): Promise<WriteOutcome> {
  const old = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const next = merge(old);
  if (next === old) return 'unchanged';
  // Write then rename, so a crash never leaves half a file where a person's notes were.
  await writeFile(`${path}.tmp`, next, 'utf8');
  await rename(`${path}.tmp`, path);
  return old === undefined ? 'created' : 'updated';
}

function count(result: ExportResult, outcome: WriteOutcome): void {
  result[outcome]++;
}
