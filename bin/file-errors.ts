import { dirname } from 'node:path';

const REASONS: Record<string, (path: string) => string> = {
  ENOENT: (path) => `the folder ${dirname(path)} does not exist; create it first or name another file`,
  ENOTDIR: (path) => `a part of ${path} is a file, not a folder`,
  EEXIST: (path) => `${path} already exists and is not a folder; name a folder to write into`,
  EISDIR: (path) => `${path} is a folder; name a file`,
  EACCES: (path) => `this user may not write to ${path}`,
  EPERM: (path) => `this user may not write to ${path}`,
  ENOSPC: () => 'the disk is full',
  EROFS: (path) => `${path} is on a read-only file system`,
};

/** A file-system failure a person can fix, as one sentence; undefined for anything else (a bug). */
export function fileProblem(err: unknown, path: string): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ? REASONS[code] : undefined;
  return reason ? `Cannot write ${path}: ${reason(path)}.` : undefined;
}
