import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { openLowdbStore, STATE_FILE } from './lowdb-store.js';
import { EMPTY_HEAD, linkEvents, plainEvent, type ChainHead } from './audit-chain.js';
import { insertAudit, setHead } from './pg-audit.js';
import { openPgStore } from './pg-store.js';
import { RECORD_SCHEMAS, type Kind } from './records/index.js';
import type { AuditEvent, Store } from './store.js';

/** What was moved, and whether both sides agree. */
export interface MigrationReport {
  lines: string[];
  ok: boolean;
}

interface Summary {
  counts: Map<string, number>;
  checksum: string;
}

/** JSON with keys sorted, so a record read back from JSONB hashes as the original does. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Counts per kind and state, and one checksum over every record, counter and audit event. */
async function summarise(store: Store, counters: Record<string, number>): Promise<Summary> {
  const hash = createHash('sha256');
  const counts = new Map<string, number>();
  for (const kind of Object.keys(RECORD_SCHEMAS).sort() as Kind[]) {
    for (const state of ['open', 'closed'] as const) {
      const records = await store.read((tx) => tx.list(kind, { state }));
      counts.set(`${kind} (${state})`, records.length);
      for (const r of [...records].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(`${kind}|${state}|${canonical(r)}\n`);
    }
  }
  hash.update(canonical(counters));
  let audit = 0;
  await store.exportAudit((line) => {
    audit++;
    // The events themselves: entries from before the chain are linked on the way in.
    hash.update(canonical(plainEvent(JSON.parse(line) as AuditEvent)));
  });
  counts.set('audit events', audit);
  return { counts, checksum: hash.digest('hex') };
}

async function readCounters(dir: string): Promise<Record<string, number>> {
  try {
    return (JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as { counters?: Record<string, number> }).counters ?? {};
  } catch {
    return {};
  }
}

/**
 * Copies an embedded store's records, counters and audit log into an empty PostgreSQL
 * database in one transaction, then compares counts and checksums of both sides.
 */
export async function migrateStore(fromDir: string, toUrl: string): Promise<MigrationReport> {
  const source = await openLowdbStore({ dir: fromDir, readOnly: true });
  try {
    const counters = await readCounters(fromDir);
    const before = await summarise(source, counters);
    // Opening creates the schema; the copy itself needs statements the Store does not offer.
    await (await openPgStore({ url: toUrl })).close();
    await copy(source, counters, toUrl);
    const target = await openPgStore({ url: toUrl });
    try {
      const after = await summarise(target, await readPgCounters(toUrl));
      return report(before, after);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copy(source: Store, counters: Record<string, number>, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM dayops_records) + (SELECT count(*) FROM dayops_audit) AS n');
    if (Number(rows[0]!.n) > 0) throw new Error('The target database already holds dayops data; migrate into an empty one.');
    for (const kind of Object.keys(RECORD_SCHEMAS) as Kind[]) {
      for (const state of ['open', 'closed'] as const) {
        for (const record of await source.read((tx) => tx.list(kind, { state }))) {
          await client.query('INSERT INTO dayops_records (kind, id, closed, doc) VALUES ($1, $2, $3, $4)', [kind, record.id, state === 'closed', JSON.stringify(record)]);
        }
      }
    }
    for (const [name, value] of Object.entries(counters)) await client.query('INSERT INTO dayops_counters (name, value) VALUES ($1, $2)', [name, value]);
    let batch: AuditEvent[] = [];
    let head: ChainHead = EMPTY_HEAD;
    const flush = async () => {
      // Linked again from the start: the same hashes for a chained log, a chain for an older one.
      const linked = linkEvents(head, batch.map(plainEvent));
      await insertAudit(client, linked.entries);
      head = linked.head;
      batch = [];
    };
    await source.exportAudit(async (line) => {
      batch.push(JSON.parse(line) as AuditEvent);
      if (batch.length >= 1000) await flush();
    });
    await flush();
    await setHead(client, head);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

async function readPgCounters(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; value: string }>('SELECT name, value FROM dayops_counters');
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.value)]));
  } finally {
    await client.end();
  }
}

function report(before: Summary, after: Summary): MigrationReport {
  const lines = ['what                         lowdb  postgres'];
  let ok = before.checksum === after.checksum;
  for (const [what, n] of before.counts) {
    const m = after.counts.get(what) ?? 0;
    if (n === 0 && m === 0) continue;
    if (n !== m) ok = false;
    lines.push(`${what.padEnd(28)} ${String(n).padStart(5)}  ${String(m).padStart(8)}${n === m ? '' : '  MISMATCH'}`);
  }
  lines.push(`checksum lowdb    ${before.checksum}`, `checksum postgres ${after.checksum}`, ok ? 'Verified: counts and checksums match.' : 'NOT verified: the copy differs; keep using the data directory.');
  return { lines, ok };
}
