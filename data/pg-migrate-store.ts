import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.js';
import { openLowdbStore } from './lowdb-store.js';
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
  /** `kind|state|id` of every record. */
  ids: Set<string>;
  counters: Record<string, number>;
  checksum: string;
}

export interface MigrateOptions {
  /** Id prefix → the counter that numbers it (`DEP` → `deployment`), for the check that no counter is behind an id. */
  idCounters?: Record<string, string>;
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

/** Counts per kind and state, every id, the counters, and one checksum over every record, counter and audit event. */
async function summarise(store: Store): Promise<Summary> {
  const hash = createHash('sha256');
  const counts = new Map<string, number>();
  const ids = new Set<string>();
  for (const kind of Object.keys(RECORD_SCHEMAS).sort() as Kind[]) {
    for (const state of ['open', 'closed'] as const) {
      const records = await store.inspect((tx) => tx.scan(kind, { state }));
      counts.set(`${kind} (${state})`, records.length);
      for (const r of [...records].sort((a, b) => (a.id < b.id ? -1 : 1))) {
        ids.add(`${kind}|${state}|${r.id}`);
        hash.update(`${kind}|${state}|${canonical(r)}\n`);
      }
    }
  }
  const counters = (await store.counters?.()) ?? {};
  hash.update(canonical(counters));
  let audit = 0;
  await store.exportAudit((line) => {
    audit++;
    // The events themselves: entries from before the chain are linked on the way in.
    hash.update(canonical(plainEvent(JSON.parse(line) as AuditEvent)));
  });
  counts.set('audit events', audit);
  return { counts, ids, counters, checksum: hash.digest('hex') };
}

/**
 * Copies an embedded store's records, counters and audit log into an empty PostgreSQL
 * database in one transaction, then compares counts, ids, counters and checksums of both sides.
 * The data directory's lock is taken first, so no bot writes to it meanwhile, and the store is
 * opened as a start would open it: the journal is replayed (counters included) and appends a
 * crash cut short are redone, so a directory left by a SIGKILL migrates whole.
 */
export async function migrateStore(fromDir: string, toUrl: string, options: MigrateOptions = {}): Promise<MigrationReport> {
  if (!existsSync(fromDir)) throw new Error(`${fromDir} does not exist; name the data directory with --from.`);
  const lock = await acquireDataDirLock(fromDir);
  try {
    const source = await openLowdbStore({ dir: fromDir });
    try {
      const before = await summarise(source);
      // Opening creates the schema; the copy itself needs statements the Store does not offer.
      await (await openPgStore({ url: toUrl })).close();
      await copy(source, before.counters, toUrl);
      const target = await openPgStore({ url: toUrl });
      try {
        return report(before, await summarise(target), options.idCounters ?? {});
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  } finally {
    await lock.release();
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
        for (const record of await source.inspect((tx) => tx.scan(kind, { state }))) {
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

function report(before: Summary, after: Summary, idCounters: Record<string, string>): MigrationReport {
  const lines = ['what                         lowdb  postgres'];
  const problems: string[] = [];
  for (const [what, n] of before.counts) {
    const m = after.counts.get(what) ?? 0;
    if (n === 0 && m === 0) continue;
    if (n !== m) problems.push(`${what}: ${n} in the data directory, ${m} in PostgreSQL`);
    lines.push(`${what.padEnd(28)} ${String(n).padStart(5)}  ${String(m).padStart(8)}${n === m ? '' : '  MISMATCH'}`);
  }
  const missing = [...before.ids].filter((id) => !after.ids.has(id));
  const extra = [...after.ids].filter((id) => !before.ids.has(id));
  if (missing.length > 0) problems.push(`ids missing in PostgreSQL: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}`);
  if (extra.length > 0) problems.push(`ids only in PostgreSQL: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ' …' : ''}`);
  for (const name of [...new Set([...Object.keys(before.counters), ...Object.keys(after.counters)])].sort()) {
    const n = before.counters[name] ?? 0;
    const m = after.counters[name] ?? 0;
    lines.push(`${`counter ${name}`.padEnd(28)} ${String(n).padStart(5)}  ${String(m).padStart(8)}${n === m ? '' : '  MISMATCH'}`);
    if (n !== m) problems.push(`counter ${name}: ${n} in the data directory, ${m} in PostgreSQL`);
  }
  problems.push(...countersBehindIds(after, idCounters));
  if (before.checksum !== after.checksum && problems.length === 0) problems.push('the checksums differ');
  lines.push(`checksum lowdb    ${before.checksum}`, `checksum postgres ${after.checksum}`);
  if (problems.length === 0) lines.push('Verified: counts, ids, counters and checksums match.');
  else lines.push(...problems.map((p) => `MISMATCH ${p}`), 'NOT verified: the copy differs; keep using the data directory.');
  return { lines, ok: problems.length === 0 };
}

/** A counter below an id it numbers would hand that id out again (D-1 written over a migrated D-1). */
function countersBehindIds(summary: Summary, idCounters: Record<string, string>): string[] {
  const highest = new Map<string, { n: number; id: string }>();
  for (const key of summary.ids) {
    const id = key.slice(key.lastIndexOf('|') + 1);
    const m = /^([A-Za-z]+)-(\d+)$/.exec(id);
    const counter = m && idCounters[m[1]!];
    if (!counter) continue;
    const n = Number(m[2]);
    if (n > (highest.get(counter)?.n ?? 0)) highest.set(counter, { n, id });
  }
  return [...highest].filter(([counter, { n }]) => (summary.counters[counter] ?? 0) < n).map(([counter, { id }]) => `counter ${counter} is ${summary.counters[counter] ?? 0} but ${id} exists, so it would be handed out again`);
}
