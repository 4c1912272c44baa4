/**
 * The store cannot take a write now (a full disk, a read-only directory, a database that does
 * not answer). Nothing was changed; the message says so in words the person can act on.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    /** The errno code behind it (ENOSPC, EROFS …), when there is one. */
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission is denied',
  EPERM: 'permission is denied',
  EIO: 'the disk reported an I/O error',
};

/** A failed write to a data file as a StoreUnavailableError; other errors pass through. */
export function writeFailure(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !(code in REASONS)) return err;
  // The path stays in the cause for the log; the person is told what happened and that nothing changed.
  return new StoreUnavailableError(`dayops cannot save changes: ${REASONS[code]} (${code}) where it keeps its data; nothing was changed.`, code, { cause: Object.assign(err as Error, { path }) });
}

/** What a failed filesystem call says about whether a write can succeed, for readiness. */
export function describeWriteFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code && code in REASONS ? `${REASONS[code]} (${code})` : (err as Error).message;
}
