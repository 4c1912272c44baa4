import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../data/lowdb-store.js';
import type { Store } from '../data/store.js';
import { ms, percentile, verdict } from './stats.js';

const AUDIT_EVENTS = 1_000_000;
const CLOSED_RECORDS = 100_000;
const CHANGES = 2_000;

/** One typical state change: a record written and an audit event appended. */
export async function measureChanges(store: Store): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const t = performance.now();
    await store.transact(async (tx) => {
      const n = await tx.nextNumber('bench');
      await tx.put('job', { id: `bench-${i % 20}`, type: 'bench', dueAt: new Date().toISOString(), payload: { n }, createdAt: new Date().toISOString() });
      tx.audit({ time: new Date().toISOString(), actor: { platform: 'shell', userId: 'alice', person: 'alice' }, platform: 'shell', action: 'bench.change', target: `DEP-${n}`, outcome: 'ok', summary: `change ${n}` });
    });
    times.push(performance.now() - t);
  }
  return times;
}

async function writeLines(path: string, count: number, line: (i: number) => object): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    if (!out.write(JSON.stringify(line(i)) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Fills a data directory with a large history, as a busy installation has after years. */
export async function seedHistory(dir: string): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  await writeLines(join(dir, 'audit.jsonl'), AUDIT_EVENTS, (i) => ({
    seq: 1, time: at, actor: { platform: 'slack', userId: 'U024BE7LH', person: 'alice' }, platform: 'slack',
    action: 'deploy.request', target: `DEP-${i}`, outcome: 'ok', summary: `alice asked to deploy api 1.${i}.0 to production`,
  }));
  await writeLines(join(dir, 'archive.jsonl'), CLOSED_RECORDS, (i) => ({
    seq: 1, kind: 'post', id: `deployment:DEP-${i}`,
    record: { id: `deployment:DEP-${i}`, channel: 'slack:C0123456', ref: `1700000000.${String(i).padStart(6, '0')}`, postedAt: at, message: { title: `Deployment DEP-${i}`, text: 'api 1.2.3 → production', tone: 'success' } },
  }));
  const store = await openLowdbStore({ dir });
  await store.transact(async (tx) => void (await tx.nextNumber('seed')));
  await store.close();
}

function coldStart(dir: string): { openMs: number; processMs: number; openRssMb: number; records: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/store-cold-start.ts', dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export async function runStoreBench(): Promise<string[]> {
  const lines: string[] = ['## Store: a state change with and without a large history'];
  const empty = mkdtempSync(join(tmpdir(), 'dayops-bench-empty-'));
  const full = mkdtempSync(join(tmpdir(), 'dayops-bench-full-'));
  try {
    const small = await openLowdbStore({ dir: empty, sync: true });
    const idle = await measureChanges(small);
    await small.close();
    await seedHistory(full);
    const cold = coldStart(full);
    const big = await openLowdbStore({ dir: full, sync: true });
    const loaded = await measureChanges(big);
    await big.close();
    const p50Empty = percentile(idle, 50);
    const p50Full = percentile(loaded, 50);
    const ratio = p50Full / p50Empty;
    lines.push(
      `empty history:   p50 ${ms(p50Empty)}, p99 ${ms(percentile(idle, 99))} (${CHANGES} changes)`,
      `full history:    p50 ${ms(p50Full)}, p99 ${ms(percentile(loaded, 99))} (${AUDIT_EVENTS.toLocaleString('en')} audit events, ${CLOSED_RECORDS.toLocaleString('en')} closed records)`,
      `p50 ratio:       ${ratio.toFixed(2)} (target ≤ 1.5: ${verdict(ratio <= 1.5)}); p50 at full size target ≤ 5 ms: ${verdict(p50Full <= 5)}`,
      `cold start:      store open ${ms(cold.openMs)}, process start to ready ${ms(cold.processMs)} (target ≤ 1.5 s: ${verdict(cold.processMs <= 1500)})`,
      `RSS:             ${cold.openRssMb.toFixed(0)} MB once open (target ≤ 250 MB: ${verdict(cold.openRssMb <= 250)}); peak ${cold.maxRssMb.toFixed(0)} MB after reading all ${cold.records.toLocaleString('en')} closed records back`,
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(full, { recursive: true, force: true });
  }
  return lines;
}
