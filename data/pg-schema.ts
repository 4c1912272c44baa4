import type { PoolClient } from 'pg';

/** The version this code writes; a database migrated by a newer dayops is refused. */
export const PG_SCHEMA_VERSION = 3;

/** Any constant works; it only has to be the same in every dayops process. */
const MIGRATION_LOCK = 7_263_900_101;

/** Each entry takes the schema from the version before it to its index + 1. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE dayops_records (
     kind text NOT NULL,
     id text NOT NULL,
     closed boolean NOT NULL DEFAULT false,
     doc jsonb NOT NULL,
     ord bigserial NOT NULL,
     PRIMARY KEY (kind, id)
   );
   CREATE INDEX dayops_records_kind_closed ON dayops_records (kind, closed, ord);
   CREATE TABLE dayops_counters (name text PRIMARY KEY, value bigint NOT NULL);
   CREATE TABLE dayops_audit (
     seq bigserial PRIMARY KEY,
     time text NOT NULL,
     actor_person text,
     actor_user text NOT NULL,
     target text,
     event jsonb NOT NULL
   );
   CREATE INDEX dayops_audit_target ON dayops_audit (target, seq);`,
  `CREATE TABLE dayops_leases (
     name text PRIMARY KEY,
     owner text NOT NULL,
     until timestamptz NOT NULL
   );`,
  // The audit hash chain: rows are sealed (numbered and hashed) in commit order after they commit.
  `ALTER TABLE dayops_audit ADD COLUMN n bigint UNIQUE, ADD COLUMN hash text;
   CREATE INDEX dayops_audit_unsealed ON dayops_audit (seq) WHERE n IS NULL;
   CREATE TABLE dayops_audit_head (
     id integer PRIMARY KEY CHECK (id = 1),
     n bigint NOT NULL,
     hash text NOT NULL
   );
   INSERT INTO dayops_audit_head (id, n, hash) VALUES (1, 0, '${'0'.repeat(64)}');`,
];

export class PgSchemaError extends Error {
  override readonly name = 'PgSchemaError';
}

/**
 * Brings the schema up to date under a transaction-scoped advisory lock: replicas starting
 * together queue on the lock, and the later ones find nothing left to do.
 */
export async function migratePg(client: PoolClient): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS dayops_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM dayops_schema');
    const from = rows[0]?.v ?? 0;
    if (from > PG_SCHEMA_VERSION) {
      throw new PgSchemaError(
        `The database was set up by a newer dayops (schema version ${from}; this one knows ${PG_SCHEMA_VERSION}); upgrade dayops or point DAYOPS_DATABASE_URL at another database.`,
      );
    }
    for (let v = from + 1; v <= PG_SCHEMA_VERSION; v++) {
      await client.query(MIGRATIONS[v - 1]!);
      await client.query('INSERT INTO dayops_schema (version) VALUES ($1)', [v]);
    }
    await client.query('COMMIT');
    return { from, to: PG_SCHEMA_VERSION };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
