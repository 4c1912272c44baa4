/**
 * Error codes that mean the store cannot be reached or written right now (a database that is
 * down or restarting, a full or read-only disk), as opposed to a bug. Work that meets one backs
 * off and tries again; a person is told that nothing was changed.
 */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOSPC',
  'EROFS',
  'EDQUOT',
  'EIO',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection failures.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

const OUTAGE_MESSAGES = [/connection terminated/i, /terminating connection/i, /the database system is (starting up|shutting down)/i, /timeout exceeded when trying to connect/i];

export function isStoreOutage(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && OUTAGE_CODES.has(code)) return true;
    if (OUTAGE_MESSAGES.some((re) => re.test(e instanceof Error ? e.message : ''))) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isStoreOutage(inner))) return true;
  }
  return false;
}
