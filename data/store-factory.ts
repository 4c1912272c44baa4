import type { Logger, StoreConfig } from './ports.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { openLowdbStore } from './lowdb-store.js';
import { PgSchemaError } from './pg-schema.js';
import { openPgStore } from './pg-store.js';
import type { Store } from './store.js';

export type StoreBackend = 'postgres' | 'lowdb';

export interface OpenedStore {
  store: Store;
  backend: StoreBackend;
  /** Releases what only one process may hold (the data directory's lock); after `store.close()`. */
  release(): Promise<void>;
}

/** The database named by DAYOPS_DATABASE_URL cannot be used; the message says why and what to check. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/**
 * PostgreSQL when DAYOPS_DATABASE_URL is set (several replicas may share it), the embedded lowdb
 * store in the data directory otherwise (one process owns it, so it is locked).
 */
export async function openStore(config: StoreConfig, log: Logger): Promise<OpenedStore> {
  const url = config.secrets.databaseUrl;
  if (url) return { store: await openDatabase(url, log), backend: 'postgres', release: async () => {} };
  const lock = await acquireDataDirLock(config.dataDir);
  try {
    const store = await openLowdbStore({ dir: config.dataDir, log, sync: config.journalFsync });
    return { store, backend: 'lowdb', release: () => lock.release() };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/**
 * For exports and other one-off readers: the database, or the data directory opened read-only
 * without its lock, so it works beside the running bot.
 */
export async function openStoreForReading(config: StoreConfig, log: Logger): Promise<Store> {
  const url = config.secrets.databaseUrl;
  if (url) return openDatabase(url, log);
  return openLowdbStore({ dir: config.dataDir, log, readOnly: true });
}

async function openDatabase(url: string, log: Logger): Promise<Store> {
  try {
    return await openPgStore({ url, log: log.child({ part: 'store' }) });
  } catch (err) {
    if (err instanceof PgSchemaError) throw new StoreOpenError(err.message);
    throw new StoreOpenError(`Cannot use the database at ${describeUrl(url)} (DAYOPS_DATABASE_URL): ${(err as Error).message}`);
  }
}

/** Host, port and database, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'an unparseable URL';
  }
}
