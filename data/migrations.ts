/**
 * Migrations of state.json, one per version step, as plain functions over the parsed JSON.
 * `MIGRATIONS[n]` turns a version-n file into version n+1. Version 1 is the first format.
 */
export type Migration = (state: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Record<number, Migration> = {};

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Brings a state file up to `target`, refusing files written by a newer dayops. */
export function migrate(
  state: Record<string, unknown>,
  target: number,
  migrations: Record<number, Migration> = MIGRATIONS,
): { state: Record<string, unknown>; from: number } {
  const from = state.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    throw new MigrationError('it has no valid schemaVersion');
  }
  if (from > target) {
    throw new MigrationError(
      `it was written by a newer dayops (schema version ${from}; this one reads up to ${target}); upgrade dayops`,
    );
  }
  let current = state;
  for (let v = from; v < target; v++) {
    const step = migrations[v];
    if (!step) throw new MigrationError(`no migration from schema version ${v} to ${v + 1}`);
    current = { ...step(current), schemaVersion: v + 1 };
  }
  return { state: current, from };
}
