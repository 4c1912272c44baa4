import type pg from 'pg';

const guarded = new WeakSet<pg.PoolClient>();

/**
 * A pooled client. The pool listens for errors only on idle clients; a connection that the
 * server drops while a client is checked out (an outage, a restart) emits 'error' on the client
 * itself, which would end the process. The query under way fails, and that failure is handled.
 */
export async function connectGuarded(pool: pg.Pool, onLost: (err: Error) => void): Promise<pg.PoolClient> {
  const client = await pool.connect();
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on('error', onLost);
  }
  return client;
}

/** Whether an error means the connection itself is gone (so the client must not be reused). */
export function isConnectionLost(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (/^(08|57P0)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))) return true;
  return /connection terminated|terminating connection|not queryable|Client has encountered a connection error/i.test(err.message);
}
